import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type Excerpt,
  type ExcerptTuning,
  MAX_EXCERPT,
  lineIndexes,
  readLine,
} from '../../../../../electron/services/analysis';
import { blobPathFor } from '../../../../../shared/model';
import { tempDir } from '../../../../helpers/temp-dir';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ path: dir, cleanup } = await tempDir());
});
afterEach(async () => cleanup());

async function blob(content: string | Buffer): Promise<string> {
  const sha = createHash('sha256').update(content).digest('hex');
  const path = join(dir, blobPathFor(sha));
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, content);
  return sha;
}

/** The implementation before the line-start index, kept verbatim as the reference. */
async function referenceReadLine(
  caseDir: string,
  artefact: string,
  line: number,
): Promise<Excerpt> {
  const decoder = new StringDecoder('utf8');
  let current = 1;
  let text = '';
  let truncated = false;
  const stream = createReadStream(join(caseDir, blobPathFor(artefact)), { highWaterMark: 1 << 20 });
  try {
    for await (const block of stream as AsyncIterable<Buffer>) {
      const chunk = decoder.write(block);
      let at = 0;
      while (at <= chunk.length) {
        const nl = chunk.indexOf('\n', at);
        const end = nl < 0 ? chunk.length : nl;
        if (current === line) {
          const piece = chunk.slice(at, end);
          if (text.length + piece.length > MAX_EXCERPT) {
            text += piece.slice(0, MAX_EXCERPT - text.length);
            truncated = true;
          } else {
            text += piece;
          }
          if (nl >= 0 || truncated)
            return { text: text.replace(/\r$/, ''), truncated, found: true };
        }
        if (nl < 0) break;
        current++;
        at = nl + 1;
      }
    }
  } finally {
    stream.destroy();
  }
  return current === line
    ? { text: text.replace(/\r$/, ''), truncated, found: true }
    : { text: '', truncated: false, found: false };
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

  it('answers like the reference on edge cases (empty file, final newline, line 0, cut sequences)', async () => {
    const cases: (string | Buffer)[] = [
      '',
      '\n',
      'a\n',
      '\r\n\r\n',
      'only',
      Buffer.from([0x61, 0xe2, 0x82]),
      Buffer.from([0x61, 0xe2, 0x0a, 0xf0, 0x9f, 0x98, 0x0d, 0x0a, 0xff]),
      `${'€'.repeat(MAX_EXCERPT - 1)}\r\n${'é'.repeat(MAX_EXCERPT)}\n`,
      `${'y'.repeat(MAX_EXCERPT - 1)}\r${'y'.repeat(5)}\n${'😀'.repeat(MAX_EXCERPT / 2 + 1)}`,
      `${'b'.repeat((1 << 20) - 1)}€\n€${'c'.repeat(10)}`,
    ];
    for (const content of cases) {
      const sha = await blob(content);
      for (const line of [3, 1, 2, 4, 0, -1, 1.5, 5]) {
        expect(await readLine(dir, sha, line)).toEqual(await referenceReadLine(dir, sha, line));
      }
    }
  });

  it('keeps the line starts a partial scan found and goes on from the last one', async () => {
    const sha = await blob(Array.from({ length: 400 }, (_, i) => `line ${i + 1}`).join('\n'));
    const tuning: ExcerptTuning = { blockSize: 16, stride: 32, maxCheckpoints: 1000 };
    expect((await readLine(dir, sha, 100, tuning)).text).toBe('line 100');
    const path = join(dir, blobPathFor(sha));
    const index = lineIndexes.get(path, await stat(path));
    const reached = index.nearest(400).line;
    expect(reached).toBeGreaterThan(90);
    expect(reached).toBeLessThanOrEqual(100);
    expect(index.total).toBeUndefined();
    expect((await readLine(dir, sha, 401, tuning)).found).toBe(false);
    expect(index.nearest(400).line).toBeGreaterThan(390);
    expect(index.total).toBe(400);
  });

  it('shares one scan between concurrent calls on the same blob', async () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `entry ${i + 1} ${'é'.repeat(i % 7)}`);
    const sha = await blob(`${lines.join('\r\n')}\r\n`);
    const wanted = [4996, 4997, 4998, 4999, 5000, 5001, 5002];
    const read = await Promise.all(wanted.map((n) => readLine(dir, sha, n)));
    expect(read.map((r) => r.text)).toEqual([...lines.slice(4995), '', '']);
    expect(read.map((r) => r.found)).toEqual([true, true, true, true, true, true, false]);
  });

  const byte = fc.constantFrom(
    ...[0x61, 0x20, 0x0a, 0x0d, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80, 0xc3, 0xa9, 0xff, 0x80],
  );
  const shortPiece = fc.oneof(
    fc.string({ maxLength: 12 }).map((s) => Buffer.from(s)),
    fc.string({ unit: 'grapheme', maxLength: 6 }).map((s) => Buffer.from(s)),
    fc.uint8Array({ maxLength: 6 }).map((b) => Buffer.from(b)),
    fc.array(byte, { maxLength: 8 }).map((b) => Buffer.from(b)),
  );
  /** About MAX_EXCERPT characters of one kind, so the cut falls around the limit. */
  const longPiece = fc
    .record({
      char: fc.constantFrom('x', 'é', '€', '😀', '\r'),
      extra: fc.integer({ min: -3, max: 3 }),
    })
    .map(({ char, extra }) =>
      Buffer.from(char.repeat(Math.ceil(MAX_EXCERPT / char.length) + extra)),
    );

  function texts(piece: fc.Arbitrary<Buffer>): fc.Arbitrary<Buffer> {
    const line = fc.array(piece, { maxLength: 4 }).map((p) => Buffer.concat(p));
    const ending = fc.constantFrom('\n', '\r\n');
    return fc
      .record({
        lines: fc.array(fc.record({ line, end: ending }), { maxLength: 12 }),
        last: fc.boolean(),
      })
      .map(({ lines, last }) =>
        Buffer.concat(
          lines.flatMap((l, i) => [
            l.line,
            Buffer.from(i === lines.length - 1 && !last ? '' : l.end),
          ]),
        ),
      );
  }

  async function sameAsReference(
    text: fc.Arbitrary<Buffer>,
    tuning: fc.Arbitrary<ExcerptTuning>,
    numRuns: number,
  ): Promise<void> {
    await fc.assert(
      fc.asyncProperty(
        text,
        tuning,
        fc.array(fc.integer({ min: -1, max: 40 }), { minLength: 1, maxLength: 12 }),
        async (content, tune, asked) => {
          const sha = await blob(content);
          for (const n of asked) {
            expect(await readLine(dir, sha, n, tune)).toEqual(await referenceReadLine(dir, sha, n));
          }
        },
      ),
      { numRuns },
    );
  }

  it('gives the reference answers on generated texts, tiny reads, lines asked in any order', async () => {
    const tuning = fc.record({
      blockSize: fc.integer({ min: 1, max: 64 }),
      stride: fc.integer({ min: 1, max: 100 }),
      maxCheckpoints: fc.integer({ min: 2, max: 6 }),
    });
    await sameAsReference(texts(shortPiece), tuning, 300);
  });

  it('gives the reference answers on texts with lines around MAX_EXCERPT', async () => {
    const tuning = fc.record({
      blockSize: fc.integer({ min: 1000, max: 300_000 }),
      stride: fc.integer({ min: 1, max: 300_000 }),
      maxCheckpoints: fc.integer({ min: 2, max: 6 }),
    });
    await sameAsReference(texts(fc.oneof(shortPiece, longPiece)), tuning, 60);
  }, 60_000);
});
