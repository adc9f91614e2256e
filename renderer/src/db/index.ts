export * from './schema';
export * from './workspace-db';
