export * from './scan';
export * from './header';
export * from './kit';
