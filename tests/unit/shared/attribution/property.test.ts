import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Observation } from '../../../../shared/attribution';
import type { SealcaseEvent } from '../../../../shared/model/event';
import { aaa, obs, pb, createCheckedEngine } from './helpers';

/**
 * The engine against a naive O(n·m) reference written here from the definitions: half-open
 * intervals, every candidate within ±tolerance, chain NAT → inside address → AAA account.
 * Records are well-formed (every allocation released, every Start stopped), so no inference.
 */

const T0 = Date.UTC(2024, 2, 5);
const iso = (minute: number): string => new Date(T0 + minute * 60_000).toISOString();
const OUTSIDE = ['81.2.69.1', '81.2.69.2'];
const BLOCKS: Array<[number, number]> = [
  [1024, 1535],
  [1536, 2047],
];
const INSIDE = ['100.64.0.1', '100.64.0.2', '100.64.0.3', '100.64.0.4'];
const USERS = ['u1', 'u2', 'u3'];

interface Seg {
  gap: number;
  len: number;
  who: number;
}
const segs = (whoMax: number) =>
  fc.array(
    fc.record({
      gap: fc.integer({ min: 0, max: 20 }),
      len: fc.integer({ min: 1, max: 40 }),
      who: fc.integer({ min: 0, max: whoMax }),
    }),
    { maxLength: 4 },
  );

const scenario = fc.record({
  nat: fc.array(segs(INSIDE.length - 1), {
    minLength: OUTSIDE.length * BLOCKS.length,
    maxLength: OUTSIDE.length * BLOCKS.length,
  }),
  aaa: fc.array(segs(USERS.length - 1), { minLength: INSIDE.length, maxLength: INSIDE.length }),
  tolerance: fc.integer({ min: 0, max: 3 }),
  observations: fc.array(
    fc.record({
      ip: fc.constantFrom(...OUTSIDE, '81.2.69.3'),
      port: fc.option(fc.integer({ min: 1000, max: 2100 }), { nil: undefined }),
      minute: fc.integer({ min: -10, max: 250 }),
      second: fc.constantFrom(0, 30),
    }),
    { minLength: 1, maxLength: 15 },
  ),
});

interface NatI {
  outside: string;
  lo: number;
  hi: number;
  inside: string;
  s: number;
  e: number;
}
interface AaaI {
  inside: string;
  user: string;
  s: number;
  e: number;
}

function timeline(
  list: Seg[],
  start: number,
  each: (s: number, e: number, who: number) => void,
): void {
  let t = start;
  for (const seg of list) {
    const s = t + seg.gap;
    const e = s + seg.len;
    each(s, e, seg.who);
    t = e;
  }
}

function reference(
  natI: NatI[],
  aaaI: AaaI[],
  natTimes: number[],
  aaaTimes: number[],
  o: Observation,
  tolMs: number,
): { status: string; subscribers: string[]; sharedBy: number | null } {
  const t = Date.parse(o.ts);
  const a = t - tolMs;
  const b = t + tolMs;
  const natIps = new Set(natI.map((x) => x.outside));
  const aaaInsides = new Set(aaaI.map((x) => x.inside));
  const span = (ts: number[]) =>
    ts.length === 0 ? [Infinity, -Infinity] : [Math.min(...ts), Math.max(...ts)];
  const [ns, ne] = span(natTimes);
  const [as, ae] = span(aaaTimes);
  const users = new Set<string>();
  let uncovered = 0;
  const hits = natI.filter(
    (x) =>
      x.outside === o.ip &&
      (o.port === undefined || (o.port >= x.lo && o.port <= x.hi)) &&
      x.s <= b &&
      x.e > a,
  );
  for (const h of hits) {
    const a2 = Math.max(a, h.s);
    const b2 = Math.min(b, h.e - 1);
    const acc = aaaI.filter((x) => x.inside === h.inside && x.s <= b2 && x.e > a2);
    for (const x of acc) users.add(x.user);
    if (acc.length === 0) {
      const covered = aaaInsides.has(h.inside) && (as ?? 0) <= b2 && (ae ?? 0) >= a2;
      if (!covered) uncovered++;
    }
  }
  const subscribers = [...users].sort();
  let status: string;
  if (subscribers.length > 1) status = 'ambiguous';
  else if (subscribers.length === 1) status = 'unique';
  else if (hits.length === 0)
    status = natIps.has(o.ip) && (ns ?? 0) <= b && (ne ?? 0) >= a ? 'none' : 'no-coverage';
  else status = uncovered > 0 ? 'no-coverage' : 'none';
  return { status, subscribers, sharedBy: o.port === undefined ? subscribers.length : null };
}

