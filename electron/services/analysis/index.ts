export * from './decision-store';
export * from './parse-preview';
