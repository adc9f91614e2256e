import type { FileHandle } from 'node:fs/promises';

/** Reads until `view` is full or the file ends; returns the bytes read. */
export async function readFully(
  handle: FileHandle,
  view: Uint8Array,
  position: number,
): Promise<number> {
  let total = 0;
  while (total < view.length) {
    const { bytesRead } = await handle.read(view, total, view.length - total, position + total);
    if (bytesRead === 0) break;
    total += bytesRead;
  }
  return total;
}

/** Writes all of `view` at `position` (a short write is continued). */
export async function writeFully(
  handle: FileHandle,
  view: Uint8Array,
  position: number,
): Promise<void> {
  let done = 0;
  while (done < view.length) {
    const { bytesWritten } = await handle.write(view, done, view.length - done, position + done);
    done += bytesWritten;
  }
}
