/**
 * ChunkSearch (the fast path's bounded indexOf over a whole chunk): the same answers as a plain
 * search of `src[from, end)`, whatever the order of the questions, and linear on text where the
 * character never comes (no rescan of the rest of the chunk line after line).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BACKSLASH,
  ChunkSearch,
  COLON,
  QUOTE,
  SPACE,
} from '../../../../../shared/parsers/access-log/chunk-search';

const CHAR: Record<number, string> = {
  [SPACE]: ' ',
  [QUOTE]: '"',
  [BACKSLASH]: '\\',
  [COLON]: ':',
};

function naive(src: string, slot: number, from: number, end: number): number {
  const at = src.indexOf(CHAR[slot] ?? '', from);
  return at >= 0 && at < end ? at : -1;
}

describe('ChunkSearch', () => {
  it('answers as a plain bounded search, in any order of questions and sources (fast-check)', () => {
    const text = fc
      .array(fc.constantFrom(' ', '"', '\\', ':', 'a', '\n'), { maxLength: 60 })
      .map((a) => a.join(''));
    const question = fc.record({
      slot: fc.constantFrom(SPACE, QUOTE, BACKSLASH, COLON),
      from: fc.nat(70),
      span: fc.nat(70),
      other: fc.nat(9),
    });
    fc.assert(
      fc.property(
        fc.array(text, { minLength: 1, maxLength: 3 }),
        fc.array(question),
        (srcs, qs) => {
          const search = new ChunkSearch();
          let src = srcs[0] ?? '';
          search.reset(src);
          for (const q of qs) {
            if (q.other === 0) {
              src = srcs[q.from % srcs.length] ?? '';
              search.reset(src);
            }
            const end = Math.min(src.length, q.from + q.span);
            expect(search.find(q.slot, q.from, end)).toBe(naive(src, q.slot, q.from, end));
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('scans each character once for questions in order, even when the answer never comes', () => {
    // 200,000 lines of 5 characters with no quote: a plain search from each line would scan the
    // rest of the text each time (5·10^10 characters); this one scans it once.
    const src = 'ab:c\n'.repeat(200_000);
    const search = new ChunkSearch();
    search.reset(src);
    const t0 = performance.now();
    let found = 0;
    for (let s = 0; s < src.length; s += 5) {
      if (search.find(QUOTE, s, s + 4) >= 0) found++;
      if (search.find(COLON, s, s + 4) === s + 2) found++;
    }
    expect(found).toBe(200_000);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
