export * from './types';
export * from './lines';
export * from './line-parser';
export * from './options';
export * from './registry';
export * from './run';
export * from './csv';
