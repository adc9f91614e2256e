export * from './parser';
export * from './mapper';
