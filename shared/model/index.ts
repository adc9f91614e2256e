export * from './case-file';
export * from './event';
export * from './artefact';