describe('engine = brute-force reference on random small data', () => {
  it('same status, subscribers and sharedBy', () => {
    fc.assert(
      fc.property(scenario, (sc) => {
        const events: SealcaseEvent[] = [];
        const natI: NatI[] = [];
        const aaaI: AaaI[] = [];
        const natTimes: number[] = [];
        const aaaTimes: number[] = [];
        sc.nat.forEach((list, r) => {
          const outside = OUTSIDE[Math.floor(r / BLOCKS.length)] ?? '';
          const [lo, hi] = BLOCKS[r % BLOCKS.length] ?? [0, 0];
          timeline(list, 0, (s, e, who) => {
            const inside = INSIDE[who] ?? '';
            events.push(
              pb('allocate', iso(s), inside, outside, lo, hi),
              pb('release', iso(e), inside, outside, lo, hi),
            );
            natI.push({ outside, lo, hi, inside, s: T0 + s * 60_000, e: T0 + e * 60_000 });
            natTimes.push(T0 + s * 60_000, T0 + e * 60_000);
          });
        });
        let sid = 0;
        sc.aaa.forEach((list, k) => {
          const inside = INSIDE[k] ?? '';
          timeline(list, -5, (s, e, who) => {
            const user = USERS[who] ?? '';
            const id = String(++sid);
            events.push(
              aaa('start', iso(s), { user, framedIp: inside, sessionId: id }),
              aaa('stop', iso(e), { user, framedIp: inside, sessionId: id }),
            );
            aaaI.push({ inside, user, s: T0 + s * 60_000, e: T0 + e * 60_000 });
            aaaTimes.push(T0 + s * 60_000, T0 + e * 60_000);
          });
        });
        const engine = createCheckedEngine({ toleranceSeconds: sc.tolerance * 60 });
        // Shuffle-independent: add in two batches, AAA first.
        engine.addRecords(events.filter((e) => e.type === 'aaa:session'));
        engine.addRecords(events.filter((e) => e.type !== 'aaa:session'));
        engine.build();
        const all = sc.observations.map((x) =>
          obs(x.ip, x.port, new Date(T0 + x.minute * 60_000 + x.second * 1000).toISOString()),
        );
        // The whole list at once too (the set visits observations in its own order), five times
        // over with unreadable observations among them: more than one batch of the join's
        // read-ahead (AHEAD), cut at varying places.
        for (let k = 0; k < 5; k++) {
          all.push(...all.slice(0, sc.observations.length));
          all.splice(k * 7, 0, { ...all[0]!, ts: 'not a time' }, { ...all[0]!, ip: '999.1.2.3' });
        }
        const set = engine.attributeSet(all);
        all.forEach((o, i) => {
          const one = engine.attribute(o);
          expect([set.status(i), set.subscribers(i)]).toEqual([one.status, one.subscribers]);
        });
        for (const x of sc.observations) {
          const o = obs(
            x.ip,
            x.port,
            new Date(T0 + x.minute * 60_000 + x.second * 1000).toISOString(),
          );
          const got = engine.attribute(o);
          const want = reference(natI, aaaI, natTimes, aaaTimes, o, sc.tolerance * 60_000);
          expect({
            status: got.status,
            subscribers: got.subscribers,
            sharedBy: got.sharedBy,
          }).toEqual(want);
        }
      }),
      { numRuns: 300 },
    );
  });
});
