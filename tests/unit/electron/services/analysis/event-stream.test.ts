import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventStreams, STREAM_HIGH_WATER } from '../../../../../electron/services/analysis';
import { ParseError } from '../../../../../shared/errors';
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
    for (;;) {
      const b = await streams.next(id, 1234);
      expect(b.events.length).toBeLessThanOrEqual(1234);
      for (const e of b.events) got.push((e.locator as { line: number }).line);
      if (b.done) {
        expect(b.parser).toEqual({ name: 'access-log', version: '1.0.0' });
        break;
      }
    }
    expect(got).toEqual(Array.from({ length: 5000 }, (_, i) => i + 1));
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
    const first = await streams.next(id, 10);
    expect(first.events).toHaveLength(10);
    // Give the parser time to run ahead: it must stop near the high-water mark, not parse all.
    await new Promise((r) => setTimeout(r, 1500));
    const second = await streams.next(id, 100_000);
    expect(second.events.length).toBeLessThan(STREAM_HIGH_WATER + 70_000);
    expect(second.done).toBe(false);
    expect(streams.close(id)).toBe(true);
    expect(streams.close(id)).toBe(false);
  }, 30_000);
});
