import { CustodyError } from '../errors';
import { bytesEqual, concatBytes } from './bytes';
import type { MaybePromise, Sha256 } from './hash';

/**
 * RFC 9162 §2.1 Merkle tree over SHA-256. Functions take leaf *hashes* (`leafHash(data)`); in the
 * ledger a leaf's data is the 32-byte record hash. Proof generation follows the RFC's recursive
 * definitions; verification is the RFC's iterative algorithms, step for step.
 */

const LEAF = new Uint8Array([0x00]);
const NODE = new Uint8Array([0x01]);

export async function leafHash(sha256: Sha256, data: Uint8Array): Promise<Uint8Array> {
  return sha256(concatBytes(LEAF, data));
}

export async function nodeHash(
  sha256: Sha256,
  left: Uint8Array,
  right: Uint8Array,
): Promise<Uint8Array> {
  return sha256(concatBytes(NODE, left, right));
}

/** Largest power of two strictly smaller than n (n ≥ 2). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[n]) (§2.1.1), bottom-up: a lone right node moves up a level unchanged. */
export async function rootHash(sha256: Sha256, leaves: readonly Uint8Array[]): Promise<Uint8Array> {
  if (leaves.length === 0) return sha256(new Uint8Array(0));
  let level = leaves.slice();
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i + 1 < level.length; i += 2)
      next.push(await nodeHash(sha256, level[i]!, level[i + 1]!));
    if (level.length % 2 === 1) next.push(level[level.length - 1]!);
    level = next;
  }
  return level[0]!;
}

function checkSize(size: number, leaves: readonly Uint8Array[]): void {
  if (!Number.isSafeInteger(size) || size < 0 || size > leaves.length) {
    throw new CustodyError('CUSTODY_MERKLE_RANGE', `tree size ${size} outside 0..${leaves.length}`);
  }
}

/** PATH(m, D[n]) (§2.1.3.1): the inclusion proof of leaf `index` in the tree of the first `size` leaves. */
export async function inclusionProof(
  sha256: Sha256,
  leaves: readonly Uint8Array[],
  index: number,
  size: number = leaves.length,
): Promise<Uint8Array[]> {
  checkSize(size, leaves);
  if (!Number.isSafeInteger(index) || index < 0 || index >= size) {
    throw new CustodyError('CUSTODY_MERKLE_RANGE', `leaf index ${index} outside 0..${size - 1}`);
  }
  const path = async (m: number, d: readonly Uint8Array[]): Promise<Uint8Array[]> => {
    if (d.length <= 1) return [];
    const k = split(d.length);
    if (m < k) return [...(await path(m, d.slice(0, k))), await rootHash(sha256, d.slice(k))];
    return [...(await path(m - k, d.slice(k))), await rootHash(sha256, d.slice(0, k))];
  };
  return path(index, leaves.slice(0, size));
}

/** PROOF(m, D[n]) (§2.1.4.1): the consistency proof between the trees of sizes m and n. */
export async function consistencyProof(
  sha256: Sha256,
  leaves: readonly Uint8Array[],
  m: number,
  n: number = leaves.length,
): Promise<Uint8Array[]> {
  checkSize(n, leaves);
  if (!Number.isSafeInteger(m) || m < 0 || m > n) {
    throw new CustodyError('CUSTODY_MERKLE_RANGE', `first size ${m} outside 0..${n}`);
  }
  if (m === 0) return [];
  const sub = async (m: number, d: readonly Uint8Array[], b: boolean): Promise<Uint8Array[]> => {
    if (m === d.length) return b ? [] : [await rootHash(sha256, d)];
    const k = split(d.length);
    if (m <= k) return [...(await sub(m, d.slice(0, k), b)), await rootHash(sha256, d.slice(k))];
    return [...(await sub(m - k, d.slice(k), false)), await rootHash(sha256, d.slice(0, k))];
  };
  return sub(m, leaves.slice(0, n), true);
}

/** §2.1.3.2: does `proof` show that `leaf` (a leaf hash) is at `index` in the tree with `root`? */
export async function verifyInclusion(
  sha256: Sha256,
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): Promise<boolean> {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size)
    return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = await nodeHash(sha256, p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = await nodeHash(sha256, r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && bytesEqual(r, root);
}

/** §2.1.4.2: does `proof` show that the tree (m, root1) is a prefix of the tree (n, root2)? */
export async function verifyConsistency(
  sha256: Sha256,
  m: number,
  n: number,
  root1: Uint8Array,
  root2: Uint8Array,
  proof: readonly Uint8Array[],
): Promise<boolean> {
  if (!Number.isSafeInteger(m) || !Number.isSafeInteger(n) || m < 0 || m > n) return false;
  if (m === n) return proof.length === 0 && bytesEqual(root1, root2);
  if (m === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = (m & (m - 1)) === 0 ? [root1, ...proof] : proof;
  let fn = m - 1;
  let sn = n - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = await nodeHash(sha256, c, fr);
      sr = await nodeHash(sha256, c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = await nodeHash(sha256, sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && bytesEqual(fr, root1) && bytesEqual(sr, root2);
}

/**
 * Append-only accumulator (a compact range: one perfect subtree per set bit of the size) giving
 * the root of the first `size` leaves in O(log size) hashes; verification uses it to check
 * checkpoint roots in one pass over the ledger.
 */
export class MerkleAccumulator {
  private readonly stack: Array<{ hash: Uint8Array; size: number }> = [];
  private count = 0;

  constructor(private readonly sha256: Sha256) {}

  get size(): number {
    return this.count;
  }

  /** Adds a leaf hash. Synchronous when `sha256` is (no promise per leaf on Node's crypto). */
  append(leaf: Uint8Array): MaybePromise<void> {
    return this.add(leaf, 1);
  }

  /**
   * Adds the root of a perfect subtree of `size` leaves (a power of two) when the tree so far
   * holds a multiple of `size` leaves: the same as appending those leaves one by one.
   */
  appendSubtree(root: Uint8Array, size: number): MaybePromise<void> {
    if (!Number.isSafeInteger(size) || size < 1 || (size & (size - 1)) !== 0 || this.count % size) {
      throw new CustodyError(
        'CUSTODY_MERKLE_RANGE',
        `a subtree of ${size} leaves cannot follow ${this.count} leaves`,
      );
    }
    return this.add(root, size);
  }

  private add(node: Uint8Array, leaves: number): MaybePromise<void> {
    let hash = node;
    let size = leaves;
    const climb = (): MaybePromise<void> => {
      while (this.stack.length > 0 && this.stack[this.stack.length - 1]!.size === size) {
        const left = this.stack.pop()!;
        const parent = this.sha256(concatBytes(NODE, left.hash, hash));
        size *= 2;
        if (!(parent instanceof Uint8Array)) {
          return Promise.resolve(parent).then((h) => {
            hash = h;
            return climb();
          });
        }
        hash = parent;
      }
      this.stack.push({ hash, size });
      this.count += leaves;
    };
    return climb();
  }

  async root(): Promise<Uint8Array> {
    if (this.stack.length === 0) return this.sha256(new Uint8Array(0));
    let r = this.stack[this.stack.length - 1]!.hash;
    for (let i = this.stack.length - 2; i >= 0; i--)
      r = await nodeHash(this.sha256, this.stack[i]!.hash, r);
    return r;
  }
}
