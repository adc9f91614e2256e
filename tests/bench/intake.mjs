#!/usr/bin/env node
// intake (issue 3): the full CLI intake of one generated file (copy, three digests, fsync,
// re-verify, record) against `cat F | tee COPY | openssl dgst -sha256; sync`.
import process from 'node:process';
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  cliPath,
  generatedInput,
  inputSizeMiB,
  median,
  removeTree,
  report,
  runs,
  timed,
} from './_lib.mjs';

const sizeMiB = inputSizeMiB(3);
const file = await generatedInput('intake', sizeMiB);
const cli = cliPath('ingest');
const work = join(tmpdir(), 'sealcase-bench', `intake-${process.pid}`);
const caseDir = join(work, 'bench.sealcase');
const copy = join(work, 'copy.bin');

async function freshCase() {
  await removeTree(work);
  await mkdir(join(caseDir, 'vault', 'sha256'), { recursive: true });
  await mkdir(join(caseDir, 'vault', 'tmp'), { recursive: true });
  const caseJson = {
    format: 'sealcase/case',
    version: 1,
    id: randomUUID(),
    number: 'BENCH-1',
    title: 'intake benchmark',
    authority: null,
    examiners: [],
    created: new Date().toISOString(),
    tool: { name: 'sealcase', version: 'bench' },
  };
  await writeFile(join(caseDir, 'case.json'), `${JSON.stringify(caseJson, null, 2)}\n`);
  await timed('sync', []);
}

// The full CLI intake signs its ledger records: an examiner identity, made once, untimed.
process.env.SEALCASE_PASSPHRASE = 'sealcase-bench';
const identity = join(tmpdir(), 'sealcase-bench', `examiner-${process.pid}.p12`);
await mkdir(dirname(identity), { recursive: true });
await timed(process.execPath, [
  cli,
  'identity',
  'create',
  '--name',
  'Bench Examiner',
  '--org',
  'Bench Lab',
  '--out',
  identity,
]);

await timed('cat', [file]);
const round2 = (x) => Math.round(x * 100) / 100;
try {
  // Ours and the reference alternately, each into a fresh case; medians, and every run with the
  // 1-minute load average before it (the machine may be shared: the ratio moves with its load).
  const ours = [];
  const reference = [];
  const load = [];
  let rss = 0;
  for (let i = 0; i < runs; i++) {
    await freshCase();
    load.push(round2(loadavg()[0] ?? 0));
    const x = await timed(process.execPath, [cli, 'ingest', caseDir, file, '--identity', identity]);
    ours.push(x.seconds);
    rss = Math.max(rss, x.peakRssMiB);
    await freshCase();
    reference.push(
      (
        await timed('sh', [
          '-c',
          'cat "$1" | tee "$2" | openssl dgst -sha256 >/dev/null; sync',
          'sh',
          file,
          copy,
        ])
      ).seconds,
    );
  }
  const result = { ours: median(ours), reference: median(reference), peakRssMiB: rss };
  report('intake', sizeMiB, result, 'cat F | tee COPY | openssl dgst -sha256; sync', {
    goal: 'ratio ≤ 1.3',
    runSeconds: ours.map(round2),
    referenceRunSeconds: reference.map(round2),
    ratioOfBest: round2(Math.min(...ours) / Math.min(...reference)),
    loadAverage1m: load,
  });
} finally {
  await removeTree(work);
  await removeTree(identity);
}
