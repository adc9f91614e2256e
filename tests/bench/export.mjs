#!/usr/bin/env node
// `npm run bench -- export` (issue 8):
// - export.package: `sealcase export` of a generated case — 1 GiB of originals (binary originals
//   without a parse decision plus one access log giving 10,000 events, ingested through the real
//   intake, its parse decision recorded) — build, sign, write, fsync; against `cp -r` of the vault
//   blobs to a fresh folder, `openssl dgst -sha256` over the copies, then `sync`.
// - verify.package: `sealcase verify` of the package just written, in MiB/s, against
//   `openssl dgst -sha256` over every file of the package.
// The page cache cannot be dropped here: both sides run warm (the originals are read once before
// the first run), alternately, ours first; the JSON line says so (`order`, `cache`).
// SEALCASE_BENCH_SIZE_MIB (default 1024), SEALCASE_BENCH_EVENTS (10,000), SEALCASE_BENCH_RUNS (3).
// --smoke: 16 MiB, 200 events, one run. The case is built in-process from the services bundled
// from source; the timed export and verify run the built CLI (out/cli/sealcase.js or
// SEALCASE_BENCH_CLI), like a user would.
import process from 'node:process';
import { createHash, randomUUID } from 'node:crypto';
import { statfsSync } from 'node:fs';
import { copyFile, mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  bundleForNode,
  cliPath,
  generatedInput,
  median,
  MiB,
  removeTree,
  runs,
  smoke,
  timed,
} from './_lib.mjs';

const wantedMiB = smoke ? 16 : Number(process.env.SEALCASE_BENCH_SIZE_MIB ?? 1024);
const EVENTS = smoke ? 200 : Number(process.env.SEALCASE_BENCH_EVENTS ?? 10_000);
const BINARY_ORIGINALS = 4;
const work = join(tmpdir(), 'sealcase-bench', `export-${process.pid}`);
const PASSPHRASE = 'sealcase-bench';
const LOG_FORMAT = '%h %{remote}p %l %u %t "%r" %>s %b "%{Referer}i" "%{User-agent}i"';

/** The originals sit in the vault, the package holds them again, the reference copies them: 4×. */
function sizeMiB() {
  const fs = statfsSync(tmpdir());
  const freeMiB = Math.floor((fs.bavail * fs.bsize) / MiB);
  const fits = Math.floor((freeMiB - 1024) / 4);
  if (fits < wantedMiB) {
    process.stderr.write(`bench: only ${freeMiB} MiB free; using ${fits} MiB of originals\n`);
    return Math.max(4, fits);
  }
  return wantedMiB;
}

/** A seeded access log (Apache combined with source ports): `count` lines, one event each. */
function accessLog(count) {
  let seed = createHash('sha256').update('sealcase-bench-export').digest().readUInt32LE(0);
  const next = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed;
  };
  const paths = ['/login', '/inbox', '/compose/send', '/settings', '/logout'];
  const start = Date.UTC(2026, 2, 14, 0, 0, 0);
  const months = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');
  const lines = [];
  for (let i = 0; i < count; i++) {
    const t = new Date(start + i * 1000);
    const two = (n) => String(n).padStart(2, '0');
    const when = `${two(t.getUTCDate())}/${months[t.getUTCMonth()]}/${t.getUTCFullYear()}:${two(t.getUTCHours())}:${two(t.getUTCMinutes())}:${two(t.getUTCSeconds())} +0000`;
    const r = next();
    lines.push(
      `198.51.100.${r % 250} ${1024 + (r % 60000)} - user${r % 97} [${when}] "GET ${paths[r % paths.length]} HTTP/1.1" 200 ${r % 9000} "-" "Mozilla/5.0 (X11; Linux x86_64)"\n`,
    );
  }
  return lines.join('');
}

async function bundle() {
  const urls = await bundleForNode(join(work, 'lib'), {
    identity: 'electron/services/identity/index.ts',
    custody: 'electron/services/custody/index.ts',
    cases: 'electron/services/cases/index.ts',
    intake: 'electron/services/intake/index.ts',
    analysis: 'electron/services/analysis/index.ts',
    parse: 'electron/services/parse/index.ts',
    parsers: 'shared/parsers/index.ts',
  });
  const m = {};
  for (const [k, url] of Object.entries(urls)) m[k] = await import(url);
  return m;
}

