import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { breakWord, greedyLines, wrapText } from '../../../../../shared/report/layout/wrap';

/** A monospace measure: every character (code point) is one unit wide. */
const mono = (t: string) => [...t].length;

describe('wrapText', () => {
  it('fills lines word by word', () => {
    expect(wrapText('the quick brown fox jumps', 10, mono)).toEqual([
      'the quick',
      'brown fox',
      'jumps',
    ]);
  });

  it('keeps explicit line breaks and blank lines', () => {
    expect(wrapText('a\n\nb\r\nc', 10, mono)).toEqual(['a', '', 'b', 'c']);
  });

  it('breaks a full IPv6 address after colons, never losing a character', () => {
    const ip = '2001:0db8:85a3:0000:0000:8a2e:0370:7334';
    const lines = wrapText(`from ${ip} via`, 16, mono);
    expect(lines).toEqual(['from', '2001:0db8:85a3:', '0000:0000:8a2e:', '0370:7334 via']);
    expect(lines.every((l) => mono(l) <= 16)).toBe(true);
  });

  it('breaks a 64-hex hash at groups of eight digits', () => {
    const hash = 'ab'.repeat(32);
    const pieces = breakWord(hash, 30, mono);
    expect(pieces.join('')).toBe(hash);
    expect(pieces.slice(0, -1).every((p) => p.length === 24)).toBe(true);
  });

  it('breaks a token with no soft break point at the last character that fits', () => {
    expect(breakWord('ABCDEFGHIJ', 4, mono)).toEqual(['ABCD', 'EFGH', 'IJ']);
  });

  it('does not split a surrogate pair', () => {
    const text = '😀😀😀😀';
    const measure = (t: string) => t.length; // UTF-16 units: each emoji is 2
    for (const piece of breakWord(text, 3, measure)) expect(piece.length % 2).toBe(0);
  });

  it('property: every line fits, and the words come back in order with every character', () => {
    const word = fc.string({
      minLength: 1,
      maxLength: 80,
      unit: fc.constantFrom(...'abc:/.-_0123456789ЖΩ'),
    });
    fc.assert(
      fc.property(
        fc.array(word, { maxLength: 30 }),
        fc.integer({ min: 1, max: 40 }),
        (words, width) => {
          const text = words.join(' ');
          const lines = wrapText(text, width, mono);
          for (const l of lines) expect(mono(l)).toBeLessThanOrEqual(width);
          expect(lines.join('').replace(/ /g, '')).toBe(words.join(''));
        },
      ),
    );
  });

  it('property: gives what the plain greedy wrap gives (the one-line fast path changes nothing)', () => {
    // The greedy wrap of every paragraph, without the one-line fast path.
    const reference = (text: string, width: number, measure: (t: string) => number) =>
      text.split(/\r\n|\r|\n/).flatMap((p) => greedyLines(p, width, measure));
    // Unequal widths, as in a proportional font.
    const proportional = (t: string) => [...t].reduce((s, c) => s + (c === 'i' ? 0.4 : 1.1), 0);
    const text = fc.string({ maxLength: 120, unit: fc.constantFrom(...'ai :/-\t\n\r  ЖΩ') });
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 40 }), (t, width) => {
        expect(wrapText(t, width, mono)).toEqual(reference(t, width, mono));
        expect(wrapText(t, width, proportional)).toEqual(reference(t, width, proportional));
      }),
      { numRuns: 500 },
    );
  });
});
