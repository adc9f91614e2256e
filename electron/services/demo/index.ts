export * from './samples';
export * from './demo-identity';
export * from './build-demo-case';
export * from './export-demo';
export * from './app-demo';
