import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BagWriter } from '../../../../../electron/services/export/bag-writer';
import { COPY_CHUNK, startCopy } from '../../../../../electron/services/export/copy-originals';

let dir: string;
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const H = (c: string) => c.repeat(64);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sealcase-copy-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function bag(name: string): BagWriter {
  mkdirSync(join(dir, name));
  return new BagWriter(join(dir, name));
}

describe('startCopy (worker)', () => {
  it('copies byte for byte across chunk boundaries, read-only, and enters each file in the manifest', async () => {
    const a = randomBytes(COPY_CHUNK * 2 + 12_345);
    const b = Buffer.alloc(0);
    writeFileSync(join(dir, 'a.bin'), a);
    writeFileSync(join(dir, 'b.bin'), b);
    const w = bag('ok');
    const progress: number[] = [];
    const copy = await startCopy(
      w,
      [
        { path: `data/originals/${sha(a)}/a.bin`, source: join(dir, 'a.bin'), expected: sha(a) },
        { path: `data/originals/${sha(b)}/b.bin`, source: join(dir, 'b.bin'), expected: sha(b) },
      ],
      (done) => progress.push(done),
    );
    await copy.done;
    const out = join(dir, 'ok/data/originals', sha(a), 'a.bin');
    expect(readFileSync(out).equals(a)).toBe(true);
    expect(statSync(out).mode & 0o777).toBe(0o444);
    expect(w.payload.map((e) => e.sha256).sort()).toEqual([sha(a), sha(b)].sort());
    expect(w.payloadBytes).toBe(a.length);
    expect(progress).toEqual([1, 2]);
  });

  it('refuses a blob whose bytes are not the SHA-256 it is filed under', async () => {
    writeFileSync(join(dir, 'c.bin'), 'changed');
    const copy = await startCopy(bag('bad'), [
      { path: `data/originals/${H('c')}/c.bin`, source: join(dir, 'c.bin'), expected: H('c') },
    ]);
    await expect(copy.done).rejects.toMatchObject({
      code: 'EXPORT_ORIGINAL_MISMATCH',
      where: join(dir, 'c.bin'),
    });
  });

  it('names a missing blob with EXPORT_IO', async () => {
    const copy = await startCopy(bag('missing'), [
      { path: `data/originals/${H('d')}/d.bin`, source: join(dir, 'nope.bin'), expected: H('d') },
    ]);
    await expect(copy.done).rejects.toMatchObject({
      code: 'EXPORT_IO',
      where: join(dir, 'nope.bin'),
    });
  });

  it('stop() ends the worker between reads and returns once it has exited', async () => {
    const big = Buffer.alloc(COPY_CHUNK * 8, 7);
    writeFileSync(join(dir, 'big.bin'), big);
    const jobs = Array.from({ length: 4 }, (_, i) => ({
      path: `data/originals/${sha(big)}/big-${i}.bin`,
      source: join(dir, 'big.bin'),
      expected: sha(big),
    }));
    const w = bag('stopped');
    const copy = await startCopy(w, jobs);
    await copy.stop();
    // Nothing more arrives after stop: the manifest holds at most the files finished before it.
    const entered = w.payload.length;
    await new Promise((r) => setTimeout(r, 50));
    expect(w.payload.length).toBe(entered);
    expect(entered).toBeLessThan(4);
  });
});
