import type { SealcaseApi } from '../../../shared/contracts';

declare global {
  interface Window {
    /** As declared in renderer/src/bridge/api.ts: the preload's API, or the fake preload's. */
    readonly sealcase?: SealcaseApi;
  }
}
