export * from './sealcase-error';
export * from './case-error';
export * from './ipc-error';
export * from './intake-error';
export * from './identity-error';
export * from './parse-error';
export * from './custody-error';
export * from './report-error';
