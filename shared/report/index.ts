export * from './input';
export * from './defaults';
export * from './validate';
export * from './build-report';
