import { runInNewContext } from 'node:vm';
import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import {
  CHANNELS,
  buildBridge,
  type RequestOf,
  type SealcaseApi,
} from '../../../../shared/contracts';

type Invoke = (channel: string, request: unknown) => Promise<unknown>;
type Subscribe = (listener: (event: unknown) => void) => () => void;
type BuildBridge = (channels: readonly string[], invoke: Invoke, subscribe: Subscribe) => unknown;
type Group = Record<string, (request?: unknown) => Promise<unknown>>;
type Bridge = Record<string, unknown> & { onProgress: (listener: unknown) => () => void };

/** The same source text, evaluated away from this module (as the e2e fake preload does). */
const source = buildBridge.toString();
const IMPLEMENTATIONS: [string, BuildBridge][] = [
  ['the imported buildBridge', buildBridge],
  ['new Function(buildBridge.toString())', new Function(`return ${source}`)() as BuildBridge],
  [
    'buildBridge.toString() in a fresh realm',
    runInNewContext(`(${source})`, Object.create(null) as object) as BuildBridge,
  ],
];

const TEST_CHANNELS = ['app:info', 'case:list', 'case:create', 'case:open', 'intake:add'];

function groupsOf(channels: readonly string[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const channel of channels) {
    const [ns, method] = channel.split(':') as [string, string];
    groups.set(ns, [...(groups.get(ns) ?? []), method]);
  }
  return groups;
}

function errorName(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return (error as { name?: string }).name;
  }
  return undefined;
}

