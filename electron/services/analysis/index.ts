export * from './decision-store';
export * from './parse-preview';
export * from './attribution-run';
export * from './event-stream';
export * from './excerpt';
