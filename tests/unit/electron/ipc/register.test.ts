import { describe, expect, it, vi } from 'vitest';
import { registerHandlers, type HandlerTable, type IpcMainLike } from '../../../../electron/ipc';
import type { FrameLike } from '../../../../electron/ipc/sender';
import { CHANNELS, type Result } from '../../../../shared/contracts';

type Listener = Parameters<IpcMainLike['handle']>[1];

function fakeIpcMain(): IpcMainLike & { calls: string[]; listeners: Map<string, Listener> } {
  const calls: string[] = [];
  const listeners = new Map<string, Listener>();
  return {
    calls,
    listeners,
    handle(channel, listener) {
      calls.push(channel);
      listeners.set(channel, listener);
    },
  };
}

const summary = {
  id: 'a.sealcase',
  uuid: '00000000-0000-4000-8000-000000000001',
  number: 'A',
  title: 'T',
  authority: null,
  created: '2026-11-22T10:00:00.000Z',
  path: '/cases/a.sealcase',
};

const locked = { unlocked: false, name: null, certSha256: null, notAfter: null };

function spyHandlers() {
  return {
    'app:info': vi.fn(() =>
      Promise.resolve({
        name: 'Sealcase',
        version: '1',
        electron: null,
        chromium: null,
        node: '20',
        casesRoot: '/c',
      }),
    ),
    'case:list': vi.fn(() => Promise.resolve({ cases: [], problems: [] })),
    'case:create': vi.fn(() => Promise.resolve(summary)),
    'case:createDemo': vi.fn(() =>
      Promise.resolve({
        case: summary,
        identityFile: '/cases/demo-identity/demo-examiner.p12',
        passphrase: 'sealcase-demo',
        reusedIdentity: false,
      }),
    ),
    'case:open': vi.fn(() =>
      Promise.resolve({
        ...summary,
        examiners: [],
        formatVersion: 1,
        tool: { name: 'sealcase', version: '1' },
      }),
    ),
    'artefacts:list': vi.fn(() => Promise.resolve({ artefacts: [], problems: [] })),
    'identity:status': vi.fn(() => Promise.resolve(locked)),
    'identity:unlock': vi.fn(() => Promise.resolve(locked)),
    'identity:lock': vi.fn(() => Promise.resolve(locked)),
    'identity:pick': vi.fn(() => Promise.resolve({ path: null })),
    'intake:pick': vi.fn(() => Promise.resolve({ paths: [] })),
    'intake:start': vi.fn(() => Promise.resolve({ task: 't-1' })),
    'intake:cancel': vi.fn(() => Promise.resolve({ cancelled: false })),
    'parse:formats': vi.fn(() => Promise.resolve({ formats: [] })),
    'parse:preview': vi.fn(() =>
      Promise.resolve({
        parser: { name: 'email', version: '1.0.0' },
        detected: [],
        events: [],
        warnings: [],
        complete: true,
      }),
    ),
    'parse:record': vi.fn(() => Promise.resolve({ sha256: 'a'.repeat(64), seq: 3 })),
    'parse:decisions': vi.fn(() => Promise.resolve({ decisions: [], problems: [] })),
    'attribution:run': vi.fn(() =>
      Promise.resolve({
        results: [],
        statusCounts: {},
        resultsSha256: 'a'.repeat(64),
        engineVersion: '1.0.0',
        inputs: [],
        warnings: [],
      }),
    ),
    'attribution:cancel': vi.fn(() => Promise.resolve({ cancelled: false })),
    'attribution:record': vi.fn(() => Promise.resolve({ sha256: 'a'.repeat(64), seq: 9 })),
    'workspace:sources': vi.fn(() => Promise.resolve({ sources: [] })),
    'workspace:open': vi.fn(() => Promise.resolve({ stream: 's-1' })),
    'workspace:next': vi.fn(() =>
      Promise.resolve({ pages: [], warnings: [], done: true, parser: null, bytes: 0, total: 0 }),
    ),
    'workspace:close': vi.fn(() => Promise.resolve({ closed: true })),
    'workspace:excerpt': vi.fn(() => Promise.resolve({ text: '', truncated: false, found: false })),
    'analysis:list': vi.fn(() => Promise.resolve({ bookmarks: [], corrections: [] })),
    'analysis:bookmark': vi.fn(() => Promise.resolve({ sha256: 'a'.repeat(64), seq: 4 })),
    'analysis:correctClock': vi.fn(() => Promise.resolve({ sha256: 'a'.repeat(64), seq: 5 })),
    'profiles:list': vi.fn(() => Promise.resolve({ profiles: [], problems: [] })),
    'profiles:save': vi.fn(() => Promise.resolve({ file: 'isp-reply--x.json' })),
    'custody:verify': vi.fn(() =>
      Promise.resolve({
        status: 'no-ledger' as const,
        records: [],
        totalVerified: 0,
        firstBad: null,
        warnings: [],
        root: null,
        checkpoints: 0,
        verifiedAt: '2026-11-23T00:00:00.000Z',
      }),
    ),
    'export:run': vi.fn(() =>
      Promise.resolve({
        packages: [
          {
            package: { handle: 'pkg-1', path: '/p', name: 'p', form: 'folder' as const },
            packageId: 'urn:uuid:1',
            manifestSha256: 'a'.repeat(64),
            files: 3,
            bytes: 10,
            redaction: 'none' as const,
            withheld: [],
          },
        ],
      }),
    ),
    'export:cancel': vi.fn(() => Promise.resolve({ cancelled: false })),
    'export:list': vi.fn(() => Promise.resolve({ exports: [], problems: [] })),
    'package:open': vi.fn(() => Promise.resolve({ package: null })),
    'package:verify': vi.fn(() =>
      Promise.resolve({
        valid: true,
        findings: [],
        checks: [],
        summary: {
          form: 'folder' as const,
          packageId: null,
          caseNumber: null,
          files: 0,
          bytes: 0,
          manifestSha256: null,
          ledger: null,
          anchors: [],
          signer: null,
        },
        verifiedAt: '2026-11-23T00:00:00.000Z',
      }),
    ),
    'package:view': vi.fn(() =>
      Promise.resolve({
        case: null,
        bagInfo: null,
        certificates: [],
        artefacts: [],
        custody: { records: [], total: 0 },
        events: null,
        attributionResults: null,
        report: null,
        problems: [],
      }),
    ),
    'package:cancel': vi.fn(() => Promise.resolve({ cancelled: false })),
  } satisfies HandlerTable;
}