describe.each(IMPLEMENTATIONS)('%s', (_label, build) => {
  function make(channels: readonly string[] = TEST_CHANNELS) {
    const results = new Map<string, Promise<unknown>>();
    const invoke = vi.fn<Invoke>((channel) => {
      const result = Promise.resolve({ ok: true, value: `reply to ${channel}` });
      results.set(channel, result);
      return result;
    });
    const unsubscribe = vi.fn<() => void>();
    const subscribe = vi.fn<Subscribe>(() => unsubscribe);
    const api = build(channels, invoke, subscribe) as Bridge;
    return { api, invoke, subscribe, unsubscribe, results };
  }
  const group = (api: Bridge, ns: string) => api[ns] as Group;

  it('returns a frozen object whose groups are frozen too', () => {
    const { api } = make();
    expect(Object.isFrozen(api)).toBe(true);
    for (const ns of groupsOf(TEST_CHANNELS).keys()) expect(Object.isFrozen(api[ns])).toBe(true);
    expect(() => {
      (api as Record<string, unknown>)['invoke'] = () => null;
    }).toThrow();
    expect(() => {
      group(api, 'case')['delete'] = () => Promise.resolve(null);
    }).toThrow();
    expect(() => {
      group(api, 'case')['create'] = () => Promise.resolve(null);
    }).toThrow();
  });

  it('has exactly one function per channel, grouped by namespace, plus onProgress', () => {
    const { api } = make();
    const groups = groupsOf(TEST_CHANNELS);
    expect(Object.keys(api).sort()).toEqual([...groups.keys(), 'onProgress'].sort());
    let functions = 0;
    for (const [ns, methods] of groups) {
      expect(Object.keys(group(api, ns)).sort()).toEqual([...methods].sort());
      for (const method of methods) {
        expect(typeof group(api, ns)[method]).toBe('function');
        functions++;
      }
    }
    expect(functions).toBe(TEST_CHANNELS.length);
    expect(typeof api.onProgress).toBe('function');
  });

  it('builds the real contract: one function per channel in CHANNELS', () => {
    const { api } = make(CHANNELS);
    const groups = groupsOf(CHANNELS);
    expect(Object.keys(api).sort()).toEqual([...groups.keys(), 'onProgress'].sort());
    for (const [ns, methods] of groups) {
      expect(Object.keys(group(api, ns)).sort()).toEqual([...methods].sort());
    }
  });

  it.each(TEST_CHANNELS.map((c) => [c] as const))(
    'the function for %s invokes that channel with the payload and returns its result',
    async (channel) => {
      const { api, invoke, results } = make();
      const [ns, method] = channel.split(':') as [string, string];
      const payload = { number: '1', title: `for ${channel}`, bytes: new Uint8Array([1, 2]) };
      const returned = group(api, ns)[method]?.(payload);
      expect(invoke).toHaveBeenCalledTimes(1);
      expect(invoke.mock.calls[0]?.[0]).toBe(channel);
      expect(invoke.mock.calls[0]?.[1]).toBe(payload);
      expect(returned).toBe(results.get(channel));
      await expect(returned).resolves.toEqual({ ok: true, value: `reply to ${channel}` });
    },
  );

  it('sends {} when the request is left out, and keeps falsy payloads as they are', () => {
    const { api, invoke } = make();
    void group(api, 'app')['info']?.();
    void group(api, 'case')['list']?.(undefined);
    void group(api, 'case')['open']?.(null);
    void group(api, 'case')['create']?.(0);
    expect(invoke.mock.calls).toEqual([
      ['app:info', {}],
      ['case:list', {}],
      ['case:open', null],
      ['case:create', 0],
    ]);
  });

  it('passes a rejected invoke through', async () => {
    const { api, invoke } = make();
    invoke.mockImplementationOnce(() => Promise.reject(new Error('ipc down')));
    await expect(group(api, 'case')['list']?.()).rejects.toThrow();
  });

  it('onProgress subscribes the listener and returns the unsubscribe function', () => {
    const { api, subscribe, unsubscribe, invoke } = make();
    const listener = vi.fn();
    const off = api.onProgress(listener);
    expect(subscribe).toHaveBeenCalledTimes(1);
    expect(subscribe.mock.calls[0]?.[0]).toBe(listener);
    expect(off).toBe(unsubscribe);
    off();
    expect(unsubscribe).toHaveBeenCalledTimes(1);
    expect(invoke).not.toHaveBeenCalled();
  });

  it('onProgress refuses a non-function listener without subscribing', () => {
    const { api, subscribe } = make();
    for (const bad of [undefined, null, 'listener', {}]) {
      expect(errorName(() => api.onProgress(bad))).toBe('TypeError');
    }
    expect(subscribe).not.toHaveBeenCalled();
  });

  it('never exposes invoke or subscribe themselves', () => {
    const { api, invoke, subscribe } = make();
    const seen: unknown[] = [];
    const walk = (value: unknown): void => {
      seen.push(value);
      if (typeof value === 'object' && value !== null) {
        for (const key of Reflect.ownKeys(value))
          walk((value as Record<PropertyKey, unknown>)[key]);
      }
    };
    walk(api);
    expect(seen).not.toContain(invoke);
    expect(seen).not.toContain(subscribe);
    const keys = [api, ...Object.values(api)].flatMap((v) =>
      typeof v === 'object' && v !== null ? Reflect.ownKeys(v).map(String) : [],
    );
    for (const forbidden of ['invoke', 'send', 'on', 'subscribe', 'ipcRenderer']) {
      expect(keys).not.toContain(forbidden);
    }
    // Calling every function must never hand invoke/subscribe back either.
    for (const [ns, methods] of groupsOf(TEST_CHANNELS)) {
      for (const method of methods) expect(group(api, ns)[method]?.({})).not.toBe(invoke);
    }
  });
});

describe('buildBridge source', () => {
  it('is self-contained: no module imports or bundler helpers in its text', () => {
    expect(source).toMatch(/^function buildBridge\(/);
    expect(source).not.toMatch(/__vite_ssr_|__vi_import|require\(|import\(|\bexports\b/);
  });

  it('is typed so that each function takes its channel request', () => {
    expectTypeOf<SealcaseApi['case']['create']>()
      .parameter(0)
      .toEqualTypeOf<RequestOf<'case:create'>>();
    expectTypeOf<SealcaseApi['onProgress']>().returns.toEqualTypeOf<() => void>();
  });
});
