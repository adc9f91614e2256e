/**
 * The line scanner: walks a compiled format's steps over one line, left to right, once. Field
 * boundaries go into caller-owned `starts`/`ends` arrays (no allocation per line). Returns false
 * when the line does not have the format's shape.
 *
 * Cost: every character is looked at a bounded number of times (`indexOf` from the current
 * position for delimiters, a backward run of backslashes for quotes), so a 1 MiB line is linear.
 */
import { Mode, type CompiledFormat } from './format-compiler';

/** Index of the `"` ending a quoted field that starts at `from`, skipping `\"`; -1 when none. */
export function findClosingQuote(line: string, from: number): number {
  let i = from;
  for (;;) {
    const q = line.indexOf('"', i);
    if (q < 0) return -1;
    let backslashes = 0;
    let k = q - 1;
    while (k >= from && line.charCodeAt(k) === 92) {
      backslashes++;
      k--;
    }
    if ((backslashes & 1) === 0) return q;
    i = q + 1;
  }
}

/**
 * Reads `line` with `format`; on success `starts[slot]`/`ends[slot]` bound each field and the
 * return value is the position where the format ended (the line length, or the start of trailing
 * text the format allows). Returns -1 when the line does not match.
 */
export function scanLine(
  line: string,
  format: CompiledFormat,
  starts: Int32Array,
  ends: Int32Array,
): number {
  const steps = format.steps;
  const len = line.length;
  let pos = 0;
  for (let k = 0; k < steps.length; k++) {
    const st = steps[k];
    if (st === undefined) return -1;
    const mode = st.mode;
    if (mode === Mode.LITERAL) {
      if (!line.startsWith(st.text, pos)) return -1;
      pos += st.text.length;
      continue;
    }
    let end: number;
    if (mode === Mode.QUOTED) {
      end = findClosingQuote(line, pos);
    } else if (mode === Mode.FIXED) {
      end = pos + st.width;
      if (end > len) return -1;
    } else if (mode === Mode.BRACKET) {
      // Apache %t always writes `[…]`.
      if (line.charCodeAt(pos) !== 91 /* [ */) return -1;
      end = line.indexOf(']', pos);
      if (end >= 0) end++;
    } else if (st.text === '') {
      end = len;
    } else {
      end = line.indexOf(st.text, pos);
    }
    if (end < 0) return -1;
    starts[st.slot] = pos;
    ends[st.slot] = end;
    pos = end;
  }
  if (pos === len) return pos;
  // Trailing text: spaces (a CR-less editor artefact) are fine; more is allowed only when asked.
  let p = pos;
  while (p < len && (line.charCodeAt(p) === 32 || line.charCodeAt(p) === 9)) p++;
  if (p === len) return pos;
  if (format.allowTrailing && p > pos) return pos;
  return -1;
}
