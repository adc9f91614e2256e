export * from './types';
export * from './engine';
export * from './observations';
export * from './deterministic-nat';
export * from './map-port-set';
export { ATTRIBUTION_CAVEAT } from './reasons';
