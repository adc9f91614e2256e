import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventStreams, STREAM_HIGH_WATER } from '../../../../../electron/services/analysis';
import { blobPathFor } from '../../../../../shared/model';
import { PAGE_SIZE, type WirePage } from '../../../../../shared/workspace';
import { bundleWorker } from '../../../../helpers/bundle-worker';
import { tempDir } from '../../../../helpers/temp-dir';

let dir: string;
let cleanup: () => Promise<void>;
let workerUrl: URL;

// The worker as the app ships it: bundled from source (what `npm run build` does for out/workers).
beforeAll(async () => {
  ({ path: dir, cleanup } = await tempDir());
  workerUrl = await bundleWorker('parse-worker', join(dir, 'bundle'));
}, 60_000);
afterAll(async () => cleanup());

async function blob(text: string): Promise<string> {
  const sha = createHash('sha256').update(text).digest('hex');
  const path = join(dir, blobPathFor(sha));
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
  return sha;
}

const line = (i: number) =>
  `198.51.100.${i % 250} - - [05/Mar/2024:14:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} +0100] "GET /p${i} HTTP/1.1" 200 ${i}\n`;

async function drain(streams: EventStreams, id: string): Promise<WirePage[]> {
  const all: WirePage[] = [];
  for (;;) {
    const b = await streams.next(id, 7000);
    all.push(...b.pages);
    if (b.done) return all;
  }
}

describe('EventStreams in a worker thread', () => {
  it('gives exactly the pages of the in-thread parse, in order', async () => {
    const artefact = await blob(Array.from({ length: 30_000 }, (_, i) => line(i)).join(''));
    const req = {
      caseDir: dir,
      artefact,
      fileName: 'access.log',
      format: 'access-log',
      options: {},
    };
    const inWorker = new EventStreams({ workerUrl });
    expect(inWorker.usesWorker).toBe(true);
    const inThread = new EventStreams({ workerUrl: null });
    const [a, b] = await Promise.all([
      drain(inWorker, inWorker.open(req)),
      drain(inThread, inThread.open(req)),
    ]);
    expect(a.map((p) => p.seq)).toEqual(a.map((_, i) => i));
    expect(a.reduce((n, p) => n + p.count, 0)).toBe(30_000);
    expect(a).toEqual(b);
  }, 60_000);

  it('holds the worker back while nobody pulls, and stops it on close', async () => {
    const n = STREAM_HIGH_WATER * 4;
    const artefact = await blob(Array.from({ length: n }, (_, i) => line(i)).join(''));
    const streams = new EventStreams({ workerUrl });
    const id = streams.open({
      caseDir: dir,
      artefact,
      fileName: 'access.log',
      format: 'access-log',
      options: {},
    });
    await streams.next(id, 1);
    await new Promise((r) => setTimeout(r, 2000));
    const b = await streams.next(id, 1_000_000);
    // High water plus at most the credit window of messages, each the pages of one ~1 MiB parser
    // batch (≈ 8k lines) plus the page the builder held back.
    expect(b.pages.reduce((n, p) => n + p.count, 0)).toBeLessThan(
      STREAM_HIGH_WATER + 5 * (9000 + PAGE_SIZE),
    );
    expect(b.done).toBe(false);
    expect(streams.close(id)).toBe(true);
  }, 60_000);

  it('reports a failure in the worker as an error of the stream', async () => {
    const streams = new EventStreams({ workerUrl });
    const id = streams.open({
      caseDir: dir,
      artefact: 'f'.repeat(64),
      fileName: 'gone.log',
      format: 'access-log',
      options: {},
    });
    await expect(streams.next(id, 10)).rejects.toThrow(/gone|cannot read/);
  }, 30_000);
});
