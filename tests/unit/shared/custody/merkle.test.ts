import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  consistencyProof,
  fromHex,
  inclusionProof,
  leafHash,
  MerkleAccumulator,
  nodeHash,
  rootHash,
  toHex,
  verifyConsistency,
  verifyInclusion,
} from '../../../../shared/custody';
import { CustodyError } from '../../../../shared/errors';
import { VECTORS } from './fixture';

const sha256 = (d: Uint8Array) => new Uint8Array(createHash('sha256').update(d).digest());
const hex = (h: string) => fromHex(h)!;
const hexes = (l: readonly Uint8Array[]) => l.map(toHex);

interface Vectors {
  leafInputs: string[];
  leafHashes: string[];
  roots: string[];
  inclusion: { index: number; size: number; proof: string[] }[];
  consistency: { size1: number; size2: number; proof: string[] }[];
}
const ct = JSON.parse(readFileSync(join(VECTORS, 'ct-merkle-vectors.json'), 'utf8')) as Vectors;

async function leavesOf(n: number, seed = 0): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for (let i = 0; i < n; i++)
    out.push(await leafHash(sha256, new Uint8Array([seed, i & 0xff, i >> 8])));
  return out;
}

/** RFC 9162 §2.1.1 MTH, recursively, as a cross-check of the bottom-up and accumulator roots. */
async function refRoot(d: readonly Uint8Array[]): Promise<Uint8Array> {
  if (d.length === 0) return sha256(new Uint8Array(0));
  if (d.length === 1) return d[0]!;
  let k = 1;
  while (k * 2 < d.length) k *= 2;
  return nodeHash(sha256, await refRoot(d.slice(0, k)), await refRoot(d.slice(k)));
}

