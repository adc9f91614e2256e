export * from './record';
export * from './canonical';
export * from './hash';
export * from './merkle';
export * from './prepare';
export * from './verify';
export { fromBase64, fromHex, toBase64, toHex } from './bytes';
