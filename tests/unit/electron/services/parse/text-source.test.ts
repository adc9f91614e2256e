/**
 * decodeBlocks: ASCII blocks take a Latin-1 copy, the others the StringDecoder; the text must be
 * exactly what one TextDecoder (the WHATWG UTF-8 decoder, U+FFFD for every maximal invalid
 * subpart) gives for all the bytes at once, whatever the blocks and wherever characters are cut.
 */
import fc from 'fast-check';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  decodeBlocks,
  TEXT_PIECE_BYTES,
  textChunks,
} from '../../../../../electron/services/parse/text-source';

async function decodeAll(blocks: readonly Uint8Array[], pieceBytes?: number): Promise<string[]> {
  async function* source(): AsyncGenerator<Uint8Array> {
    for (const b of blocks) {
      await Promise.resolve();
      yield b;
    }
  }
  const out: string[] = [];
  const options = pieceBytes === undefined ? {} : { pieceBytes };
  for await (const text of decodeBlocks(source(), options)) out.push(text);
  return out;
}

function concat(blocks: readonly Uint8Array[]): Uint8Array {
  const all = new Uint8Array(blocks.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of blocks) {
    all.set(b, at);
    at += b.length;
  }
  return all;
}

const whatwg = (bytes: Uint8Array): string => new TextDecoder('utf-8').decode(bytes);
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Bytes that are mostly ASCII, with multi-byte characters and invalid bytes now and then. */
const byteRun = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }).map(utf8) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }).map(utf8) },
  {
    weight: 1,
    arbitrary: fc.uint8Array({ maxLength: 6 }).map((b) => b.map((x) => 0x80 | x)),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(0xc3, 0xe2, 0xf0, 0xff, 0xed).map((x) => Uint8Array.of(x)),
  },
);

describe('decodeBlocks', () => {
  it('gives what one TextDecoder gives for the whole input, however it is cut (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(byteRun, { maxLength: 12 }),
        fc.array(fc.nat(60), { maxLength: 8 }),
        fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined }),
        async (runs, cuts, pieceBytes) => {
          const all = concat(runs);
          const points = [...new Set(cuts.map((c) => Math.min(c, all.length)))].sort(
            (a, b) => a - b,
          );
          const blocks: Uint8Array[] = [];
          let from = 0;
          for (const p of [...points, all.length]) {
            blocks.push(all.subarray(from, p));
            from = p;
          }
          const out = await decodeAll(blocks, pieceBytes);
          expect(out.join('')).toBe(whatwg(all));
          expect(out.every((t) => t.length > 0)).toBe(true);
          // A piece is at most pieceBytes bytes: at most that many UTF-16 units, plus what the
          // up to 3 bytes held back from the piece before become.
          if (pieceBytes !== undefined) {
            expect(out.every((t) => t.length <= pieceBytes + 3)).toBe(true);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('an ASCII block after a cut character still ends that character or replaces it', async () => {
    const euro = utf8('€'); // e2 82 ac
    const cases: Uint8Array[][] = [
      [Uint8Array.of(0x41, euro[0] ?? 0), Uint8Array.of(euro[1] ?? 0, euro[2] ?? 0, 0x42)],
      [Uint8Array.of(0x41, euro[0] ?? 0), utf8('plain ASCII')],
      [Uint8Array.of(0x41, euro[0] ?? 0, euro[1] ?? 0), Uint8Array.of(euro[2] ?? 0), utf8('next')],
      [utf8('é'), utf8('ascii'), Uint8Array.of(0xff), utf8('tail')],
      [Uint8Array.of(0xf0, 0x9f), Uint8Array.of(0x98), Uint8Array.of(0x80), utf8('!')],
      [Uint8Array.of(0xf0, 0x9f)],
    ];
    for (const blocks of cases) {
      expect((await decodeAll(blocks)).join('')).toBe(whatwg(concat(blocks)));
    }
  });

  it('reads a file in blocks to the same text, and reports the bytes read', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sealcase-text-source-'));
    try {
      const text = `${'a'.repeat(1000)}é${'b'.repeat(999)}€\n`.repeat(50);
      const path = join(dir, 'log.txt');
      await writeFile(path, text, 'utf8');
      const seen: number[] = [];
      let got = '';
      for await (const chunk of textChunks(path, {
        chunkBytes: 1001,
        onBytes: (n) => seen.push(n),
      })) {
        got += chunk;
      }
      expect(got).toBe(text);
      expect(seen.at(-1)).toBe(Buffer.byteLength(text));
      // 1 MiB blocks handed on as pieces of at most TEXT_PIECE_BYTES.
      const pieces: number[] = [];
      for await (const chunk of textChunks(path)) pieces.push(chunk.length);
      expect(pieces.reduce((a, b) => a + b, 0)).toBe(text.length);
      expect(Math.max(...pieces)).toBeLessThanOrEqual(TEXT_PIECE_BYTES);
      expect(pieces.length).toBeGreaterThan(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
