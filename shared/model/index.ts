export * from './case-file';
export * from './artefact';
export * from './event';
