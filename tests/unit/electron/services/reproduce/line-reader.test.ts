/**
 * The streaming pieces under reproduce: `pullBlocks` (a push stream pulled one block at a time)
 * and `LineReader` (JSON lines with look-ahead). Properties: any cut of the bytes into blocks —
 * including through a multi-byte character — gives the lines `split('\n')` gives; leaving early
 * stops the producer; a producer's error reaches the consumer.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineReader } from '../../../../../electron/services/reproduce/line-reader';
import { pullBlocks } from '../../../../../electron/services/reproduce/pull-blocks';
import type { ChunkSink } from '../../../../../shared/package/verify/reader';

/** A push stream over `bytes` cut at `cuts`, reusing one buffer per block like a file reader. */
function pushStream(bytes: Uint8Array, cuts: number[], log: { sent: number; ended: boolean }) {
  return async (sink: ChunkSink): Promise<void> => {
    const edges = [...new Set([0, ...cuts.map((c) => c % (bytes.length + 1)), bytes.length])].sort(
      (a, b) => a - b,
    );
    const reused = new Uint8Array(bytes.length);
    try {
      for (let i = 1; i < edges.length; i++) {
        const block = reused.subarray(0, edges[i]! - edges[i - 1]!);
        block.set(bytes.subarray(edges[i - 1]!, edges[i]!));
        await sink(block);
        block.fill(0); // reused: a consumer that kept it would see zeros
        log.sent++;
      }
    } finally {
      log.ended = true;
    }
  };
}

async function readAll(reader: LineReader) {
  const out: { text: string; terminated: boolean; number: number }[] = [];
  for (let l = await reader.next(); l !== null; l = await reader.next()) out.push({ ...l });
  return out;
}

describe('LineReader over pullBlocks', () => {
  it('gives the same lines as split for any cut into blocks (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit: 'grapheme', maxLength: 12 }), { maxLength: 8 }),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 10 }),
        async (lines, finalNewline, cuts) => {
          const text = lines.join('\n') + (finalNewline && lines.length > 0 ? '\n' : '');
          const bytes = new TextEncoder().encode(text);
          const log = { sent: 0, ended: false };
          const got = await readAll(new LineReader('f', pullBlocks(pushStream(bytes, cuts, log))));
          const want = text === '' ? [] : text.split('\n');
          if (want.at(-1) === '') want.pop();
          expect(got.map((l) => l.text)).toEqual(want);
          expect(got.map((l) => l.number)).toEqual(want.map((_, i) => i + 1));
          expect(
            got.every((l, i) => l.terminated || (i === got.length - 1 && !text.endsWith('\n'))),
          ).toBe(true);
          expect(log.ended).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('peek does not take the line', async () => {
    const bytes = new TextEncoder().encode('a\nb\n');
    const reader = new LineReader(
      'f',
      pullBlocks(pushStream(bytes, [1], { sent: 0, ended: false })),
    );
    expect((await reader.peek())?.text).toBe('a');
    expect((await reader.next())?.text).toBe('a');
    expect((await reader.next())?.text).toBe('b');
    expect(await reader.peek()).toBeNull();
  });

  it('abort stops the producer at the next block; its stop signal is not an error', async () => {
    const bytes = new TextEncoder().encode('1\n2\n3\n4\n');
    const log = { sent: 0, ended: false };
    const reader = new LineReader('f', pullBlocks(pushStream(bytes, [2, 4, 6], log)));
    expect((await reader.next())?.text).toBe('1');
    await reader.abort();
    expect(log.ended).toBe(true);
    expect(log.sent).toBeLessThan(4);
  });

  it("a producer's error reaches the consumer", async () => {
    const failing = async (sink: ChunkSink) => {
      await sink(new TextEncoder().encode('x\n'));
      throw new Error('disk gone');
    };
    const reader = new LineReader('f', pullBlocks(failing));
    expect((await reader.next())?.text).toBe('x');
    await expect(reader.next()).rejects.toThrow('disk gone');
  });
});
