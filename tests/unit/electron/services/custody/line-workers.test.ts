import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fromBase64,
  fromHex,
  leafHash,
  rootHash,
  toBase64,
  toHex,
  verifyLedger,
  type CustodyCrypto,
  type LedgerVerification,
  type RecordFields,
} from '../../../../../shared/custody';
import {
  checkChunk,
  nodeFromBase64,
  type KeyCache,
} from '../../../../../electron/services/custody/check-chunk';
import { cutJobs } from '../../../../../electron/services/custody/line-workers';
import { createNodeCustodyCrypto } from '../../../../../electron/services/custody/node-crypto';
import { bundleWorker } from '../../../../helpers/bundle-worker';
import {
  actorA,
  actorB,
  buildLedger,
  fields,
  golden,
  signCheckpoint,
  trust,
} from '../../../shared/custody/fixture';

/**
 * The Node path (line checks on worker threads, `checkChunk`) must give exactly what the pure
 * in-thread path gives — ok, first failure, warnings, root, every record — on the golden ledger
 * and on random damage to it.
 */
const plain = createNodeCustodyCrypto({ ledgerWorkers: null });

/** checkLedgerLines as the workers do it, but in this thread: jobs of `jobLines` lines. */
function chunked(jobLines: number): CustodyCrypto {
  return {
    ...plain,
    async *checkLedgerLines(ledger, certs) {
      const keys: KeyCache = new Map();
      for (const job of cutJobs(ledger, jobLines)) {
        const lines = checkChunk(
          {
            bytes: ledger.slice(job.start, job.end),
            offset: job.start,
            first: job.first,
            last: job.end === ledger.length,
          },
          certs,
          keys,
        );
        yield lines;
        if (lines.failure !== null) return;
      }
    },
  };
}

function summary(r: LedgerVerification) {
  return {
    ok: r.ok,
    firstBad: r.firstBad,
    warnings: r.warnings,
    root: r.root,
    records: r.records.map(({ seq, hash, record }) => ({ seq, hash, record })),
  };
}

async function same(
  bytes: Uint8Array,
  crypto: CustodyCrypto,
  checkpoints: readonly string[] = golden.checkpoints,
) {
  const want = await verifyLedger(bytes, { crypto: plain, trust, checkpoints });
  const got = await verifyLedger(bytes, { crypto, trust, checkpoints });
  expect(summary(got)).toEqual(summary(want));
  return want;
}

