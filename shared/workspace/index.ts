export * from './event-fields';
export * from './page-types';
export * from './page-codec';
export * from './page-builder';
export * from './wire-page';
