export * from './case-file';
