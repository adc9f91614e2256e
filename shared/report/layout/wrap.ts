/**
 * Word-wrap for the report. Pure: widths come from `measure` (the font's width of a text at the
 * size in use), so the rules are testable without a PDF.
 *
 * - Paragraphs are split at `\n`; runs of spaces and tabs are word breaks.
 * - A word wider than the line is broken: after the last `:` `/` `.` `-` `_` `@` `,` `;` `=` that
 *   keeps at least half of the line filled, else at a group of 8 hex digits (hashes), else at the
 *   last character that fits. Every character is kept, none is hyphenated or lost.
 */
export type Measure = (text: string) => number;

const SOFT_BREAK_AFTER = new Set([':', '/', '.', '-', '_', '@', ',', ';', '=', '|', ')', ']']);
const HEX = /^[0-9a-fA-F]+$/;

/** Longest prefix of `word` (≥ 1 character) that fits in `width`. */
function fittingPrefix(word: string, width: number, measure: Measure): number {
  let lo = 1;
  let hi = word.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(word.slice(0, mid)) <= width) lo = mid;
    else hi = mid - 1;
  }
  // Do not split a surrogate pair.
  const c = word.charCodeAt(lo - 1);
  if (lo > 1 && lo < word.length && c >= 0xd800 && c <= 0xdbff) lo -= 1;
  return lo;
}

/** Where to cut a word whose prefix of `fit` characters fits. */
function cutPoint(word: string, fit: number): number {
  if (fit >= word.length) return word.length;
  for (let i = fit; i >= Math.ceil(fit / 2); i--) {
    if (SOFT_BREAK_AFTER.has(word[i - 1] ?? '')) return i;
  }
  if (HEX.test(word) && fit >= 8) return fit - (fit % 8);
  return fit;
}

/** Break one word into pieces each fitting `width` (the last may be shorter). */
export function breakWord(word: string, width: number, measure: Measure): string[] {
  const pieces: string[] = [];
  let rest = word;
  while (rest.length > 0 && measure(rest) > width) {
    const cut = cutPoint(rest, fittingPrefix(rest, width, measure));
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest.length > 0) pieces.push(rest);
  return pieces;
}

/** True when splitting at spaces and joining with one space gives the paragraph back. */
function singleSpaced(paragraph: string): boolean {
  return (
    paragraph.indexOf('\t') === -1 &&
    paragraph.indexOf('  ') === -1 &&
    !paragraph.startsWith(' ') &&
    !paragraph.endsWith(' ')
  );
}

/** Greedy word wrap of one paragraph (no line breaks in it): fill each line word by word. */
export function greedyLines(paragraph: string, width: number, measure: Measure): string[] {
  const words = paragraph.split(/[ \t]+/).filter((w) => w.length > 0);
  if (words.length === 0) return [''];
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (measure(candidate) <= width) {
      line = candidate;
      continue;
    }
    if (line !== '') lines.push(line);
    if (measure(word) <= width) {
      line = word;
      continue;
    }
    const pieces = breakWord(word, width, measure);
    lines.push(...pieces.slice(0, -1));
    line = pieces[pieces.length - 1] ?? '';
  }
  lines.push(line);
  return lines;
}

function wrapParagraph(paragraph: string, width: number, measure: Measure): string[] {
  // Most table cells fit their column: one measure, no word list. The same answer as greedyLines,
  // where every candidate line is a prefix of the paragraph and no prefix is wider than the whole.
  if (singleSpaced(paragraph) && measure(paragraph) <= width) return [paragraph];
  return greedyLines(paragraph, width, measure);
}

/** Lines of `text` that each fit `width` (an empty text gives one empty line). */
export function wrapText(text: string, width: number, measure: Measure): string[] {
  if (text.indexOf('\n') === -1 && text.indexOf('\r') === -1) {
    return wrapParagraph(text, width, measure);
  }
  return text.split(/\r\n|\r|\n/).flatMap((p) => wrapParagraph(p, width, measure));
}
