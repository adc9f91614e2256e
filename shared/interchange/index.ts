export * from './case-uco';
export * from './case-uco-input';
export * from './case-uco-vocabulary';
export { uuidFromKey, NODE_ID_PREFIX } from './ids';
export * from './timesketch';
export * from './redact';
export * from './redact-fields';
export * from './redaction-statement';