/** Identity, case, intake of the originals, the log's parse decision: untimed. */
async function buildCase(m, originals) {
  const now = () => new Date();
  const toolVersion = 'bench';
  // As in a lab (and the demo): a lab CA issues the examiner's certificate; the CA is the anchor.
  const iterations = m.identity.MIN_WRITE_ITERATIONS;
  const ca = m.identity.createLabCa({
    name: 'Bench Lab CA',
    org: 'Bench Lab',
    validityYears: 1,
    passphrase: PASSPHRASE,
    iterations,
    now,
  });
  const p12 = m.identity.createExaminer({
    name: 'Bench Examiner',
    org: 'Bench Lab',
    ca: { p12: ca.p12, passphrase: PASSPHRASE, where: 'bench lab CA' },
    validityYears: 1,
    passphrase: PASSPHRASE,
    iterations,
    now,
  });
  const identityFile = join(work, 'examiner.p12');
  await m.identity.writeIdentityFile(identityFile, p12);
  const signer = m.identity.unlock(p12, PASSPHRASE);
  const service = new m.cases.CaseService({ casesRoot: work, now, uuid: randomUUID, toolVersion });
  const summary = await service.createAt(
    join(work, 'bench.sealcase'),
    { number: 'BENCH-EXPORT', title: 'export benchmark', authority: null },
    {
      examiners: [{ name: signer.name, org: 'Bench Lab', certificateSha256: signer.certSha256 }],
      initialize: (staging, file) =>
        m.custody.startCaseLedger(staging, file, signer, { now, toolVersion }),
    },
  );
  const caseDir = summary.path;
  const { ledger } = await m.custody.CustodyLedger.open(caseDir, { now, toolVersion }, signer);
  const intake = await new m.intake.IntakeService({
    caseDir,
    recorder: new m.custody.LedgerAcquisitionRecorder(
      ledger,
      signer,
      new m.intake.JsonlAcquisitionRecorder(caseDir, now),
    ),
    now,
    uuid: randomUUID,
    toolVersion,
    acquiredBy: signer.name,
  }).ingest({ inputs: originals, cwd: work, receivedFrom: 'generated for the benchmark' });
  const log = intake.artefacts.find((a) => a.entry === 'file' && a.original.name === 'access.log');
  const options = { logFormat: LOG_FORMAT };
  const result = await m.parse.parseFile(
    {
      path: join(caseDir, log.blob),
      fileName: log.original.name,
      format: 'access-log',
      options: m.parsers.validateParseOptions({ ...options, artefact: log.digests.sha256 }),
      registry: m.parsers.createDefaultRegistry(),
    },
    () => undefined,
  );
  if (result.summary.events !== EVENTS) {
    throw new Error(`the generated log gave ${result.summary.events} events, not ${EVENTS}`);
  }
  await m.analysis.recordDecision(
    caseDir,
    signer,
    {
      v: 1,
      kind: 'parse',
      artefact: log.digests.sha256,
      format: result.parser.name,
      parserVersion: result.parser.version,
      options,
      decidedAt: now().toISOString(),
      decidedBy: { name: signer.name, cert: signer.certSha256 },
    },
    'bench: parse access.log',
    { toolVersion, now },
  );
  signer.lock();
  return { caseDir, identityFile };
}

async function filesUnder(dir) {
  const out = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) out.push(join(e.parentPath ?? e.path, e.name));
  }
  return out.sort();
}

async function bytesOf(files) {
  let n = 0;
  for (const f of files) n += (await stat(f)).size;
  return n;
}

function line(bench, value, unit, reference, extra) {
  process.stdout.write(
    `${JSON.stringify({
      bench,
      value,
      unit,
      reference: { name: reference.name, value: reference.value },
      ratio: Math.round(reference.ratio * 100) / 100,
      ...extra,
    })}\n`,
  );
}

