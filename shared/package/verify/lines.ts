import { concatBytes, utf8Decode } from '../../custody/bytes';
import type { VerifyRun } from './run';

/** A line longer than this is not read (an event or result line is a few KiB). */
export const MAX_LINE_BYTES = 1024 * 1024;

export type LineResult =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly problem: string };

/**
 * Streams a JSON-lines file and calls `onLine` with each line (1-based number), holding at most
 * one line: a line over `MAX_LINE_BYTES`, not UTF-8, or without its final `\n` comes as a problem.
 */
export async function forEachLine(
  run: VerifyRun,
  path: string,
  onLine: (line: LineResult, n: number) => void,
): Promise<void> {
  let parts: Uint8Array[] = [];
  let held = 0;
  let skipping = false;
  let n = 0;
  const finish = (tail: Uint8Array | null) => {
    n++;
    if (skipping) {
      onLine({ ok: false, problem: `longer than ${MAX_LINE_BYTES} bytes` }, n);
    } else {
      const bytes = concatBytes(...parts, ...(tail === null ? [] : [tail]));
      const text = utf8Decode(bytes);
      onLine(text === null ? { ok: false, problem: 'not UTF-8' } : { ok: true, text }, n);
    }
    parts = [];
    held = 0;
    skipping = false;
  };
  await run.reader.stream(path, (chunk) => {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      const end = nl === -1 ? chunk.length : nl;
      if (!skipping && end > start) {
        held += end - start;
        if (held > MAX_LINE_BYTES) {
          skipping = true;
          parts = [];
        } else if (nl === -1) parts.push(chunk.slice(start, end));
      }
      if (nl === -1) return;
      finish(skipping ? null : chunk.subarray(start, end));
      start = nl + 1;
    }
  });
  if (held > 0 || skipping) {
    n++;
    onLine({ ok: false, problem: 'the last line has no final newline' }, n);
  }
}
