/**
 * The original text behind an event, read back from the vault: the line a locator names (1-based,
 * as the parsers count: LF or CRLF ends a line), at most `MAX_EXCERPT` characters. Lines are
 * counted on bytes (a line starts after 0x0A, never inside a multi-byte UTF-8 sequence) from the
 * nearest remembered line start (`line-index.ts`); only the named line is decoded, and at most
 * `LINE_WINDOW` bytes of it are read.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { blobPathFor } from '../../../shared/model';
import { DEFAULT_TUNING, LineIndex, LineIndexes, type LineIndexTuning } from './line-index';

export const MAX_EXCERPT = 64 * 1024;

/** Bytes of a line that always decode to more than MAX_EXCERPT characters (3 bytes each at most). */
const LINE_WINDOW = 4 * (MAX_EXCERPT + 1);
const NEWLINE = 0x0a;

export interface Excerpt {
  readonly text: string;
  /** True when the line is longer than MAX_EXCERPT and was cut. */
  readonly truncated: boolean;
  /** False when the artefact has fewer lines. */
  readonly found: boolean;
}

export interface ExcerptTuning extends LineIndexTuning {
  /** Bytes per read. */
  readonly blockSize: number;
}

const NOT_FOUND: Excerpt = { text: '', truncated: false, found: false };

/** Line-start indexes of the blobs read lately (shared by every caller in this process). */
export const lineIndexes = new LineIndexes();

export function readLine(
  caseDir: string,
  artefact: string,
  line: number,
  tuning: ExcerptTuning = { ...DEFAULT_TUNING, blockSize: 1 << 20 },
): Promise<Excerpt> {
  const path = join(caseDir, blobPathFor(artefact));
  return lineIndexes.serial(path, async () => {
    const file = await open(path, 'r');
    try {
      const stat = await file.stat();
      const index = lineIndexes.get(path, stat, tuning);
      if (!Number.isInteger(line) || line < 1) return NOT_FOUND;
      const buffer = Buffer.allocUnsafe(Math.max(1, tuning.blockSize));
      const start = await lineStart(file, index, line, buffer);
      return start === undefined ? NOT_FOUND : await lineAt(file, start, buffer);
    } finally {
      await file.close();
    }
  });
}

/** Byte offset where `line` starts, scanning from the nearest checkpoint; undefined past the end. */
async function lineStart(
  file: FileHandle,
  index: LineIndex,
  line: number,
  buffer: Buffer,
): Promise<number | undefined> {
  if (index.total !== undefined && line > index.total) return undefined;
  const from = index.nearest(line);
  let current = from.line;
  let position = from.offset;
  let threshold = index.threshold;
  while (current < line) {
    const { bytesRead } = await file.read(buffer, 0, buffer.length, position);
    if (bytesRead === 0) {
      index.total = current;
      return undefined;
    }
    const block = bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead);
    let nl = block.indexOf(NEWLINE);
    while (nl >= 0) {
      current++;
      const start = position + nl + 1;
      if (start >= threshold) {
        index.add(current, start);
        threshold = index.threshold;
      }
      if (current === line) return start;
      nl = block.indexOf(NEWLINE, nl + 1);
    }
    position += bytesRead;
  }
  return position;
}

/** The line starting at byte `start`: up to its newline, the end of the file or LINE_WINDOW. */
async function lineAt(file: FileHandle, start: number, buffer: Buffer): Promise<Excerpt> {
  const pieces: Buffer[] = [];
  let length = 0;
  let newline = false;
  while (length < LINE_WINDOW) {
    const want = Math.min(buffer.length, LINE_WINDOW - length);
    const { bytesRead } = await file.read(buffer, 0, want, start + length);
    if (bytesRead === 0) break;
    const nl = buffer.subarray(0, bytesRead).indexOf(NEWLINE);
    const taken = nl < 0 ? bytesRead : nl + 1;
    pieces.push(Buffer.from(buffer.subarray(0, taken)));
    length += taken;
    if (nl >= 0) {
      newline = true;
      break;
    }
  }
  // Decoded as the whole file would be: bytes of a sequence cut by the end of the file are dropped,
  // an incomplete sequence before the newline becomes U+FFFD (the newline is decoded, then cut).
  const decoded = new StringDecoder('utf8').write(Buffer.concat(pieces, length));
  const whole = newline ? decoded.slice(0, -1) : decoded;
  const truncated = whole.length > MAX_EXCERPT;
  const text = truncated ? whole.slice(0, MAX_EXCERPT) : whole;
  return { text: text.endsWith('\r') ? text.slice(0, -1) : text, truncated, found: true };
}
