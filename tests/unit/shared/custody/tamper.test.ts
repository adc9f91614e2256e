import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verifyLedger, type LedgerFailureCode } from '../../../../shared/custody';
import { golden, options } from './fixture';

/**
 * Any change to the committed ledger is found, and the first bad record is the one changed.
 * The export-time checkpoint (size 8) is supplied, as `sealcase verify` does with a package:
 * without a checkpoint, dropping whole records from the end cannot be detected (FORMAT.md §9).
 */
const bytes = golden.ledgerBytes;
const checkpoints = golden.checkpoints;
const NL = 0x0a;

/** Start offset of each line, plus the total length. */
const starts: number[] = [0];
for (let i = 0; i < bytes.length; i++) if (bytes[i] === NL) starts.push(i + 1);
const n = starts.length - 1;
const lineOf = (pos: number) => starts.findIndex((s, i) => pos >= s && pos < starts[i + 1]!);
const line = (i: number) => bytes.subarray(starts[i], starts[i + 1]);
const join = (parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};

const RECORD_CODES: readonly LedgerFailureCode[] = [
  'TORN_RECORD',
  'MALFORMED_RECORD',
  'NOT_CANONICAL',
  'SEQ_GAP',
  'CHAIN_BROKEN',
  'BAD_SIGNATURE',
  'UNKNOWN_SIGNER',
  'CERT_INVALID_AT_TIME',
  'BAD_REFERENCE',
  'CHECKPOINT_MISMATCH',
];

describe('tampering with the golden ledger', () => {
  it('has 8 records and verifies untouched', async () => {
    expect(n).toBe(8);
    expect((await verifyLedger(bytes, options({ checkpoints }))).ok).toBe(true);
  });

  it('any single-byte change is found at the changed record', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(bytes.length - 1),
        fc.integer({ min: 1, max: 255 }),
        async (pos, delta) => {
          const copy = bytes.slice();
          copy[pos] = (copy[pos]! + delta) & 0xff;
          const result = await verifyLedger(copy, options({ checkpoints }));
          expect(result.ok).toBe(false);
          expect(result.firstBad?.seq).toBe(lineOf(pos));
          expect(RECORD_CODES).toContain(result.firstBad?.code);
          expect(result.records).toHaveLength(lineOf(pos));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('every byte of one record, flipped in turn, is found (exhaustive over the transfer record)', async () => {
    const i = 4;
    for (let pos = starts[i]!; pos < starts[i + 1]!; pos++) {
      const copy = bytes.slice();
      copy[pos] = copy[pos]! ^ 0x01;
      const result = await verifyLedger(copy, options({ checkpoints }));
      expect(result.firstBad?.seq, `byte ${pos}`).toBe(i);
    }
  });

  it('a removed record is found at its seq', async () => {
    for (let i = 0; i < n; i++) {
      const parts = Array.from({ length: n }, (_, k) => line(k)).filter((_, k) => k !== i);
      const result = await verifyLedger(join(parts), options({ checkpoints }));
      expect(result.firstBad).toMatchObject({
        seq: i,
        code: i === n - 1 ? 'LEDGER_TRUNCATED' : 'SEQ_GAP',
      });
    }
  });

  it('a swapped pair is found at the earlier position', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(n - 1), fc.nat(n - 1), async (a, b) => {
        fc.pre(a !== b);
        const [i, j] = a < b ? [a, b] : [b, a];
        const parts = Array.from({ length: n }, (_, k) => line(k === i ? j : k === j ? i : k));
        const result = await verifyLedger(join(parts), options({ checkpoints }));
        expect(result.firstBad).toMatchObject({ seq: i, code: 'SEQ_GAP' });
      }),
      { numRuns: 60 },
    );
  });

  it('a duplicated record is found at the copy', async () => {
    for (let i = 0; i < n; i++) {
      const parts = Array.from({ length: n }, (_, k) => line(k));
      parts.splice(i + 1, 0, line(i));
      const result = await verifyLedger(join(parts), options({ checkpoints }));
      expect(result.firstBad).toMatchObject({ seq: i + 1, code: 'SEQ_GAP' });
    }
  });

  it('truncation anywhere is found: a torn line mid-record, missing records at a line end', async () => {
    const cuts = [...starts.slice(0, -1), ...starts.slice(1).map((s) => s - 1)];
    fc.sample(fc.nat(bytes.length - 1), { numRuns: 300, seed: 4 }).forEach((c) => cuts.push(c));
    for (const cut of cuts) {
      const result = await verifyLedger(bytes.subarray(0, cut), options({ checkpoints }));
      const atBoundary = starts.includes(cut);
      expect(result.ok, `cut ${cut}`).toBe(false);
      expect(result.firstBad, `cut ${cut}`).toMatchObject(
        atBoundary
          ? { seq: starts.indexOf(cut), code: 'LEDGER_TRUNCATED' }
          : { seq: lineOf(cut), code: 'TORN_RECORD' },
      );
    }
  });

  it('without a checkpoint, cutting whole records off the end is only a warning (documented limit)', async () => {
    const result = await verifyLedger(bytes.subarray(0, starts[5]), options());
    expect(result.ok).toBe(true);
    expect(result.records).toHaveLength(5);
    expect(result.warnings.map((w) => w.code)).toContain('TAIL_NOT_CHECKPOINTED');
  });
});