describe('Merkle tree against the Certificate Transparency vectors (RFC 6962)', () => {
  it('hashes the leaves and gives the roots for sizes 0..8', async () => {
    const leaves = await Promise.all(ct.leafInputs.map((l) => leafHash(sha256, hex(l))));
    expect(hexes(leaves)).toEqual(ct.leafHashes);
    for (let n = 0; n <= 8; n++) {
      expect(toHex(await rootHash(sha256, leaves.slice(0, n))), `size ${n}`).toBe(ct.roots[n]);
      const acc = new MerkleAccumulator(sha256);
      for (const l of leaves.slice(0, n)) await acc.append(l);
      expect(toHex(await acc.root())).toBe(ct.roots[n]);
    }
  });

  it.each(ct.inclusion)(
    'inclusion proof of leaf $index in size $size',
    async ({ index, size, proof }) => {
      const leaves = ct.leafHashes.map(hex);
      expect(hexes(await inclusionProof(sha256, leaves, index, size))).toEqual(proof);
      const root = hex(ct.roots[size]!);
      expect(await verifyInclusion(sha256, index, size, leaves[index]!, proof.map(hex), root)).toBe(
        true,
      );
      // The corruptions of transparency-dev/merkle proof/verify_test.go.
      const p = proof.map(hex);
      const some = hex('abacaba000000000000000000000000000000000000000000060061e00123456');
      const bad: Array<[number, number, Uint8Array, Uint8Array[], Uint8Array]> = [
        [index - 1, size, leaves[index]!, p, root],
        [index + 1, size, leaves[index]!, p, root],
        [index ^ 2, size, leaves[index]!, p, root],
        [index, size * 2, leaves[index]!, p, root],
        [index, Math.floor(size / 2), leaves[index]!, p, root],
        [index, size, sha256(new Uint8Array([1])), p, root],
        [index, size, leaves[index]!, p, hex(ct.roots[0]!)],
        [index, size, leaves[index]!, p, some],
        [index, size, leaves[index]!, [...p, new Uint8Array(0)], root],
        [index, size, leaves[index]!, [...p, root], root],
        [index, size, leaves[index]!, [new Uint8Array(0), ...p], root],
        [index, size, leaves[index]!, [root, ...p], root],
      ];
      for (let i = 0; i < p.length; i++) {
        const q = p.map((x) => x.slice());
        q[i]![0]! ^= 8;
        bad.push([index, size, leaves[index]!, q, root]);
      }
      if (p.length > 0) bad.push([index, size, leaves[index]!, p.slice(0, -1), root]);
      if (p.length > 1) bad.push([index, size, leaves[index]!, [p[0]!, some, ...p.slice(1)], root]);
      for (const [i, s, l, q, r] of bad) {
        if (i === index && s === size && l === leaves[index] && q === p && r === root) continue;
        expect(await verifyInclusion(sha256, i, s, l, q, r), `probe ${i}/${s}`).toBe(false);
      }
    },
  );

  it.each(ct.consistency)('consistency proof $size1 → $size2', async ({ size1, size2, proof }) => {
    const leaves = ct.leafHashes.map(hex);
    expect(hexes(await consistencyProof(sha256, leaves, size1, size2))).toEqual(proof);
    const r1 = hex(ct.roots[size1]!);
    const r2 = hex(ct.roots[size2]!);
    const p = proof.map(hex);
    expect(await verifyConsistency(sha256, size1, size2, r1, r2, p)).toBe(true);
    if (p.length === 0) return;
    const wrong = new TextEncoder().encode('WrongRoot');
    const bad: Array<[number, number, Uint8Array, Uint8Array, Uint8Array[]]> = [
      [size1 - 1, size2, r1, r2, p],
      [size1 + 1, size2, r1, r2, p],
      [size1 ^ 2, size2, r1, r2, p],
      [size1, size2 * 2, r1, r2, p],
      [size1, Math.floor(size2 / 2), r1, r2, p],
      [size1, size2, wrong, r2, p],
      [size1, size2, r1, wrong, p],
      [size1, size2, r2, r1, p],
      [size1, size2, r1, r2, []],
      [size1, size2, r1, r2, [...p, new Uint8Array(0)]],
      [size1, size2, r1, r2, [...p, r1]],
      [size1, size2, r1, r2, [...p, r2]],
      [size1, size2, r1, r2, [new Uint8Array(0), ...p]],
      [size1, size2, r1, r2, [r1, ...p]],
      [size1, size2, r1, r2, [r2, ...p]],
      [size1, size2, r1, r2, [p[0]!, ...p]],
      [size1, size2, r1, r2, p.slice(0, -1)],
    ];
    for (let i = 0; i < p.length; i++) {
      const q = p.map((x) => x.slice());
      q[i]![0]! ^= 16;
      bad.push([size1, size2, r1, r2, q]);
    }
    for (const [m, n, a, b, q] of bad) {
      expect(await verifyConsistency(sha256, m, n, a, b, q), `probe ${m}/${n}`).toBe(false);
    }
  });

  it('handles the degenerate consistency cases of verify_test.go', async () => {
    const r1 = new TextEncoder().encode("don't care 1");
    const r2 = new TextEncoder().encode("don't care 2");
    const empty = hex(ct.roots[0]!);
    expect(await verifyConsistency(sha256, 0, 0, r1, r2, [])).toBe(false);
    expect(await verifyConsistency(sha256, 1, 1, r1, r2, [])).toBe(false);
    expect(await verifyConsistency(sha256, 0, 0, r1, r1, [])).toBe(true);
    expect(await verifyConsistency(sha256, 0, 1, r1, r2, [])).toBe(true);
    expect(await verifyConsistency(sha256, 1, 1, r2, r2, [])).toBe(true);
    expect(await verifyConsistency(sha256, 1, 0, r1, r2, [])).toBe(false);
    expect(await verifyConsistency(sha256, 2, 1, r1, r2, [])).toBe(false);
    expect(await verifyConsistency(sha256, 1, 2, r1, r2, [])).toBe(false);
    expect(await verifyConsistency(sha256, 0, 0, empty, empty, [empty])).toBe(false);
    expect(await verifyConsistency(sha256, 0, 1, empty, empty, [empty])).toBe(false);
    expect(await verifyConsistency(sha256, 1, 1, empty, empty, [empty])).toBe(false);
  });

  it('refuses out-of-range proof requests with CUSTODY_MERKLE_RANGE', async () => {
    const leaves = await leavesOf(4);
    await expect(inclusionProof(sha256, leaves, 4, 4)).rejects.toBeInstanceOf(CustodyError);
    await expect(inclusionProof(sha256, leaves, 0, 5)).rejects.toMatchObject({
      code: 'CUSTODY_MERKLE_RANGE',
    });
    await expect(consistencyProof(sha256, leaves, 3, 2)).rejects.toMatchObject({
      code: 'CUSTODY_MERKLE_RANGE',
    });
  });
});

