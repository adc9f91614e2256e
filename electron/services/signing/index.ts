export * from './sign-pdf';
export * from './sign-manifest';
export * from './node-engine';
export type { SignatureFields } from './placeholder';