const bytes = golden.ledgerBytes;
const NL = 0x0a;
const starts: number[] = [0];
for (let i = 0; i < bytes.length; i++) if (bytes[i] === NL) starts.push(i + 1);
const lineBytes = (i: number) => bytes.subarray(starts[i], starts[i + 1]);
const concat = (parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

/** Random damage: a changed byte, a removed, duplicated or swapped line, a cut, bad UTF-8. */
const damaged = fc.oneof(
  fc.tuple(fc.nat(bytes.length - 1), fc.integer({ min: 1, max: 255 })).map(([pos, delta]) => {
    const copy = bytes.slice();
    copy[pos] = (copy[pos]! + delta) & 0xff;
    return copy;
  }),
  fc.nat(bytes.length).map((cut) => bytes.slice(0, cut)),
  fc.tuple(fc.nat(7), fc.nat(7)).map(([a, b]) => {
    const order = [0, 1, 2, 3, 4, 5, 6, 7];
    [order[a], order[b]] = [order[b]!, order[a]!];
    return concat(order.map(lineBytes));
  }),
  fc.tuple(fc.nat(7), fc.boolean()).map(([i, dup]) => {
    const order = [0, 1, 2, 3, 4, 5, 6, 7];
    order.splice(i, dup ? 0 : 1, ...(dup ? [i] : []));
    return concat(order.map(lineBytes));
  }),
  fc
    .tuple(fc.nat(bytes.length - 1), fc.constantFrom([0xff], [0xc3], [0xed, 0xa0, 0x80], [0x0a]))
    .map(([pos, bad]) =>
      concat([bytes.subarray(0, pos), Uint8Array.from(bad), bytes.subarray(pos)]),
    ),
);

describe('line checks in chunks (as the workers run them) agree with the in-thread path', () => {
  it('on the golden ledger, for any job size', async () => {
    for (const jobLines of [1, 2, 3, 8, 100]) {
      const result = await same(bytes, chunked(jobLines));
      expect(result.ok).toBe(true);
    }
  });

  it('on random damage to the golden ledger', async () => {
    await fc.assert(
      fc.asyncProperty(damaged, fc.integer({ min: 1, max: 4 }), async (ledger, jobLines) => {
        await same(ledger, chunked(jobLines));
      }),
      { numRuns: 400 },
    );
  });

  it('on ledgers with transfers, checkpoints, warnings and non-ASCII text', async () => {
    const steps: RecordFields[] = [
      fields('case.created', { actor: { ...actorA, name: 'A. Tamm' }, reason: 'Näide ✓ 𝄞' }),
      fields('examiner.added', { details: { examiner: actorB } }),
      fields('custody.transferred', { details: { to: actorB } }),
      fields('artefact.acquired', {
        at: '2026-05-01T09:00:00.000Z',
        subject: { artefacts: ['ab'.repeat(32)], ids: ['Ü-1'] },
      }),
    ];
    const first = await buildLedger(steps);
    const sha = (d: Uint8Array) => plain.sha256(d) as Uint8Array;
    const leaves = await Promise.all(first.hashes.map((h) => leafHash(sha, fromHex(h)!)));
    const root = toHex(await rootHash(sha, leaves));
    const cp = await signCheckpoint(4, root, actorA);
    const more = await buildLedger([
      ...steps,
      fields('custody.accepted', { actor: actorB, details: { transfer: first.hashes[2]! } }),
      fields('checkpoint.signed', { details: { size: 4, root, checkpoint: cp.hash } }),
    ]);
    for (const [t, checkpoints] of [
      [first.text, []],
      [more.text, [cp.text]],
    ] as const) {
      const ledger = new Uint8Array(Buffer.from(t));
      for (const jobLines of [1, 2, 4, 5]) {
        const result = await same(ledger, chunked(jobLines), checkpoints);
        expect(result.ok).toBe(true);
        expect(result.warnings.length).toBeGreaterThan(0);
      }
    }
  });

  it("on a record dated outside its signer's validity, after the signer's first in the job", async () => {
    const subject = { artefacts: ['ab'.repeat(32)] };
    for (const at of ['2037-01-01T00:00:00.000Z', '2025-12-31T23:59:59.999Z']) {
      const { text } = await buildLedger([
        fields('case.created'),
        fields('artefact.acquired', { subject }),
        fields('artefact.verified', { subject }),
        fields('artefact.verified', { at, subject }),
      ]);
      const ledger = new Uint8Array(Buffer.from(text));
      for (const jobLines of [1, 2, 4]) {
        const result = await same(ledger, chunked(jobLines));
        expect(result.firstBad).toMatchObject({ seq: 3, code: 'CERT_INVALID_AT_TIME' });
      }
    }
  });
});

describe("Node's base64 decoder in the workers", () => {
  it('answers exactly as fromBase64 (canonical, padded, standard alphabet)', () => {
    const text = fc.oneof(
      fc.uint8Array({ maxLength: 20 }).map(toBase64),
      fc.string({ unit: fc.constantFrom(...'AQgw+/=-_ \n.é'), maxLength: 12 }),
      fc
        .tuple(
          fc.uint8Array({ minLength: 1, maxLength: 20 }),
          fc.nat(40),
          fc.constantFrom(...'A=-_ /'),
        )
        .map(([b, at, ch]) => {
          const t = toBase64(b);
          const p = at % t.length;
          return t.slice(0, p) + ch + t.slice(p + 1);
        }),
    );
    const same = (t: string) => {
      const want = fromBase64(t);
      const got = nodeFromBase64(t);
      expect(got === null ? null : new Uint8Array(got), JSON.stringify(t)).toEqual(want);
    };
    fc.assert(fc.property(text, same), { numRuns: 5000 });
    // Where a length check alone would be fooled: padding inside, URL-safe letters, unused bits.
    for (const t of [
      '',
      '====',
      'A===',
      'QQ==',
      'QR==',
      'QUI=',
      'QUJ=',
      'QQ=A',
      'QQ==QUJD',
      'QUJD====',
      'QUJD-_-_',
      'QUJ_',
      'QU\u00e9D',
      'QU D',
      'QUJD\n',
      '\uff21UJD',
      'QUJDQUJD',
    ]) {
      same(t);
    }
  });
});

describe('line-check workers', () => {
  let dir: string;
  let url: URL;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sealcase-ledger-worker-'));
    url = await bundleWorker('ledger-worker', join(dir, 'bundle'));
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('give the in-thread answers, also split over several jobs and threads', async () => {
    for (const jobLines of [1, 3, 1024]) {
      const crypto = createNodeCustodyCrypto({
        ledgerWorkers: { url, threads: 2, minBytes: 0, jobLines },
      });
      expect((await same(bytes, crypto)).ok).toBe(true);
      for (const ledger of fc.sample(damaged, { numRuns: 8, seed: jobLines })) {
        await same(ledger, crypto);
      }
    }
  });

  it('workers started ahead (warmUp) are taken by the next check, or ended', async () => {
    const crypto = createNodeCustodyCrypto({
      ledgerWorkers: { url, threads: 2, minBytes: 0, jobLines: 2 },
    });
    crypto.warmUp();
    crypto.warmUp(); // once is enough
    expect((await same(bytes, crypto)).ok).toBe(true);
    const inThread = createNodeCustodyCrypto({
      ledgerWorkers: { url, threads: 2, minBytes: 1 << 30 },
    });
    inThread.warmUp();
    expect((await same(bytes, inThread)).ok).toBe(true);
  });

  it('a worker that dies hands its lines to the in-thread checks', async () => {
    const broken = join(dir, 'broken-worker.mjs');
    writeFileSync(broken, "throw new Error('worker broken on purpose');\n");
    const crypto = createNodeCustodyCrypto({
      ledgerWorkers: { url: pathToFileURL(broken), threads: 2, minBytes: 0, jobLines: 2 },
    });
    expect((await same(bytes, crypto)).ok).toBe(true);
    const copy = bytes.slice();
    const at = starts[5]! + 3;
    copy[at] = copy[at]! ^ 0x01;
    expect((await same(copy, crypto)).firstBad?.seq).toBe(5);
  });
});
