import { utf8Length } from '../custody/bytes';

/**
 * Bag path rules (FORMAT.md §2): what `sha256sum -c` reads verbatim and what a zip reader may
 * extract without leaving its folder. Pure.
 */
export type BagPathProblem =
  | 'empty'
  | 'too-long'
  | 'absolute'
  | 'empty-segment'
  | 'dot-segment'
  | 'segment-too-long'
  | 'forbidden-character'
  | 'not-unicode';

const MAX_PATH_BYTES = 1024;
const MAX_SEGMENT_BYTES = 255;
const MAX_NAME_BYTES = 200;

function isWellFormed(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (!(d >= 0xdc00 && d <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return false;
  }
  return true;
}

function isForbiddenInPath(c: number): boolean {
  return c < 0x20 || c === 0x7f || c === 0x25 /* % */ || c === 0x5c; /* \ */
}

/** Null when `path` is a valid bag path, else what is wrong with it. */
export function checkBagPath(path: string): BagPathProblem | null {
  if (path.length === 0) return 'empty';
  if (!isWellFormed(path)) return 'not-unicode';
  if (utf8Length(path) > MAX_PATH_BYTES) return 'too-long';
  if (path.startsWith('/')) return 'absolute';
  for (let i = 0; i < path.length; i++) {
    if (isForbiddenInPath(path.charCodeAt(i))) return 'forbidden-character';
  }
  for (const segment of path.split('/')) {
    if (segment === '') return 'empty-segment';
    if (segment === '.' || segment === '..') return 'dot-segment';
    if (utf8Length(segment) > MAX_SEGMENT_BYTES) return 'segment-too-long';
  }
  return null;
}

const NAME_REPLACED = new Set(['/', '<', '>', ':', '"', '|', '?', '*', '%', '\\']);
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i;

function cutUtf8(s: string, maxBytes: number): string {
  let out = '';
  let bytes = 0;
  for (const ch of s) {
    const n = utf8Length(ch);
    if (bytes + n > maxBytes) break;
    out += ch;
    bytes += n;
  }
  return out;
}

/**
 * The name an original gets in `data/originals/<sha256>/` (FORMAT.md §2): forbidden characters
 * become `_`, leading/trailing spaces and dots go, device names and empty results become
 * `original`, at most 200 UTF-8 bytes. The result always passes `checkBagPath` as a segment.
 */
export function safeOriginalName(name: string): string {
  let out = '';
  for (const ch of name) {
    const c = ch.codePointAt(0)!;
    const lone = c >= 0xd800 && c <= 0xdfff;
    out += lone || c < 0x20 || c === 0x7f || NAME_REPLACED.has(ch) ? '_' : ch;
  }
  out = out.replace(/^[ .]+|[ .]+$/g, '');
  const dot = out.indexOf('.');
  const stem = dot < 0 ? out : out.slice(0, dot);
  if (out === '') out = 'original';
  else if (WINDOWS_DEVICE.test(stem)) out = `original${dot < 0 ? '' : out.slice(dot)}`;
  out = cutUtf8(out, MAX_NAME_BYTES).replace(/[ .]+$/g, '');
  return out === '' ? 'original' : out;
}
