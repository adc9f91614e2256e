export * from './profile';
export * from './headers';
export * from './cells';
export * from './table-reader';
export * from './stamp-options';
