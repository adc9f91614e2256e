/**
 * The original text behind an event, read back from the vault: the line a locator names (1-based,
 * as the parsers count: LF or CRLF ends a line), at most `MAX_EXCERPT` characters. The vault blob
 * is read in blocks until that line; nothing else is kept in memory.
 */
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { blobPathFor } from '../../../shared/model';

export const MAX_EXCERPT = 64 * 1024;

export interface Excerpt {
  readonly text: string;
  /** True when the line is longer than MAX_EXCERPT and was cut. */
  readonly truncated: boolean;
  /** False when the artefact has fewer lines. */
  readonly found: boolean;
}

export async function readLine(caseDir: string, artefact: string, line: number): Promise<Excerpt> {
  const decoder = new StringDecoder('utf8');
  let current = 1;
  let text = '';
  let truncated = false;
  const stream = createReadStream(join(caseDir, blobPathFor(artefact)), { highWaterMark: 1 << 20 });
  try {
    for await (const block of stream as AsyncIterable<Buffer>) {
      const chunk = decoder.write(block);
      let at = 0;
      while (at <= chunk.length) {
        const nl = chunk.indexOf('\n', at);
        const end = nl < 0 ? chunk.length : nl;
        if (current === line) {
          const piece = chunk.slice(at, end);
          if (text.length + piece.length > MAX_EXCERPT) {
            text += piece.slice(0, MAX_EXCERPT - text.length);
            truncated = true;
          } else {
            text += piece;
          }
          if (nl >= 0 || truncated)
            return { text: text.replace(/\r$/, ''), truncated, found: true };
        }
        if (nl < 0) break;
        current++;
        at = nl + 1;
      }
    }
  } finally {
    stream.destroy();
  }
  return current === line
    ? { text: text.replace(/\r$/, ''), truncated, found: true }
    : { text: '', truncated: false, found: false };
}
