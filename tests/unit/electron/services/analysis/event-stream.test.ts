import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventStreams, STREAM_HIGH_WATER } from '../../../../../electron/services/analysis';
import { ParseError } from '../../../../../shared/errors';
import { blobPathFor } from '../../../../../shared/model';
import {
  PAGE_SIZE,
  bodyEvent,
  checkWirePage,
  fromWirePage,
  type WirePage,
} from '../../../../../shared/workspace';
import { tempDir } from '../../../../helpers/temp-dir';

const eventsIn = (pages: readonly WirePage[]) => pages.reduce((n, p) => n + p.count, 0);

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

const line = (i: number) =>
  `198.51.100.${i % 250} - - [05/Mar/2024:14:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} +0100] "GET /p${i} HTTP/1.1" 200 ${i}\n`;

describe('EventStreams', () => {
  it('hands over every event in order, in batches, with the parser named', async () => {
    const lines = Array.from({ length: 5000 }, (_, i) => line(i)).join('');
    const artefact = await blob(lines);
    const streams = new EventStreams();
    const id = streams.open({
      caseDir: dir,
      artefact,
      fileName: 'access.log',
      format: 'access-log',
      options: {},
    });
    const got: number[] = [];
    let seq = 0;
    let lastTime = -Infinity;
    for (;;) {
      // 5,000 events ask for 4,100 per call: whole pages only, so one 4,000-event page, then the rest.
      const b = await streams.next(id, 4100);
      expect(b.pages.length).toBeLessThanOrEqual(1);
      for (const page of b.pages) {
        expect(checkWirePage(page)).toBeNull();
        expect(page.seq).toBe(seq++);
        // Pages follow each other in time (the lines are in order, wrapping once an hour).
        expect(page.minTs).toBeGreaterThanOrEqual(lastTime);
        lastTime = page.maxTs;
        const { body } = fromWirePage(artefact, page);
        for (let i = 0; i < page.count; i++) {
          const e = bodyEvent(body, i);
          expect(e.artefact).toBe(artefact);
          got.push((e.locator as { line: number }).line);
        }
      }
      if (b.done) {
        expect(b.parser).toEqual({ name: 'access-log', version: '1.0.0' });
        break;
      }
    }
    expect(seq).toBe(2);
    expect(got.sort((x, y) => x - y)).toEqual(Array.from({ length: 5000 }, (_, i) => i + 1));
    await expect(streams.next(id, 10)).rejects.toSatisfy(
      (e) => e instanceof ParseError && e.code === 'PARSE_RUN_NOT_FOUND',
    );
  });

  it('pauses the parser while the buffer is full, and close stops it', async () => {
    const n = STREAM_HIGH_WATER * 3;
    const artefact = await blob(Array.from({ length: n }, (_, i) => line(i)).join(''));
    const streams = new EventStreams();
    const id = streams.open({
      caseDir: dir,
      artefact,
      fileName: 'access.log',
      format: 'access-log',
      options: {},
    });
    // Fewer events asked for than a page holds: one whole page (after any batches that held only
    // the start's warnings: the parser hands its output on per text piece of the file).
    let first = await streams.next(id, 10);
    while (first.pages.length === 0 && !first.done) first = await streams.next(id, 10);
    expect(first.pages.map((p) => p.count)).toEqual([PAGE_SIZE]);
    // Give the parser time to run ahead: it must stop near the high-water mark, not parse all.
    await new Promise((r) => setTimeout(r, 1500));
    const second = await streams.next(id, 100_000);
    expect(eventsIn(second.pages)).toBeLessThan(STREAM_HIGH_WATER + 70_000);
    expect(second.done).toBe(false);
    expect(streams.close(id)).toBe(true);
    expect(streams.close(id)).toBe(false);
  }, 30_000);
});
