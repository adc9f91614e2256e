import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_EXCERPT, readLine } from '../../../../../electron/services/analysis';
import { blobPathFor } from '../../../../../shared/model';
import { tempDir } from '../../../../helpers/temp-dir';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ path: dir, cleanup } = await tempDir());
});
afterEach(async () => cleanup());

async function blob(text: string): Promise<string> {
  const sha = createHash('sha256').update(text).digest('hex');
  const path = join(dir, blobPathFor(sha));
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
  return sha;
}

describe('readLine', () => {
  it('returns the numbered line as the parsers count it (LF, CRLF, no final newline)', async () => {
    const sha = await blob('first\r\nsecond\nthird');
    expect(await readLine(dir, sha, 1)).toEqual({ text: 'first', truncated: false, found: true });
    expect(await readLine(dir, sha, 2)).toEqual({ text: 'second', truncated: false, found: true });
    expect(await readLine(dir, sha, 3)).toEqual({ text: 'third', truncated: false, found: true });
    expect((await readLine(dir, sha, 4)).found).toBe(false);
  });

  it('finds a line past a 1 MiB block boundary and cuts an over-long one', async () => {
    const long = 'x'.repeat(MAX_EXCERPT + 10);
    const sha = await blob(`${'a'.repeat(1024 * 1024 + 5)}\n${long}\nlast\n`);
    const cut = await readLine(dir, sha, 2);
    expect(cut.truncated).toBe(true);
    expect(cut.text).toHaveLength(MAX_EXCERPT);
    expect(await readLine(dir, sha, 3)).toEqual({ text: 'last', truncated: false, found: true });
  });
});
