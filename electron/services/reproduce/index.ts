export * from './report';
export * from './reproduce-package';
export { VerifiedPackage } from './verified-package';
