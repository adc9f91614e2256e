export * from './ledger-writer';
export * from './ledger-lock';
export * from './case-certs';
export * from './verify-case';
export * from './node-crypto';
export * from './start-ledger';
export * from './custody-report';
export * from './acquisition-recorder';
