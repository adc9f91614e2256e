import fc from 'fast-check';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHandlers, dispatch, type HandlerTable } from '../../../../electron/ipc';
import { CaseService } from '../../../../electron/services/cases';
import { CHANNELS, CaseDetail, CaseSummary, type Result } from '../../../../shared/contracts';
import { CASE_ERROR_CODES, CaseError, IPC_ERROR_CODES } from '../../../../shared/errors';
import { CaseFileV1 } from '../../../../shared/model';
import { snapshotTree } from '../../../helpers/fs-snapshot';
import { fixedDeps, tempDir } from '../../../helpers/temp-dir';

let root: string;
let casesRoot: string;
let cleanup: () => Promise<void>;
let handlers: HandlerTable;

const versions = { app: '0.0.0-test', electron: null, chromium: null, node: process.versions.node };

beforeEach(async () => {
  ({ path: root, cleanup } = await tempDir());
  casesRoot = join(root, 'cases');
  handlers = createHandlers({ cases: new CaseService(fixedDeps(casesRoot)), versions });
});

afterEach(async () => {
  await cleanup();
});

function errorCode(result: Result<unknown>): string | undefined {
  return result.ok ? undefined : result.error.code;
}

const valid = { number: '2026/0417', title: 'Account takeover', authority: 'Order 17/2026' };

describe('dispatch: refused payloads', () => {
  const malformed: [string, string, unknown][] = [
    ['case:create', 'a number where a string belongs', { ...valid, number: 2026 }],
    ['case:create', 'a missing title', { number: '1' }],
    ['case:create', 'an empty title', { number: '1', title: '  ' }],
    ['case:create', 'an extra key', { ...valid, path: '/etc' }],
    ['case:create', 'an authority that is not a string', { ...valid, authority: 17 }],
    ['case:create', 'a title with a control character', { ...valid, title: 'a\u0007b' }],
    ['case:create', 'null', null],
    ['case:create', 'a string', 'case'],
    ['case:create', 'an array', [valid]],
    ['case:create', 'undefined', undefined],
    ['case:open', 'a parent-folder id', { id: '../x.sealcase' }],
    ['case:open', 'an id with a slash', { id: 'a/b.sealcase' }],
    ['case:open', 'an absolute id', { id: '/etc/x.sealcase' }],
    ['case:open', 'a dot id', { id: '..' }],
    ['case:open', 'a hidden-folder id', { id: '.x.sealcase' }],
    ['case:open', 'an id with a backslash', { id: '..\\x.sealcase' }],
    ['case:open', 'an id without the suffix', { id: 'x' }],
    ['case:open', 'a numeric id', { id: 5 }],
    ['case:open', 'a missing id', {}],
    ['case:open', 'an extra key', { id: 'x.sealcase', path: '/etc' }],
    ['case:list', 'an unexpected key', { all: true }],
    ['case:list', 'null', null],
    ['app:info', 'an array', []],
  ];

  it.each(malformed)(
    '%s with %s → INVALID_PAYLOAD, cases folder unchanged',
    async (channel, _label, payload) => {
      // A real case in the folder, so "unchanged" covers existing content too.
      await handlers['case:create'](valid);
      const before = await snapshotTree(root);
      const result = await dispatch(handlers, channel, payload);
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
      expect(await snapshotTree(root)).toEqual(before);
    },
  );

  it('does not call the handler when the payload is refused', async () => {
    const create = vi.fn(handlers['case:create']);
    const result = await dispatch({ ...handlers, 'case:create': create }, 'case:create', {
      number: 1,
    });
    expect(errorCode(result)).toBe('INVALID_PAYLOAD');
    expect(create).not.toHaveBeenCalled();
  });

  it.each([
    ['case:delete'],
    ['CASE:LIST'],
    [''],
    ['case:list '],
    ['__proto__'],
    ['toString'],
    [42],
    [null],
    [undefined],
    [10n],
    [{}],
  ])('refuses channel %s with UNKNOWN_CHANNEL', async (channel) => {
    const result = await dispatch(handlers, channel, {});
    expect(errorCode(result)).toBe('UNKNOWN_CHANNEL');
  });
});

