export * from './detect';
export * from './intake-service';
export * from './plan';
export * from './progress';
export * from './recorder';
