export * from './findings';
export * from './web-crypto';
export * from './create-signed-data';
export * from './verify-signed-data';
export * from './pdf-signature';
export { isSelfSigned } from './certificates';
