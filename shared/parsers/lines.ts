/**
 * A streaming line splitter over text chunks: lines end at LF; a CR right before the LF is
 * dropped (CRLF); a lone CR is kept as text. Memory is bounded: a line longer than `maxLength`
 * characters is not buffered — it is skipped to its end with one `LINE_TOO_LONG` warning carrying
 * its line number. Line numbers are 1-based and count every line, skipped ones included. A BOM at
 * the very start is removed. The last line is emitted at `end()` even without a final LF; a final
 * LF does not create an empty last line. The same input gives the same lines whatever the chunking.
 */
import type { ParseWarning } from '../model/event';

export interface Line {
  /** The line without its terminator. */
  readonly text: string;
  /** 1-based line number in the artefact. */
  readonly number: number;
}

export interface LineBatch {
  readonly lines: Line[];
  readonly warnings: ParseWarning[];
}

/** Receives one line: its text (terminator removed) and 1-based number. */
export type LineVisitor = (text: string, number: number) => void;

/**
 * Receives one line that lies wholly inside one chunk, in place: `src[start, end)` (terminator
 * removed) and its 1-based number. `src` is the chunk itself, so no string is made per line.
 */
export type RangeVisitor = (src: string, start: number, end: number, number: number) => void;

export interface LineSplitter {
  push(chunk: string): LineBatch;
  end(): LineBatch;
  /**
   * `push`, handing each line to `visit` as it is found (no `Line` objects); returns the warnings.
   * `visit` must not throw (createLineParser catches per line). Same lines, numbers and warnings.
   */
  pushEach(chunk: string, visit: LineVisitor): ParseWarning[];
  /**
   * `pushEach`, handing each line that lies wholly inside `chunk` to `range` in place (the chunk and
   * the line's offsets) and each line joined from earlier chunks to `visit`. Same lines, numbers
   * and warnings. Neither visitor may throw.
   */
  pushRanges(chunk: string, range: RangeVisitor, visit: LineVisitor): ParseWarning[];
  /** `end`, handing the last line (if any) to `visit`; the warnings. */
  endEach(visit: LineVisitor): ParseWarning[];
}

/** Default bound on one line: 2 Mi characters (lines of 1 MiB still parse). */
export const DEFAULT_MAX_LINE_LENGTH = 2 * 1024 * 1024;

export function createLineSplitter(options: { maxLength?: number } = {}): LineSplitter {
  const maxLength = Math.max(1, Math.floor(options.maxLength ?? DEFAULT_MAX_LINE_LENGTH));
  /** Pieces of the current, unfinished line (joined once, at its end). */
  let pending: string[] = [];
  let pendingLength = 0;
  /** Skipping the rest of an over-long line. */
  let skipping = false;
  let lineNumber = 1;
  let started = false;
  let ended = false;

  const tooLong = (warnings: ParseWarning[]): void => {
    warnings.push({
      code: 'LINE_TOO_LONG',
      message: `line ${lineNumber} is longer than ${maxLength} characters and was skipped`,
      locator: { line: lineNumber },
    });
  };

  /** Emits the line (pending pieces + tail), or warns when it is too long after dropping a CR. */
  const finishLine = (tail: string, visit: LineVisitor, warnings: ParseWarning[]): void => {
    let text = pending.length === 0 ? tail : pending.join('') + tail;
    if (text.charCodeAt(text.length - 1) === 13) text = text.slice(0, -1);
    if (text.length > maxLength) tooLong(warnings);
    else visit(text, lineNumber);
  };

  /** `finishLine` for a line ending at `nl` in `chunk`: in place when nothing is pending. */
  const finishRange = (
    chunk: string,
    from: number,
    nl: number,
    range: RangeVisitor,
    visit: LineVisitor,
    warnings: ParseWarning[],
  ): void => {
    if (pending.length > 0) {
      finishLine(chunk.slice(from, nl), visit, warnings);
      return;
    }
    const end = nl > from && chunk.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    if (end - from > maxLength) tooLong(warnings);
    else range(chunk, from, end, lineNumber);
  };

  const pushRanges = (chunk: string, range: RangeVisitor, visit: LineVisitor): ParseWarning[] => {
    const warnings: ParseWarning[] = [];
    if (ended || chunk.length === 0) return warnings;
    let from = 0;
    if (!started) {
      started = true;
      if (chunk.charCodeAt(0) === 0xfeff) from = 1;
    }
    for (;;) {
      const nl = chunk.indexOf('\n', from);
      if (nl < 0) break;
      if (skipping) {
        skipping = false;
      } else if (pendingLength + (nl - from) > maxLength + 1) {
        // +1: a CR before the LF is not part of the line.
        tooLong(warnings);
      } else {
        finishRange(chunk, from, nl, range, visit, warnings);
      }
      pending = [];
      pendingLength = 0;
      lineNumber++;
      from = nl + 1;
    }
    if (from < chunk.length && !skipping) {
      const rest = chunk.length - from;
      if (pendingLength + rest > maxLength + 1) {
        tooLong(warnings);
        skipping = true;
        pending = [];
        pendingLength = 0;
      } else {
        pending.push(from === 0 ? chunk : chunk.slice(from));
        pendingLength += rest;
      }
    }
    return warnings;
  };

  const pushEach = (chunk: string, visit: LineVisitor): ParseWarning[] =>
    pushRanges(chunk, (src, start, end, number) => visit(src.slice(start, end), number), visit);

  const endEach = (visit: LineVisitor): ParseWarning[] => {
    const warnings: ParseWarning[] = [];
    if (ended) return warnings;
    ended = true;
    if (!skipping && pendingLength > 0) finishLine('', visit, warnings);
    pending = [];
    pendingLength = 0;
    return warnings;
  };

  /** Collects the lines of one step as `Line` objects. */
  const collect = (step: (visit: LineVisitor) => ParseWarning[]): LineBatch => {
    const lines: Line[] = [];
    const warnings = step((text, number) => lines.push({ text, number }));
    return { lines, warnings };
  };

  return {
    push: (chunk) => collect((visit) => pushEach(chunk, visit)),
    end: () => collect(endEach),
    pushEach,
    pushRanges,
    endEach,
  };
}
