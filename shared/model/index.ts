export * from './case-file';
export * from './artefact';
export * from './event';
export * from './analysis';
export * from './describe-event';
