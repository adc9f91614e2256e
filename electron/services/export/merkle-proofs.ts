/**
 * Every inclusion proof of a tree at once (RFC 9162 §2.1.3.1 `PATH(m, D[n])` for m = 0..n−1).
 * The recursive definition recomputes subtree hashes per proof (O(n²) hashes for all of them);
 * here each subtree hash is computed once, so all n proofs cost O(n) hashes plus O(n log n)
 * lookups. Tested against shared/custody/merkle.ts `inclusionProof`.
 */
import { nodeHash, type Sha256 } from '../../../shared/custody';

function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** `leaves` are the leaf hashes (0x00-prefixed already). Returns proofs[m] = PATH(m, D[n]). */
export async function allInclusionProofs(
  sha256: Sha256,
  leaves: readonly Uint8Array[],
): Promise<Uint8Array[][]> {
  const memo = new Map<string, Uint8Array>();
  const mth = async (start: number, end: number): Promise<Uint8Array> => {
    if (end - start === 1) return leaves[start]!;
    const key = `${start}:${end}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const k = largestPowerOfTwoBelow(end - start);
    const value = await nodeHash(sha256, await mth(start, start + k), await mth(start + k, end));
    memo.set(key, value);
    return value;
  };
  const proofs: Uint8Array[][] = [];
  for (let m = 0; m < leaves.length; m++) {
    const path: Uint8Array[] = [];
    let start = 0;
    let end = leaves.length;
    // Walk down from the root; siblings are collected root-first, the RFC lists them leaf-first.
    while (end - start > 1) {
      const k = largestPowerOfTwoBelow(end - start);
      if (m < start + k) {
        path.push(await mth(start + k, end));
        end = start + k;
      } else {
        path.push(await mth(start, start + k));
        start += k;
      }
    }
    proofs.push(path.reverse());
  }
  return proofs;
}
