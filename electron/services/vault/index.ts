export * from './multi-hash';
export * from './vault-fs';
export * from './vault-store';
export * from './inventory';
