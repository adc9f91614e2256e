export * from './layout';
export * from './package-paths';
export * from './manifest';
export * from './bag-info';
export * from './package-json';
export * from './finding-codes';
