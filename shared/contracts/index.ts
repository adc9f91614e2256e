export * from './channels';
export * from './envelope';
export * from './schemas';
export * from './bridge';
