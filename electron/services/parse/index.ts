export * from './text-source';
export * from './parse-file';