function setup() {
  const ipc = fakeIpcMain();
  const handlers = spyHandlers();
  registerHandlers(ipc, handlers);
  const call = (
    channel: string,
    frame: FrameLike | null,
    payload: unknown,
  ): Promise<Result<unknown>> => {
    const listener = ipc.listeners.get(channel);
    if (listener === undefined) throw new Error(`${channel} not registered`);
    return listener({ senderFrame: frame }, payload);
  };
  return { ipc, handlers, call };
}

const trusted: FrameLike = { url: 'sealcase://app/index.html', parent: null };

describe('registerHandlers', () => {
  it('registers every channel of the contract exactly once, and nothing else', () => {
    const { ipc } = setup();
    expect([...ipc.calls].sort()).toEqual([...CHANNELS].sort());
    expect(new Set(ipc.calls).size).toBe(ipc.calls.length);
  });

  it('runs a call from the top frame of sealcase://app', async () => {
    const { handlers, call } = setup();
    const result = await call('app:info', trusted, {});
    expect(result).toMatchObject({ ok: true, value: { name: 'Sealcase' } });
    expect(handlers['app:info']).toHaveBeenCalledTimes(1);
  });

  it('still validates the payload of a trusted call', async () => {
    const { handlers, call } = setup();
    const result = await call('case:open', trusted, { id: '../x.sealcase' });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    expect(handlers['case:open']).not.toHaveBeenCalled();
  });

  const refused: [string, FrameLike | null][] = [
    ['a foreign https origin', { url: 'https://evil.example/index.html', parent: null }],
    ['a file: page', { url: 'file:///work/main/out/renderer/index.html', parent: null }],
    ['another host on our scheme', { url: 'sealcase://evil/index.html', parent: null }],
    ['a look-alike host', { url: 'sealcase://app.evil.example/index.html', parent: null }],
    ['a host with a port', { url: 'sealcase://app:8080/index.html', parent: null }],
    ['a data: URL', { url: 'data:text/html,<script>1</script>', parent: null }],
    ['about:blank', { url: 'about:blank', parent: null }],
    ['an unparsable URL', { url: 'not a url', parent: null }],
    [
      'a subframe of our own page',
      { url: 'sealcase://app/index.html', parent: { url: 'sealcase://app/index.html' } },
    ],
    ['a destroyed frame (null)', null],
  ];

  it.each(refused)(
    'refuses %s with FORBIDDEN_SENDER on every channel, without calling the handler',
    async (_label, frame) => {
      const { handlers, call } = setup();
      for (const channel of CHANNELS) {
        const payload =
          channel === 'case:open'
            ? { id: 'a.sealcase' }
            : channel === 'case:create'
              ? { number: 'A', title: 'T' }
              : {};
        const result = await call(channel, frame, payload);
        expect(result, channel).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
      }
      for (const handler of Object.values(handlers)) expect(handler).not.toHaveBeenCalled();
    },
  );

  it('checks the sender before the payload', async () => {
    const { call } = setup();
    const result = await call(
      'case:open',
      { url: 'https://evil.example/', parent: null },
      { id: '../x' },
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
  });

  it('uses the trust predicate it is given', async () => {
    const ipc = fakeIpcMain();
    const handlers = spyHandlers();
    const trust = vi.fn(() => false);
    registerHandlers(ipc, handlers, trust);
    const result = await ipc.listeners.get('case:list')?.({ senderFrame: trusted }, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(trust).toHaveBeenCalledWith(trusted);
    expect(handlers['case:list']).not.toHaveBeenCalled();
  });
});
