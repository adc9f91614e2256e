export * from './export-package';
export * from './verifier-page';
export { writeZip } from './zip-writer';
export { allInclusionProofs } from './merkle-proofs';
