import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SealcaseEvent } from '../../../../shared/model';
import {
  PageBuilder,
  checkWirePage,
  encodePage,
  eventTimeMs,
  fromWirePage,
  gramFilter,
  gramFilterOf,
  toWirePage,
} from '../../../../shared/workspace';
import { A, aaa, block, http, mail, nat } from '../../renderer/db/event-fixtures';

const events: SealcaseEvent[] = [
  http(50, 1),
  nat(30, 2),
  aaa(90, 3, { user: 'Alice' }),
  http(null, 4),
  block(10, 5),
  mail(20, 6, 'a@example.org', ['b@example.org']),
  http(40, 7, { clientIp: '2001:db8::7', userAgent: 'Ünïcode' }),
];

describe('PageBuilder', () => {
  it('numbers pages from 0, timed pages first, each sorted by time then arrival', () => {
    const b = new PageBuilder(A, 2);
    const pages = [...b.push(events.slice(0, 4)), ...b.push(events.slice(4)), ...b.finish()];
    expect(pages.map((p) => p.meta.seq)).toEqual(pages.map((_, i) => i));
    expect(b.received).toBe(events.length);
    expect(b.untimedCount).toBe(1);
    const times = pages.flatMap((p) => [...p.times.ts]);
    expect(times).toHaveLength(events.length);
    expect(times.at(-1)).toBe(Infinity);
    expect(b.finish()).toEqual([]);
    expect(() => b.push([])).toThrow();
    expect(() => new PageBuilder(A, 0)).toThrow(RangeError);
  });
});

describe('wire pages', () => {
  it('carry exactly the records encodePage makes, under the importing artefact', () => {
    const entries = events
      .map((event) => ({ event, ts: eventTimeMs(event) }))
      .filter((e) => e.ts !== Infinity)
      .sort((x, y) => x.ts - y.ts);
    const page = encodePage(A, 3, entries);
    expect(checkWirePage(toWirePage(page))).toBeNull();
    expect(fromWirePage(A, toWirePage(page))).toEqual(page);
  });

  it('survive structured cloning (what Electron IPC does) and still check', () => {
    const b = new PageBuilder(A, 3);
    for (const page of [...b.push(events), ...b.finish()]) {
      const wire = structuredClone(toWirePage(page));
      expect(checkWirePage(wire)).toBeNull();
      expect(fromWirePage(A, wire)).toEqual(page);
    }
  });

  it('travel without the trigram filter, which arrives made from the JSON', () => {
    const entries = [http(1, 1), nat(2, 2)].map((event) => ({ event, ts: eventTimeMs(event) }));
    const without = encodePage(A, 0, entries, 'json', false);
    expect(without.text.grams).toBeNull();
    expect(toWirePage(without)).not.toHaveProperty('grams');
    expect(fromWirePage(A, toWirePage(without))).toEqual(encodePage(A, 0, entries));
  });

  it('refuse to carry a page without its JSON body', () => {
    const page = encodePage(A, 0, [{ event: http(1, 1), ts: 1 }], 'clone');
    expect(() => toWirePage(page)).toThrow(TypeError);
  });
});

describe('gramFilterOf', () => {
  it('equals the filter of the lowercased text (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 60 }),
        fc.string({ maxLength: 60 }),
        (a, b) => {
          for (const text of [a, b, a.toUpperCase(), `{"x":"${b}"}`]) {
            expect(gramFilterOf(text)).toEqual(gramFilter(text.toLowerCase()));
          }
        },
      ),
    );
  });
});