describe('Merkle tree properties', () => {
  it('bottom-up root and accumulator equal the recursive MTH for every size up to 70', async () => {
    const leaves = await leavesOf(70);
    const acc = new MerkleAccumulator(sha256);
    for (let n = 0; n <= 70; n++) {
      const want = toHex(await refRoot(leaves.slice(0, n)));
      expect(toHex(await rootHash(sha256, leaves.slice(0, n)))).toBe(want);
      expect(toHex(await acc.root())).toBe(want);
      if (n < 70) await acc.append(leaves[n]!);
    }
  });

  it('appending a perfect subtree root equals appending its leaves, and is refused unaligned', async () => {
    const all = await leavesOf(300, 3);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 12 }),
        async (steps) => {
          const byLeaf = new MerkleAccumulator(sha256);
          const bySubtree = new MerkleAccumulator(sha256);
          let n = 0;
          for (const k of steps) {
            const size = 2 ** k;
            if (n % size !== 0) {
              expect(() => bySubtree.appendSubtree(all[0]!, size)).toThrow(CustodyError);
              continue;
            }
            if (n + size > all.length) continue;
            const block = all.slice(n, n + size);
            await bySubtree.appendSubtree(await rootHash(sha256, block), size);
            for (const leaf of block) await byLeaf.append(leaf);
            n += size;
            expect(bySubtree.size).toBe(n);
            expect(toHex(await bySubtree.root())).toBe(toHex(await byLeaf.root()));
          }
        },
      ),
      { numRuns: 200 },
    );
    expect(() => new MerkleAccumulator(sha256).appendSubtree(all[0]!, 3)).toThrow(CustodyError);
  });

  const sizeAndIndex = fc
    .integer({ min: 1, max: 300 })
    .chain((size) => fc.tuple(fc.constant(size), fc.nat(size - 1)));

  it('every inclusion proof verifies, and a flipped bit, wrong index or wrong leaf fails', async () => {
    const all = await leavesOf(300, 7);
    await fc.assert(
      fc.asyncProperty(sizeAndIndex, fc.nat(), fc.nat(255), async ([size, index], pick, bit) => {
        const leaves = all.slice(0, size);
        const root = await rootHash(sha256, leaves);
        const proof = await inclusionProof(sha256, leaves, index, size);
        expect(await verifyInclusion(sha256, index, size, leaves[index]!, proof, root)).toBe(true);
        if (size > 1) {
          expect(
            await verifyInclusion(sha256, (index + 1) % size, size, leaves[index]!, proof, root),
          ).toBe(false);
          expect(
            await verifyInclusion(sha256, index, size, leaves[(index + 1) % size]!, proof, root),
          ).toBe(false);
          const q = proof.map((x) => x.slice());
          q[pick % q.length]![bit % 32]! ^= 1 << (bit % 8);
          expect(await verifyInclusion(sha256, index, size, leaves[index]!, q, root)).toBe(false);
          expect(await verifyInclusion(sha256, index, size * 2, leaves[index]!, proof, root)).toBe(
            false,
          );
        }
      }),
      { numRuns: 200 },
    );
  });

  const sizes = fc
    .integer({ min: 1, max: 300 })
    .chain((n) => fc.tuple(fc.integer({ min: 1, max: n }), fc.constant(n)));

  it('every consistency proof verifies, and tampering or the wrong sizes fail', async () => {
    const all = await leavesOf(300, 9);
    await fc.assert(
      fc.asyncProperty(sizes, fc.nat(), fc.nat(255), async ([m, n], pick, bit) => {
        const r1 = await rootHash(sha256, all.slice(0, m));
        const r2 = await rootHash(sha256, all.slice(0, n));
        const proof = await consistencyProof(sha256, all, m, n);
        expect(await verifyConsistency(sha256, m, n, r1, r2, proof)).toBe(true);
        if (m === n) return;
        const q = proof.map((x) => x.slice());
        q[pick % q.length]![bit % 32]! ^= 1 << (bit % 8);
        expect(await verifyConsistency(sha256, m, n, r1, r2, q)).toBe(false);
        expect(await verifyConsistency(sha256, m, n, r2, r1, proof)).toBe(false);
        expect(await verifyConsistency(sha256, m, n * 2, r1, r2, proof)).toBe(false);
        // A different history of the first m leaves is not consistent with the same new tree.
        const forged = await rootHash(sha256, [
          await leafHash(sha256, new Uint8Array([0xee])),
          ...all.slice(1, m),
        ]);
        expect(await verifyConsistency(sha256, m, n, forged, r2, proof)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
