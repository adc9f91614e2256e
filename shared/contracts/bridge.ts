import type { Channel } from './channels';
import type { Result } from './envelope';
import type { ProgressEventValue, RequestOf, ResponseOf } from './schemas';

/** `case:create` → `['case', 'create']`: the API groups channels by namespace. */
type Namespace<C extends string> = C extends `${infer N}:${string}` ? N : never;
type Method<C extends string> = C extends `${string}:${infer M}` ? M : never;

/** A request whose fields are all optional may be left out. */
type Fn<C extends Channel> =
  Record<never, never> extends RequestOf<C>
    ? (request?: RequestOf<C>) => Promise<Result<ResponseOf<C>>>
    : (request: RequestOf<C>) => Promise<Result<ResponseOf<C>>>;

/** `window.sealcase`: one function per channel, plus a progress subscription. Nothing else. */
export type SealcaseApi = {
  readonly [N in Namespace<Channel>]: {
    readonly [C in Channel as Namespace<C> extends N ? Method<C> : never]: Fn<C>;
  };
} & {
  readonly onProgress: (listener: (event: ProgressEventValue) => void) => () => void;
};

/**
 * Builds the object the preload exposes. It must stay self-contained (no imports used at run
 * time, no closures over module state): the end-to-end tests inject `buildBridge.toString()` into
 * the page so that the fake preload is this very code.
 */
export function buildBridge(
  channels: readonly string[],
  invoke: (channel: string, request: unknown) => Promise<unknown>,
  subscribe: (listener: (event: unknown) => void) => () => void,
): unknown {
  const api: Record<string, Record<string, (request?: unknown) => Promise<unknown>>> = {};
  for (const channel of channels) {
    const colon = channel.indexOf(':');
    const ns = channel.slice(0, colon);
    const method = channel.slice(colon + 1);
    const group = api[ns] ?? (api[ns] = {});
    group[method] = (request?: unknown) => invoke(channel, request === undefined ? {} : request);
  }
  const frozen: Record<string, unknown> = {};
  for (const [ns, group] of Object.entries(api)) frozen[ns] = Object.freeze(group);
  frozen['onProgress'] = (listener: (event: unknown) => void) => {
    if (typeof listener !== 'function') throw new TypeError('onProgress needs a function');
    return subscribe(listener);
  };
  return Object.freeze(frozen);
}
