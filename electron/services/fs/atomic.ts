import { open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';

/** fsync a folder so that a rename or a new entry in it survives a power cut. */
export async function fsyncDir(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes `data` to `tmpPath`, fsyncs it, renames it to `finalPath` and fsyncs the folder, so a
 * reader sees either no file or the whole file under the final name — never a partial one.
 */
export async function writeFileDurably(
  tmpPath: string,
  finalPath: string,
  data: string | Uint8Array,
): Promise<void> {
  const handle = await open(tmpPath, 'wx', 0o644);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmpPath, finalPath);
  await fsyncDir(dirname(finalPath));
}
