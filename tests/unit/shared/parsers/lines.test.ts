import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLineSplitter, type Line } from '../../../../shared/parsers';
import type { ParseWarning } from '../../../../shared/model';
import { chunked } from './chunked';

function split(
  chunks: readonly string[],
  maxLength?: number,
): { lines: Line[]; warnings: ParseWarning[] } {
  const s = createLineSplitter(maxLength === undefined ? {} : { maxLength });
  const lines: Line[] = [];
  const warnings: ParseWarning[] = [];
  for (const c of [...chunks.map((x) => s.push(x)), s.end()]) {
    lines.push(...c.lines);
    warnings.push(...c.warnings);
  }
  return { lines, warnings };
}

/**
 * `split` through `pushRanges`: lines inside a chunk come as (chunk, offsets), checked to be that
 * very chunk; joined ones as text. Also says how many came in place.
 */
function splitRanges(
  chunks: readonly string[],
  maxLength?: number,
): { lines: Line[]; warnings: ParseWarning[]; inPlace: number } {
  const s = createLineSplitter(maxLength === undefined ? {} : { maxLength });
  const lines: Line[] = [];
  const warnings: ParseWarning[] = [];
  let inPlace = 0;
  for (const chunk of chunks) {
    const w = s.pushRanges(
      chunk,
      (src, start, end, number) => {
        expect(src).toBe(chunk);
        expect(0 <= start && start <= end && end <= src.length).toBe(true);
        lines.push({ text: src.slice(start, end), number });
        inPlace++;
      },
      (text, number) => lines.push({ text, number }),
    );
    warnings.push(...w);
  }
  warnings.push(...s.endEach((text, number) => lines.push({ text, number })));
  return { lines, warnings, inPlace };
}

describe('createLineSplitter', () => {
  it('splits LF and CRLF, keeps a lone CR, numbers lines, emits the last line without LF', () => {
    expect(split(['a\r\nb\nc\rd\n\ne']).lines).toEqual([
      { text: 'a', number: 1 },
      { text: 'b', number: 2 },
      { text: 'c\rd', number: 3 },
      { text: '', number: 4 },
      { text: 'e', number: 5 },
    ]);
    expect(split(['a\n']).lines).toEqual([{ text: 'a', number: 1 }]);
    expect(split(['']).lines).toEqual([]);
  });

  it('handles a CRLF split across chunks and a BOM', () => {
    expect(split(['\uFEFFa\r', '\nb']).lines).toEqual([
      { text: 'a', number: 1 },
      { text: 'b', number: 2 },
    ]);
  });

  it('skips an over-long line with one warning at its number and keeps counting', () => {
    const { lines, warnings } = split(['ok\n', 'x'.repeat(5), 'x'.repeat(5), 'x\nafter\n'], 8);
    expect(lines).toEqual([
      { text: 'ok', number: 1 },
      { text: 'after', number: 3 },
    ]);
    expect(warnings).toEqual([
      {
        code: 'LINE_TOO_LONG',
        message: 'line 2 is longer than 8 characters and was skipped',
        locator: { line: 2 },
      },
    ]);
    expect(split(['12345678\r\n'], 8).lines).toEqual([{ text: '12345678', number: 1 }]);
    expect(split(['123456789\n'], 8).warnings).toHaveLength(1);
    expect(split(['123456789'], 8).warnings).toHaveLength(1);
  });

  it('does not buffer an over-long line (memory stays bounded)', () => {
    const s = createLineSplitter({ maxLength: 1024 });
    let warnings = 0;
    for (let i = 0; i < 1000; i++) warnings += s.push('y'.repeat(4096)).warnings.length;
    const end = s.push('\nz\n');
    expect(warnings).toBe(1);
    expect(end.lines).toEqual([{ text: 'z', number: 2 }]);
  });

  it('gives the same lines and warnings whatever the chunking (fast-check)', () => {
    const alphabet = fc.constantFrom(
      'a',
      'b',
      '\n',
      '\r',
      '\r\n',
      'é',
      '\uFEFF',
      '😀',
      'xxxxxxxxxx',
    );
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 80 }).map((a) => a.join('')),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.integer({ min: 1, max: 20 }),
        (text, cuts, max) => {
          const whole = split([text], max);
          expect(split(chunked(text, cuts), max)).toEqual(whole);
          expect(split([...text], max)).toEqual(whole);
          const { inPlace, ...ranges } = splitRanges(chunked(text, cuts), max);
          expect(ranges).toEqual(whole);
          expect(inPlace).toBeLessThanOrEqual(whole.lines.length);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('pushRanges hands the lines inside one chunk in place, the others joined', () => {
    const r = splitRanges(['\uFEFFa\r\nbb\ncc', 'c\r', '\nd\n\ne'], 10);
    expect(r.lines).toEqual([
      { text: 'a', number: 1 },
      { text: 'bb', number: 2 },
      { text: 'ccc', number: 3 },
      { text: 'd', number: 4 },
      { text: '', number: 5 },
      { text: 'e', number: 6 },
    ]);
    expect(r.inPlace).toBe(4); // a, bb, d and the empty line; ccc is joined, e comes at the end
    expect(splitRanges(['12345678\r\n123456789\n'], 8)).toEqual({
      ...split(['12345678\r\n123456789\n'], 8),
      inPlace: 1,
    });
  });

  it('is linear: 1 MiB of one line or of tiny lines, in 1-byte to 64 KiB chunks', () => {
    const oneLine = 'q'.repeat(1 << 20);
    const many = 'ab\n'.repeat(Math.floor((1 << 20) / 3));
    for (const text of [oneLine, many]) {
      for (const size of [65536, 4096, 7]) {
        const s = createLineSplitter();
        const t0 = performance.now();
        let count = 0;
        for (let i = 0; i < text.length; i += size)
          count += s.push(text.slice(i, i + size)).lines.length;
        count += s.end().lines.length;
        expect(performance.now() - t0).toBeLessThan(2000);
        expect(count).toBe(text === oneLine ? 1 : Math.floor((1 << 20) / 3));
      }
    }
  });
});
