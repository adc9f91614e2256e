export * from './handlers';
export * from './dispatch';
export * from './register';
export * from './sender';
