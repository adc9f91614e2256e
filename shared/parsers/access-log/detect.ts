/**
 * `detect()` for access logs: reads the first lines of the head and tries the predefined formats
 * (vhost_combined, combined, common) with the real scanner. Several matching lines (and no line
 * that fails) → 0.9; a majority → 0.7; one line → 0.6. Pure, never throws.
 */
import type { DetectSample } from '../types';
import { compileDefaultFormats, type CompiledFormat } from './format-compiler';
import { scanLine } from './scanner';

let defaults: CompiledFormat[] | null = null;

/** The predefined format the line matches (scanner only: no event is built), else null. */
export function matchDefaultFormat(
  line: string,
  formats: readonly CompiledFormat[],
): CompiledFormat | null {
  const starts = new Int32Array(16);
  const ends = new Int32Array(16);
  for (const f of formats) {
    if (scanLine(line, f, starts, ends) >= 0 && plausible(line, f, starts, ends)) return f;
  }
  return null;
}

/** The status field is three digits and the time field starts with `[`. */
function plausible(line: string, f: CompiledFormat, starts: Int32Array, ends: Int32Array): boolean {
  let ok = true;
  f.fields.forEach((spec, slot) => {
    const s = starts[slot] ?? 0;
    const e = ends[slot] ?? 0;
    if (spec.directive === '%>s') {
      if (e - s !== 3) ok = false;
      for (let i = s; i < e; i++) {
        const c = line.charCodeAt(i);
        if (c < 48 || c > 57) ok = false;
      }
    } else if (spec.directive === '%t' && line.charCodeAt(s) !== 91) {
      ok = false;
    }
  });
  return ok;
}

export function detectAccessLog(sample: DetectSample): number {
  defaults ??= compileDefaultFormats();
  const lines = sample.head.split('\n', 21).slice(0, 20);
  // The head may end mid-line: drop the last piece when more than one line was read.
  if (lines.length > 1 && !sample.head.endsWith('\n')) lines.pop();
  let tried = 0;
  let matched = 0;
  for (const raw of lines) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') continue;
    tried++;
    if (matchDefaultFormat(line.charCodeAt(0) === 0xfeff ? line.slice(1) : line, defaults) !== null)
      matched++;
  }
  if (tried === 0 || matched === 0) return 0;
  if (matched === tried) return matched >= 2 ? 0.9 : 0.6;
  return matched * 2 > tried ? 0.7 : 0.3;
}
