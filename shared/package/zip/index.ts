export * from './byte-source';
export * from './crc32';
export * from './limits';
export * from './entry-name';
export * from './open-zip';
export * from './entry-stream';
