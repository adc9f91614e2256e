export * from './open-package';
export * from './folder-reader';
export * from './fd-source';
export * from './node-verify-deps';
export * from './verify-package-at';
