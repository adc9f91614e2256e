export * from './case-service';
export * from './case-layout';
