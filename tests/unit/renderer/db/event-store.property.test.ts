import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SealcaseEvent } from '../../../../shared/model';
import {
  histogram,
  importEvents,
  positionAtTime,
  queryWindow,
  type EventFilters,
  type WindowQuery,
} from '../../../../renderer/src/db';
import {
  A,
  B,
  C,
  PARSER,
  aaa,
  at,
  batches,
  block,
  bruteHistogram,
  bruteWindow,
  http,
  mail,
  nat,
  openFresh,
  stored,
  type Stored,
} from './event-fixtures';

const IPS = ['203.0.113.7', '203.0.113.9', '100.64.1.2', '10.0.0.1', '2001:db8::1', '2001:db9::5'];
const USERS = ['alice', 'Bob', 'carol'];
const PATHS = ['/login', '/Admin', '/index.html', '/a"b'];

const time = fc.option(fc.integer({ min: 0, max: 40 }), { nil: null, freq: 6 });
const ip = fc.constantFrom(...IPS);
const port = fc.integer({ min: 0, max: 6 }).map((p) => 440 + p);

/** Events drawn from small pools, so filters and equal times hit often. */
const event: fc.Arbitrary<(line: number) => SealcaseEvent> = fc.oneof(
  fc
    .record({ t: time, ip, port, user: fc.constantFrom(...USERS), path: fc.constantFrom(...PATHS) })
    .map(
      (r) => (line: number) =>
        http(r.t, line, { clientIp: r.ip, clientPort: r.port, user: r.user, path: r.path }),
    ),
  fc
    .record({ t: fc.integer({ min: 0, max: 40 }), a: ip, b: ip, port })
    .map(
      (r) => (line: number) => nat(r.t, line, { insideIp: r.a, outsideIp: r.b, destPort: r.port }),
    ),
  fc
    .record({ t: time, ip, user: fc.constantFrom(...USERS) })
    .map((r) => (line: number) => aaa(r.t, line, { framedIp: r.ip, user: r.user })),
  fc
    .record({ t: fc.integer({ min: 0, max: 40 }), lo: port, span: fc.integer({ min: 0, max: 3 }) })
    .map((r) => (line: number) => block(r.t, line, { portStart: r.lo, portEnd: r.lo + r.span })),
  fc
    .record({ t: fc.integer({ min: 0, max: 40 }), user: fc.constantFrom(...USERS) })
    .map(
      (r) => (line: number) =>
        mail(r.t, line, `${r.user} <${r.user}@example.com>`, ['dave@example.com']),
    ),
);

const artefact = fc.record({
  makers: fc.array(event, { minLength: 3, maxLength: 40, size: 'medium' }),
  pageSize: fc.integer({ min: 1, max: 7 }),
  batch: fc.integer({ min: 1, max: 9 }),
  shuffle: fc.boolean(),
});

/** Each filter present about one time in four, so that combinations still match something. */
const sometimes = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: arb, weight: 1 });

const filters: fc.Arbitrary<EventFilters> = fc
  .record({
    types: sometimes(
      fc.subarray(['http:access', 'nat:session', 'aaa:session', 'nat:portblock'] as const),
    ),
    artefacts: sometimes(fc.subarray([A, B, C])),
    cidr: sometimes(
      fc.constantFrom('203.0.113.0/24', '100.64.0.0/10', '2001:db8::/32', '10.0.0.1', '::/0'),
    ),
    port: sometimes(port),
    account: sometimes(fc.constantFrom('ALICE', 'bob', 'dave@example.com', 'carol@example.com')),
    text: sometimes(fc.constantFrom('admin', 'LOGIN', '203.0.113', 'a"b', 'tcp', 'nothing-here')),
  })
  .map((r) => {
    const out: EventFilters = {};
    for (const [k, v] of Object.entries(r)) {
      if (v !== undefined) Object.assign(out, { [k]: v });
    }
    return out;
  });

const windowQuery: fc.Arbitrary<WindowQuery> = fc
  .record({
    filters,
    from: sometimes(fc.integer({ min: -2, max: 40 })),
    span: sometimes(fc.integer({ min: 0, max: 30 })),
    untimed: sometimes(fc.boolean()),
    offset: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 60 })),
    limit: fc.oneof(
      { arbitrary: fc.integer({ min: 2, max: 25 }), weight: 9 },
      { arbitrary: fc.integer({ min: 0, max: 1 }), weight: 1 },
    ),
  })
  .map((r) => ({
    ...r.filters,
    ...(r.from === undefined ? {} : { from: at(r.from) }),
    ...(r.span === undefined ? {} : { to: at((r.from ?? 0) + r.span) }),
    ...(r.untimed === undefined ? {} : { untimed: r.untimed }),
    offset: r.offset,
    limit: r.limit,
  }));

describe('the columnar store agrees with a brute-force filter', () => {
  it('queryWindow: same rows in the same order, same totals', async () => {
    let nonEmpty = 0;
    let queried = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(artefact, { minLength: 1, maxLength: 3 }),
        fc.array(windowQuery, { minLength: 1, maxLength: 6 }),
        async (arts, queries) => {
          const db = await openFresh();
          try {
            const all: Stored[] = [];
            for (const [i, art] of arts.entries()) {
              const id = [A, B, C][i] as string;
              let events = art.makers.map((make, line) => make(line + 1));
              if (art.shuffle) events = [...events].reverse();
              await importEvents(db, id, PARSER, batches(events, art.batch), undefined, {
                pageSize: art.pageSize,
              });
              all.push(...stored(id, events));
            }
            for (const q of queries) {
              const got = await queryWindow(db, q);
              const { matched, untimed } = bruteWindow(all, q);
              const offset = q.offset ?? 0;
              const want = matched.slice(offset, offset + (q.limit ?? 200));
              expect(got.total).toBe(matched.length);
              expect(got.untimed).toBe(untimed);
              expect(got.rows.map((r) => [r.ref.artefact, r.event])).toStrictEqual(
                want.map((s) => [s.artefact, s.event]),
              );
              for (const t of [at(0), at(17), at(40) + 1, Infinity]) {
                expect(await positionAtTime(db, q, t)).toBe(matched.filter((m) => m.ts < t).length);
              }
              queried++;
              if (got.rows.length > 1) nonEmpty++;
            }
          } finally {
            db.close();
          }
        },
      ),
      { numRuns: 120 },
    );
    // The property is only worth something if many queries return several rows.
    expect(nonEmpty / queried).toBeGreaterThan(0.15);
  });

  it('histogram: same counts per bucket', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(artefact, { minLength: 1, maxLength: 3 }),
        filters,
        fc.integer({ min: -2, max: 20 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 17 }),
        async (arts, f, from, span, buckets) => {
          const db = await openFresh();
          try {
            const all: Stored[] = [];
            for (const [i, art] of arts.entries()) {
              const id = [A, B, C][i] as string;
              const events = art.makers.map((make, line) => make(line + 1));
              await importEvents(db, id, PARSER, batches(events, art.batch), undefined, {
                pageSize: art.pageSize,
              });
              all.push(...stored(id, events));
            }
            const h = await histogram(db, {
              from: at(from),
              to: at(from + span),
              buckets,
              filters: f,
            });
            expect({ counts: h.counts, untimed: h.untimed, total: h.total }).toStrictEqual(
              bruteHistogram(all, at(from), at(from + span), buckets, f),
            );
          } finally {
            db.close();
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
