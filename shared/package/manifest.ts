/**
 * Manifest lines (FORMAT.md §4): exactly `<64 hex>␠␠<path>\n`, sorted by the path's UTF-8 bytes.
 * The form `sha256sum -c` accepts and RFC 8493 allows. Pure.
 */
import { utf8Decode, utf8Encode } from '../custody/bytes';
import { checkBagPath, type BagPathProblem } from './package-paths';

export interface ManifestEntry {
  readonly sha256: string;
  readonly path: string;
}

export type ManifestParse =
  | { ok: true; entries: ManifestEntry[] }
  | { ok: false; line: number; reason: ManifestProblem; path?: BagPathProblem };

export type ManifestProblem =
  'not-utf8' | 'no-final-newline' | 'bad-line' | 'bad-path' | 'unsorted' | 'duplicate' | 'empty';

const LINE = /^([0-9a-f]{64}) {2}([^\n\r]+)$/;

/** Compares two strings by their UTF-8 bytes (the manifest order). */
export function compareUtf8(a: string, b: string): number {
  const x = utf8Encode(a) ?? new Uint8Array(0);
  const y = utf8Encode(b) ?? new Uint8Array(0);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

/** The manifest text for these entries; throws RangeError on a bad hash or path (a writer bug). */
export function formatManifest(entries: readonly ManifestEntry[]): string {
  const sorted = [...entries].sort((a, b) => compareUtf8(a.path, b.path));
  let out = '';
  let prev: string | null = null;
  for (const e of sorted) {
    if (!/^[0-9a-f]{64}$/.test(e.sha256)) throw new RangeError(`bad SHA-256 for ${e.path}`);
    const problem = checkBagPath(e.path);
    if (problem !== null)
      throw new RangeError(`bad bag path (${problem}): ${JSON.stringify(e.path)}`);
    if (prev === e.path) throw new RangeError(`duplicate manifest path ${e.path}`);
    prev = e.path;
    out += `${e.sha256}  ${e.path}\n`;
  }
  return out;
}

/** Strict parse of a manifest's bytes; `line` is 1-based (0 for whole-file problems). */
export function parseManifest(bytes: Uint8Array): ManifestParse {
  const text = utf8Decode(bytes);
  if (text === null) return { ok: false, line: 0, reason: 'not-utf8' };
  if (text.length === 0) return { ok: false, line: 0, reason: 'empty' };
  const lines = text.split('\n');
  const last = lines.pop();
  if (last !== '') return { ok: false, line: lines.length + 1, reason: 'no-final-newline' };
  const entries: ManifestEntry[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = LINE.exec(lines[i]!);
    if (m === null) return { ok: false, line: i + 1, reason: 'bad-line' };
    const path = m[2]!;
    const problem = checkBagPath(path);
    if (problem !== null) return { ok: false, line: i + 1, reason: 'bad-path', path: problem };
    const prev = entries[entries.length - 1];
    if (prev !== undefined) {
      const order = compareUtf8(prev.path, path);
      if (order === 0) return { ok: false, line: i + 1, reason: 'duplicate' };
      if (order > 0) return { ok: false, line: i + 1, reason: 'unsorted' };
    }
    entries.push({ sha256: m[1]!, path });
  }
  return { ok: true, entries };
}
