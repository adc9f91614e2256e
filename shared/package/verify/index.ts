export * from './types';
export * from './reader';
export * from './verify-package';
export * from './zip-package-reader';
export { pemCertificate } from './certificates';
export { cmsStrictProblem } from './cms-strict';
