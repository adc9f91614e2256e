/**
 * Bounded `indexOf` over one source text (a whole chunk, read line by line in place): "the next
 * `c` in `src[from, end)`". `String#indexOf` has no end bound, so a character missing from a line
 * is looked for up to its next occurrence further on; the answer is remembered per character, and
 * a later question from a position not past it gets it again without a scan. As long as the
 * questions about one character come with non-decreasing `from` (lines in order, fields left to
 * right), each character of the source is scanned at most once per searched character: linear
 * whatever the input, even when the character never comes (no line after line rescanning the
 * rest of a chunk).
 */

/** The characters searched, by slot. */
export const SPACE = 0;
export const QUOTE = 1;
export const BACKSLASH = 2;
export const COLON = 3;
const TEXTS = [' ', '"', '\\', ':'] as const;

export class ChunkSearch {
  private src = '';
  /** Per slot: the scan that gave `at` started here (no such character in [from, at)). */
  private readonly from = new Int32Array(TEXTS.length);
  /** Per slot: the position found, or the source length when none. */
  private readonly at = new Int32Array(TEXTS.length);

  constructor() {
    this.reset('');
  }

  /** Starts questions about `src`; nothing remembered of the text before. */
  reset(src: string): void {
    this.src = src;
    this.from.fill(0x7fffffff);
    this.at.fill(-1);
  }

  /** Questions from now on are about `src`; what was remembered of another text is forgotten. */
  over(src: string): void {
    if (src !== this.src) this.reset(src);
  }

  /** The first character of `slot` in `src[from, end)`, or -1. */
  find(slot: number, from: number, end: number): number {
    let at = this.at[slot] as number;
    if (from > at || from < (this.from[slot] as number)) at = this.scan(slot, from);
    return at < end ? at : -1;
  }

  /** A new search from `from` (kept small apart from `find`, which is inlined where it is hot). */
  private scan(slot: number, from: number): number {
    let at = this.src.indexOf(TEXTS[slot] as string, from);
    if (at < 0) at = this.src.length;
    this.from[slot] = from;
    this.at[slot] = at;
    return at;
  }
}