describe('dispatch: handler outcomes', () => {
  it('carries the code of a CaseError thrown by the service', async () => {
    expect((await dispatch(handlers, 'case:create', valid)).ok).toBe(true);
    const again = await dispatch(handlers, 'case:create', valid);
    expect(errorCode(again)).toBe('CASE_EXISTS');
    expect(errorCode(await dispatch(handlers, 'case:open', { id: 'missing.sealcase' }))).toBe(
      'CASE_NOT_FOUND',
    );
  });

  it('carries the code of a CaseError thrown by any handler', async () => {
    const table: HandlerTable = {
      ...handlers,
      'case:list': () => Promise.reject(new CaseError('CASE_IO', 'disk on fire')),
    };
    expect(await dispatch(table, 'case:list', {})).toEqual({
      ok: false,
      error: { code: 'CASE_IO', message: 'disk on fire' },
    });
  });

  it.each([
    ['a plain Error', new Error('boom')],
    ['a TypeError', new TypeError('x is undefined')],
    ['a string', 'just text'],
  ])('maps %s thrown by a handler to INTERNAL', async (_label, thrown) => {
    const table: HandlerTable = { ...handlers, 'app:info': () => Promise.reject(thrown) };
    const result = await dispatch(table, 'app:info', {});
    expect(errorCode(result)).toBe('INTERNAL');
    expect(result.ok ? '' : result.error.message).toEqual(expect.any(String));
  });

  it('maps a synchronous throw inside the handler to INTERNAL too', async () => {
    const table = {
      ...handlers,
      'app:info': () => {
        throw new Error('sync');
      },
    } as unknown as HandlerTable;
    expect(errorCode(await dispatch(table, 'app:info', {}))).toBe('INTERNAL');
  });

  it.each([
    ['app:info', { name: 1 }],
    ['app:info', null],
    ['case:list', { cases: [], problems: [], extra: 1 }],
    ['case:list', { cases: [{ id: '../x.sealcase' }], problems: [] }],
    ['case:open', undefined],
  ] as const)('maps a wrong response shape from %s to INVALID_RESPONSE', async (channel, value) => {
    const table = {
      ...handlers,
      [channel]: () => Promise.resolve(value),
    } as unknown as HandlerTable;
    const payload = channel === 'case:open' ? { id: 'x.sealcase' } : {};
    expect(errorCode(await dispatch(table, channel, payload))).toBe('INVALID_RESPONSE');
  });
});

describe('dispatch: success', () => {
  it('app:info returns the versions and the cases folder', async () => {
    expect(await dispatch(handlers, 'app:info', {})).toEqual({
      ok: true,
      value: {
        name: 'Sealcase',
        version: '0.0.0-test',
        electron: null,
        chromium: null,
        node: process.versions.node,
        casesRoot,
      },
    });
  });

  it('case:create, case:list and case:open round-trip through a real case folder', async () => {
    const created = await dispatch(handlers, 'case:create', valid);
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const summary = CaseSummary.parse(created.value);
    expect(summary).toMatchObject({
      id: '2026-0417.sealcase',
      number: '2026/0417',
      path: join(casesRoot, '2026-0417.sealcase'),
    });
    const onDisk: unknown = JSON.parse(await readFile(join(summary.path, 'case.json'), 'utf8'));
    expect(CaseFileV1.safeParse(onDisk).success).toBe(true);

    const listed = await dispatch(handlers, 'case:list', {});
    expect(listed).toEqual({ ok: true, value: { cases: [summary], problems: [] } });

    const opened = await dispatch(handlers, 'case:open', { id: summary.id });
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(CaseDetail.parse(opened.value)).toMatchObject({
      ...summary,
      examiners: [],
      formatVersion: 1,
    });
  });

  it('hands the handler the validated (trimmed) request, not the raw payload', async () => {
    const create = vi.fn(handlers['case:create']);
    const result = await dispatch({ ...handlers, 'case:create': create }, 'case:create', {
      number: '  CR-11  ',
      title: '\tTitle ',
    });
    expect(result.ok).toBe(true);
    expect(create).toHaveBeenCalledWith({ number: 'CR-11', title: 'Title' });
  });
});

describe('dispatch: property', () => {
  const knownCodes = new Set<string>([...IPC_ERROR_CODES, ...CASE_ERROR_CODES]);

  it('never throws and always returns a well-formed envelope', async () => {
    const anything = fc.anything({
      withBigInt: true,
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withObjectString: true,
      withSparseArray: true,
      withTypedArray: true,
      withUnicodeString: true,
    });
    const channel = fc.oneof(fc.constantFrom<unknown>(...CHANNELS), fc.string(), anything);
    const payload = fc.oneof(
      anything,
      fc.record(
        { number: fc.string(), title: fc.string(), authority: fc.string(), id: fc.string() },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(channel, payload, async (ch, pl) => {
        const result = await dispatch(handlers, ch, pl);
        expect(typeof result.ok).toBe('boolean');
        if (result.ok) {
          expect(Object.keys(result)).toEqual(['ok', 'value']);
        } else {
          expect(knownCodes.has(result.error.code)).toBe(true);
          expect(typeof result.error.message).toBe('string');
        }
      }),
      { numRuns: 300 },
    );
  });
});