const round = (x, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

try {
  const cli = cliPath('export');
  cliPath('verify');
  await removeTree(work);
  await mkdir(join(work, 'originals'), { recursive: true });
  const total = sizeMiB();
  const logPath = join(work, 'originals', 'access.log');
  await writeFile(logPath, accessLog(EVENTS));
  const logMiB = (await stat(logPath)).size / MiB;
  const part = Math.max(1, Math.floor((total - logMiB) / BINARY_ORIGINALS));
  const originals = [logPath];
  for (let i = 0; i < BINARY_ORIGINALS; i++) {
    const src = await generatedInput(`export-${i}`, part, `sealcase-bench-export-${i}`);
    const dst = join(work, 'originals', `capture-${i}.bin`);
    await copyFile(src, dst);
    originals.push(dst);
  }
  const m = await bundle();
  const { caseDir, identityFile } = await buildCase(m, originals);
  const blobs = (await filesUnder(join(caseDir, 'vault', 'sha256'))).filter(
    (f) => !f.endsWith('.json'),
  );
  const originalBytes = await bytesOf(blobs);
  process.env.SEALCASE_PASSPHRASE = PASSPHRASE;
  await timed('cat', blobs); // warm: both sides read the blobs from the page cache

  const ours = [];
  const reference = [];
  const verifyOurs = [];
  const verifyRef = [];
  let rss = 0;
  let verifyRss = 0;
  let packageBytes = 0;
  for (let i = 0; i < runs; i++) {
    const pkg = join(work, `pkg-${i}`);
    const x = await timed(process.execPath, [
      cli,
      'export',
      caseDir,
      '--out',
      pkg,
      '--identity',
      identityFile,
    ]);
    ours.push(x.seconds);
    rss = Math.max(rss, x.peakRssMiB);
    const copy = join(work, `copy-${i}`);
    const sh =
      'cp -r "$1" "$2" && find "$2" -type f -print0 | xargs -0 openssl dgst -sha256 >/dev/null && sync';
    reference.push(
      (await timed('sh', ['-c', sh, 'sh', join(caseDir, 'vault', 'sha256'), copy])).seconds,
    );

    const files = await filesUnder(pkg);
    packageBytes = await bytesOf(files);
    const v = await timed(process.execPath, [cli, 'verify', pkg]);
    verifyOurs.push(v.seconds);
    verifyRss = Math.max(verifyRss, v.peakRssMiB);
    verifyRef.push(
      (
        await timed('sh', [
          '-c',
          'find "$1" -type f -print0 | xargs -0 openssl dgst -sha256 >/dev/null',
          'sh',
          pkg,
        ])
      ).seconds,
    );
    await removeTree(copy);
    if (i < runs - 1) await removeTree(pkg);
  }
  const common = { runs, order: 'ours first, alternating', cache: 'warm (page cache not dropped)' };
  const o = median(ours);
  const r = median(reference);
  line(
    'export.package',
    round(o),
    's',
    { name: 'cp -r + openssl dgst -sha256 + sync', value: round(r), ratio: o / r },
    {
      peakRssMiB: rss,
      originalsMiB: round(originalBytes / MiB, 1),
      events: EVENTS,
      runsSeconds: ours.map((s) => round(s)),
      referenceSeconds: reference.map((s) => round(s)),
      ...common,
    },
  );
  const vo = median(verifyOurs);
  const vr = median(verifyRef);
  const pkgMiB = packageBytes / MiB;
  line(
    'verify.package',
    Math.round(pkgMiB / vo),
    'MiB/s',
    {
      name: 'openssl dgst -sha256 over the package files',
      value: Math.round(pkgMiB / vr),
      ratio: vo / vr,
    },
    {
      peakRssMiB: verifyRss,
      packageMiB: round(pkgMiB, 1),
      runsSeconds: verifyOurs.map((s) => round(s)),
      referenceSeconds: verifyRef.map((s) => round(s)),
      ...common,
    },
  );
} finally {
  if (process.env.SEALCASE_BENCH_KEEP === undefined) await removeTree(work);
}
