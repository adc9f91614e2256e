export * from './intake-tasks';
export * from './attribution-tasks';
