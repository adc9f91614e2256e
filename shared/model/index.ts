export * from './case-file';
export * from './event';
