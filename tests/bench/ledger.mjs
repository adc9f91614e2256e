#!/usr/bin/env node
// `npm run bench -- ledger`: ledger.append (p99 latency of a signed, fsynced append) and
// ledger.verify (records/s over a generated ledger). No reference tool: reference and ratio null.
// The custody and identity services are bundled from source with Vite into a temp folder.
import process from 'node:process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleForNode, smoke } from './_lib.mjs';

const APPENDS = smoke ? 200 : Number(process.env.SEALCASE_BENCH_APPENDS ?? 2000);
const RECORDS = smoke ? 2000 : Number(process.env.SEALCASE_BENCH_LEDGER_RECORDS ?? 100_000);
const work = join(tmpdir(), 'sealcase-bench', `ledger-${process.pid}`);

async function bundle() {
  const urls = await bundleForNode(join(work, 'lib'), {
    custody: 'electron/services/custody/index.ts',
    identity: 'electron/services/identity/index.ts',
    format: 'shared/custody/index.ts',
  });
  return {
    custody: await import(urls.custody),
    identity: await import(urls.identity),
    format: await import(urls.format),
  };
}

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

function line(bench, value, unit, extra) {
  process.stdout.write(
    `${JSON.stringify({ bench, value, unit, reference: null, ratio: null, peakRssMiB: Math.round(process.memoryUsage().rss / 1048576), ...extra })}\n`,
  );
}

try {
  await mkdir(work, { recursive: true });
  const { custody, identity, format } = await bundle();
  const p12 = identity.createExaminer({
    name: 'Bench Examiner',
    org: 'Bench Lab',
    validityYears: 1,
    passphrase: 'bench',
    iterations: identity.MIN_WRITE_ITERATIONS,
  });
  const signer = identity.unlock(p12, 'bench');
  const deps = { now: () => new Date(), toolVersion: 'bench' };

  // ledger.append: signed (RSA-3072), written whole and fsynced, one at a time.
  const appendCase = join(work, 'append.sealcase');
  await mkdir(appendCase, { recursive: true });
  await custody.trustIssuerOf(appendCase, signer);
  const { ledger } = await custody.CustodyLedger.open(appendCase, deps, signer);
  await ledger.append(signer, {
    action: 'case.created',
    subject: { ids: ['bench'] },
    reason: 'bench',
  });
  const latencies = [];
  for (let i = 0; i < APPENDS; i++) {
    const t0 = process.hrtime.bigint();
    await ledger.append(signer, {
      action: 'artefact.acquired',
      subject: { artefacts: [i.toString(16).padStart(64, '0')] },
      reason: `bench artefact ${i}`,
      details: { n: i },
    });
    latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  latencies.sort((a, b) => a - b);
  line('ledger.append', Math.round(percentile(latencies, 99) * 100) / 100, 'ms (p99)', {
    p50: Math.round(percentile(latencies, 50) * 100) / 100,
    appends: APPENDS,
    goal: '≤ 15 ms',
  });

  // ledger.verify: a generated ledger of RECORDS signed records (built in memory, not fsynced).
  const verifyCase = join(work, 'verify.sealcase');
  await mkdir(verifyCase, { recursive: true });
  await custody.trustIssuerOf(verifyCase, signer);
  await custody.storeSignerCertificates(verifyCase, signer);
  const sha256 = custody.createNodeCustodyCrypto().sha256;
  const lines = [];
  let prev = null;
  const started = Date.now();
  for (let i = 0; i < RECORDS; i++) {
    const prepared = await format.prepareRecord(
      prev,
      {
        at: new Date(started + i).toISOString(),
        actor: { name: signer.name, cert: signer.certSha256 },
        action: i === 0 ? 'case.created' : 'artefact.acquired',
        subject: i === 0 ? { ids: ['bench'] } : { artefacts: [i.toString(16).padStart(64, '0')] },
        reason: `bench record ${i}`,
        details: { n: i },
        tool: { sealcase: 'bench' },
      },
      sha256,
    );
    lines.push(format.finishRecord(prepared, signer.sign(prepared.toBeSigned)).line);
    prev = { seq: i, hash: prepared.hash };
  }
  await writeFile(join(verifyCase, 'ledger.jsonl'), lines.join(''));
  lines.length = 0;
  const t0 = process.hrtime.bigint();
  const result = await custody.verifyCaseLedger(verifyCase);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (!result.ok)
    throw new Error(`generated ledger does not verify: ${JSON.stringify(result.firstBad)}`);
  line('ledger.verify', Math.round(result.records.length / seconds), 'records/s', {
    records: result.records.length,
    seconds: Math.round(seconds * 100) / 100,
    goal: '≥ 50000 records/s',
  });
  signer.lock();
} finally {
  await rm(work, { recursive: true, force: true });
}
