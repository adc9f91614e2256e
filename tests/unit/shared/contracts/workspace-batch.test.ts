import { describe, expect, it } from 'vitest';
import { CONTRACT } from '../../../../shared/contracts';
import type { SealcaseEvent } from '../../../../shared/model';
import { PageBuilder, toWirePage, type WirePage } from '../../../../shared/workspace';
import { aaa, http, nat } from '../../renderer/db/event-fixtures';

const schema = CONTRACT['workspace:next'].response;

function pagesOf(events: SealcaseEvent[], pageSize = 4): WirePage[] {
  const b = new PageBuilder('d'.repeat(64), pageSize);
  return [...b.push(events), ...b.finish()].map(toWirePage);
}

const events: SealcaseEvent[] = [
  http(5, 1),
  nat(3, 2),
  aaa(9, 3),
  http(null, 4),
  http(1, 5, { clientIp: '2001:db8::1' }),
  nat(2, 6),
];
const batch = (pages: unknown[]) => ({
  pages,
  warnings: [],
  done: false,
  parser: { name: 'p', version: '1.0.0' },
  bytes: 0,
  total: 0,
});

/** The path of the first issue, e.g. `pages.0.ts`. */
function firstIssue(value: unknown): string | null {
  const r = schema.safeParse(value);
  return r.success ? null : (r.error.issues[0]?.path.join('.') ?? '');
}

describe('workspace:next pages (per-page check)', () => {
  it('accepts the pages the builder makes, timed and untimed', () => {
    const pages = pagesOf(events);
    expect(pages.map((p) => p.count)).toEqual([4, 1, 1]);
    expect(pages[2]?.minTs).toBe(Infinity);
    expect(firstIssue(batch(pages))).toBeNull();
  });

  it('refuses a page whose parts disagree, naming the page and the field', () => {
    const good = pagesOf(events, 8)[0] as WirePage;
    expect(good.accRefs.length * good.ipRefs.length).toBeGreaterThan(0);
    const cases: Array<[string, Partial<Record<keyof WirePage, unknown>>]> = [
      ['ts', { ts: good.ts.slice(0, 3) }],
      ['ts', { ts: Float64Array.from([...good.ts].reverse()) }],
      ['ts', { minTs: 0 }],
      ['ts', { ts: [...good.ts] }],
      ['types', { types: Uint8Array.from([200, 0, 0, 0]) }],
      ['types', { typeMask: 1 }],
      ['ip4', { ip4: Uint32Array.from([9, 9]) }],
      ['ipRefs', { ipRefs: good.ipRefs.map(() => 99) }],
      ['ipStart', { ipStart: good.ipStart.slice(0, 2) }],
      ['accRefs', { accRefs: good.accRefs.map(() => 99) }],
      ['offsets', { json: good.json.slice(0, -1) }],
      ['offsets', { json: good.json.replaceAll('\n', ' ') }],
      ['count', { count: 0 }],
      ['count', { count: 10_000 }],
    ];
    for (const [field, change] of cases) {
      expect(firstIssue(batch([{ ...good, ...change }])), JSON.stringify(Object.keys(change))).toBe(
        `pages.0.${field}`,
      );
    }
    expect(firstIssue(batch([{ ...good, artefact: 'x' }]))).toBe('pages.0');
  });
});
