export * from './channels';
export * from './envelope';
export * from './schemas';
export * from './export-schemas';
export * from './package-schemas';
export * from './bridge';
export * from './workspace-batch';
