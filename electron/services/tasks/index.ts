export * from './intake-tasks';
