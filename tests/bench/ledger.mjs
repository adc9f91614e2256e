#!/usr/bin/env node
// `npm run bench -- ledger`: ledger.append (p99 latency of a signed, fsynced append) and
// ledger.verify (records/s over a generated ledger). No reference tool: reference and ratio null.
// The custody and identity services are bundled from source with Vite into a temp folder.
import process from 'node:process';
import { readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
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
    identityUrl: urls.identity,
  };
}

/** The line-check worker the built app ships (out/workers/ledger-worker.js), bundled from source. */
async function bundleLedgerWorker() {
  const urls = await bundleForNode(join(work, 'workers'), {
    'ledger-worker': 'electron/workers/ledger-worker.ts',
  });
  return fileURLToPath(urls['ledger-worker']);
}

/**
 * Signs the to-be-signed bytes of every record with the examiner's key on every core (PKCS#1 v1.5
 * is deterministic: the same signatures as signing in order), so generating 100,000 records takes
 * half the time. Each worker unlocks the same PKCS#12.
 */
async function signAll(identityUrl, p12, passphrase, messages) {
  const threads = Math.max(1, availableParallelism());
  const per = Math.ceil(messages.length / threads);
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    import(workerData.identityUrl).then((identity) => {
      const signer = identity.unlock(workerData.p12, workerData.passphrase);
      parentPort.postMessage(workerData.messages.map((m) => signer.sign(m)));
    });
  `;
  const parts = await Promise.all(
    Array.from({ length: threads }, (_, t) => {
      const slice = messages.slice(t * per, (t + 1) * per);
      return new Promise((resolve, reject) => {
        const worker = new Worker(code, {
          eval: true,
          workerData: { identityUrl, p12, passphrase, messages: slice },
        });
        worker.once('message', (signatures) => {
          resolve(signatures);
          void worker.terminate();
        });
        worker.once('error', reject);
      });
    }),
  );
  return parts.flat();
}

/** CPU seconds of this (the main) thread alone, from /proc on Linux; null elsewhere. */
function mainThreadCpuSeconds() {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in USER_HZ
  } catch {
    return null;
  }
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
  const { custody, identity, format, identityUrl } = await bundle();
  // The verifier finds its worker next to the bundle in the app; here it is bundled separately.
  process.env.SEALCASE_LEDGER_WORKER = await bundleLedgerWorker();
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
  const sha256 = custody.createNodeCustodyCrypto({ ledgerWorkers: null }).sha256;
  const prepared = [];
  let prev = null;
  const started = Date.now();
  for (let i = 0; i < RECORDS; i++) {
    const p = await format.prepareRecord(
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
    prepared.push(p);
    prev = { seq: i, hash: p.hash };
  }
  const signatures = await signAll(
    identityUrl,
    p12,
    'bench',
    prepared.map((p) => p.toBeSigned),
  );
  const lines = prepared.map((p, i) => format.finishRecord(p, signatures[i]).line);
  prepared.length = 0;
  await writeFile(join(verifyCase, 'ledger.jsonl'), lines.join(''));
  lines.length = 0;
  const main0 = mainThreadCpuSeconds();
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  const result = await custody.verifyCaseLedger(verifyCase);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  // CPU of every thread (verifier and workers): what the machine's other load cannot inflate much.
  const cpu = process.cpuUsage(cpu0);
  const main1 = mainThreadCpuSeconds();
  if (!result.ok)
    throw new Error(`generated ledger does not verify: ${JSON.stringify(result.firstBad)}`);
  line('ledger.verify', Math.round(result.records.length / seconds), 'records/s', {
    records: result.records.length,
    seconds: Math.round(seconds * 100) / 100,
    threads: availableParallelism(),
    cpuSeconds: Math.round((cpu.user + cpu.system) / 1e4) / 100,
    // Of which the verifier's own thread (the in-order half, its GC); the rest is the line-check
    // workers and V8's helper threads (compiling, GC).
    mainThreadCpuSeconds:
      main0 === null || main1 === null ? null : Math.round((main1 - main0) * 100) / 100,
    loadAverage: loadavg()[0],
    goal: '≥ 50000 records/s',
  });
  signer.lock();
} finally {
  await rm(work, { recursive: true, force: true });
}
