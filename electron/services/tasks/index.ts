export * from './intake-tasks';
export * from './attribution-tasks';
export * from './progress-emitter';
