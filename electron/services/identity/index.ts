export * from './identity';
export { PKCS12_WRITE_PARAMETERS, MIN_WRITE_ITERATIONS } from './pkcs12';
export * from './store';
