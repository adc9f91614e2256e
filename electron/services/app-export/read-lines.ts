import type { PackageReader } from '../../../shared/package/verify/reader';

/** Longer lines are skipped and counted as problems (an event line is a few KiB). */
export const MAX_VIEW_LINE = 1024 * 1024;

/**
 * Streams a text file of a package line by line (UTF-8, `\n`), holding at most one line; a line
 * over `MAX_VIEW_LINE` characters is passed as `null`.
 */
export async function readLines(
  reader: PackageReader,
  path: string,
  onLine: (line: string | null, n: number) => void,
): Promise<number> {
  const decoder = new TextDecoder('utf-8');
  let held = '';
  let skipping = false;
  let n = 0;
  const take = (text: string) => {
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      const piece = text.slice(start, nl === -1 ? text.length : nl);
      if (!skipping) {
        held += piece;
        if (held.length > MAX_VIEW_LINE) {
          skipping = true;
          held = '';
        }
      }
      if (nl === -1) return;
      n++;
      onLine(skipping ? null : held, n);
      held = '';
      skipping = false;
      start = nl + 1;
    }
  };
  await reader.stream(path, (chunk) => take(decoder.decode(chunk, { stream: true })));
  take(decoder.decode());
  if (held !== '' || skipping) {
    n++;
    onLine(skipping ? null : held, n);
  }
  return n;
}

/** Reads a whole small file as text, refusing more than `max` bytes. */
export async function readSmall(
  reader: PackageReader,
  path: string,
  size: number,
  max: number,
): Promise<string | null> {
  if (size > max) return null;
  const parts: Uint8Array[] = [];
  await reader.stream(path, (chunk) => {
    parts.push(chunk.slice());
  });
  return new TextDecoder('utf-8').decode(Buffer.concat(parts));
}
