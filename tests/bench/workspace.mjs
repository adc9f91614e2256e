#!/usr/bin/env node
// `npm run bench -- workspace`: the renderer's event store (renderer/src/db) in real IndexedDB.
// The store and tests/bench/workspace/bench-page.ts are bundled with Vite into a temp folder,
// served from a tiny HTTP server on a free port, and driven in headless Debian Chromium.
//   workspace.ingest   seconds to store 1,000,000 generated events until queryable (goal ≤ 10 s)
//   workspace.bulkAdd  the plain one-row-per-event bulkAdd (chunks of 10k), rows/s measured on
//                      a smaller count; `extrapolatedSeconds` is the same rate for the full count
//   workspace.query    p95 ms of a filtered time-window query of 200 rows (goal ≤ 100 ms) with the
//                      same filters at random windows (a new window, then a scroll inside it);
//                      also the first query on a cold cache, the p95 with the cache dropped before
//                      each query, the DOM render of 50 rows, one event for the detail panel,
//                      400-bucket histograms (filtered, unfiltered) and a free-text search of the
//                      whole timeline (all cold)
//   workspace.encoding ingest seconds and random-read ms with events stored as one JSON string
//                      per page against a structured-clone array per page
//   workspace.pipeline seconds from main until queryable (goal ≤ 10 s): a generated access log as a
//                      vault blob, main's EventStreams with the parse worker building the store's
//                      pages, the workspace:next response check, the hop (SEALCASE_BENCH_HOP=http,
//                      the default, stands in for Electron's IPC: see workspace/frame.mjs;
//                      `binding`: a Playwright binding over CDP, far slower), importPages; also
//                      the CPU seconds of Node and Chromium and the load average.
// SEALCASE_BENCH_ONLY=pipeline runs only workspace.pipeline.
// No reference tool: reference and ratio are null. `--smoke`: 20,000 events.
// The page.evaluate callbacks run in the page:
/* global window, indexedDB */
import process from 'node:process';
import { URL } from 'node:url';
import { createServer } from 'node:http';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { setInterval, clearInterval } from 'node:timers';
import { chromium } from 'playwright';
import { build } from 'vite';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import { bundleForNode, root, smoke } from './_lib.mjs';
import { encodeFrame } from './workspace/frame.mjs';

const EVENTS = smoke ? 20_000 : Number(process.env.SEALCASE_BENCH_EVENTS ?? 1_000_000);
const PLAIN = smoke ? 10_000 : Number(process.env.SEALCASE_BENCH_PLAIN_EVENTS ?? 100_000);
const QUERIES = smoke ? 10 : Number(process.env.SEALCASE_BENCH_QUERIES ?? 100);
const ENCODING_EVENTS = smoke
  ? 10_000
  : Number(process.env.SEALCASE_BENCH_ENCODING_EVENTS ?? 200_000);
const work = join(tmpdir(), 'sealcase-bench', `workspace-${process.pid}`);

async function bundle(outDir) {
  await build({
    configFile: false,
    root,
    logLevel: 'silent',
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      minify: false,
      rollupOptions: {
        input: { bench: resolve(root, 'tests/bench/workspace/bench-page.ts') },
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
      },
    },
  });
  await writeFile(
    join(outDir, 'index.html'),
    '<!doctype html><meta charset="utf-8"><title>workspace bench</title>' +
      '<table id="rows"></table><script type="module" src="./bench.js"></script>\n',
  );
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript' };

/** POST routes of the served page (path → async () => Buffer). */
const routes = new Map();

/** Serves `dir` on 127.0.0.1 at a free port; resolves to { server, url }. */
function serve(dir) {
  const server = createServer(async (req, res) => {
    const route = req.method === 'POST' ? routes.get(req.url) : undefined;
    if (route !== undefined) {
      try {
        const body = await route();
        res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(body);
      } catch (err) {
        res.writeHead(500).end(String(err?.message ?? err));
      }
      return;
    }
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const file = join(dir, path === '/' ? 'index.html' : path);
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((ok) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      ok({ server, url: `http://127.0.0.1:${port}/` });
    });
  });
}

/** The descendants of process `pid` (not itself), from one walk over /proc. */
async function descendantsOf(pid) {
  const parents = new Map();
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = await readFile(`/proc/${name}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces) start at its closing parenthesis.
      parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // the process ended
    }
  }
  const out = [];
  for (const p of parents.keys()) {
    let q = parents.get(p) ?? 0;
    while (q !== 0 && q !== pid) q = parents.get(q) ?? 0;
    if (q === pid) out.push(p);
  }
  return out;
}

/** The sum of `measure(pid)` over `pids`, skipping processes that ended. */
async function sumOver(pids, measure) {
  let total = 0;
  for (const pid of pids) total += await measure(pid).catch(() => 0);
  return total;
}

/** Memory (MiB, proportional set size) of processes. */
async function rssMiB(pids) {
  const kib = await sumOver(pids, async (pid) => {
    // Pss shares pages between Chromium's processes instead of counting them in each.
    const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8');
    return Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
  });
  return Math.round(kib / 1024);
}

/** CPU seconds (user + system) used so far by processes. */
async function cpuSeconds(pids) {
  const ticks = await sumOver(pids, async (pid) => {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // utime and stime: fields 14 and 15, counted after the command name.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]);
  });
  return ticks / 100;
}

function line(bench, value, unit, peakRssMiB, extra) {
  process.stdout.write(
    `${JSON.stringify({ bench, value, unit, reference: null, ratio: null, peakRssMiB, ...extra })}\n`,
  );
}

const round = (x, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/** A combined-format access log of `n` lines stored as a vault blob of `caseDir`; its SHA-256. */
async function accessLogBlob(caseDir, n) {
  const tmp = join(caseDir, 'access.log');
  await mkdir(caseDir, { recursive: true });
  const out = createWriteStream(tmp);
  const hash = createHash('sha256');
  const start = Date.UTC(2024, 2, 5, 0, 0, 0);
  const months = ['Jan', 'Feb', 'Mar'];
  let chunk = '';
  for (let i = 0; i < n; i++) {
    const d = new Date(start + i * 37);
    const ts = `${String(d.getUTCDate()).padStart(2, '0')}/${months[d.getUTCMonth()]}/${d.getUTCFullYear()}:${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}:${String(d.getUTCSeconds()).padStart(2, '0')} +0000`;
    chunk += `198.51.100.${i % 250} - - [${ts}] "GET /item/${i % 5000} HTTP/1.1" ${i % 17 === 0 ? 404 : 200} ${i % 9000} "-" "Mozilla/5.0"\n`;
    if (chunk.length > 1 << 20) {
      hash.update(chunk);
      if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
      chunk = '';
    }
  }
  hash.update(chunk);
  out.write(chunk);
  await new Promise((r) => out.end(r));
  const sha = hash.digest('hex');
  const dir = join(caseDir, 'vault', 'sha256', sha.slice(0, 2));
  await mkdir(dir, { recursive: true });
  await rename(tmp, join(dir, sha));
  return sha;
}

let browser;
let server;
try {
  await mkdir(work, { recursive: true });
  const dir = join(work, 'page');
  await bundle(dir);
  const served = await serve(dir);
  server = served.server;
  const url = served.url;
  browser = await chromium.launch({
    executablePath: process.env.SEALCASE_BENCH_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--js-flags=--max-old-space-size=8192',
    ],
  });
  // Chromium runs as our child: the sum over our descendants is the browser's resident memory.
  let peak = 0;
  // The process tree is walked every 5 s only: a walk reads every process on the machine, which
  // cost ≈ 1 s of this process's CPU per 10 s when done at each sample.
  let tree = await descendantsOf(process.pid);
  let samples = 0;
  const sample = async () => {
    if (++samples % 10 === 0) tree = await descendantsOf(process.pid);
    peak = Math.max(peak, await rssMiB(tree));
  };
  const sampler = setInterval(() => void sample(), 500);
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (err) => process.stderr.write(`page error: ${err.message}\n`));
  await page.goto(url);
  await page.waitForFunction(() => 'sealcaseBench' in window);
  page.setDefaultTimeout(0);

  // SEALCASE_BENCH_ONLY=pipeline: only the figure from main (the others take minutes).
  const storeFigures = process.env.SEALCASE_BENCH_ONLY !== 'pipeline';
  if (storeFigures) {
    // Plain rows first (its database is deleted afterwards), then the store at full size.
    const plain = await page.evaluate((n) => window.sealcaseBench.plainBulkAdd(n), PLAIN);
    await sample();
    const plainPeak = peak;
    line('workspace.bulkAdd', Math.round(plain.rowsPerSecond), 'rows/s', plainPeak, {
      events: PLAIN,
      seconds: round(plain.seconds),
      extrapolatedSeconds: round(EVENTS / plain.rowsPerSecond, 1),
      extrapolatedTo: EVENTS,
      note: 'one row per event, bulkAdd in chunks of 10,000; measured on `events`, extrapolated linearly',
    });

    const encodings = {};
    for (const encoding of ['json', 'clone']) {
      const r = await page.evaluate(
        ([n, enc]) => window.sealcaseBench.ingest(n, enc, `bench-ws-${enc}`),
        [ENCODING_EVENTS, encoding],
      );
      const read = await page.evaluate(() => window.sealcaseBench.readRandom(200, 7));
      encodings[encoding] = {
        ingestSeconds: round(r.seconds),
        readMs: round(read.msPerRead),
        storageMiB: r.storageMiB,
      };
      await page.evaluate(() => window.sealcaseBench.cleanup());
    }
    await page.evaluate(
      (names) => Promise.all(names.map((n) => indexedDB.deleteDatabase(n))),
      ['bench-ws-json', 'bench-ws-clone'],
    );
    await sample();
    line('workspace.encoding', encodings.json.ingestSeconds, 's (json ingest)', peak, {
      events: ENCODING_EVENTS,
      json: encodings.json,
      clone: encodings.clone,
      note: 'full events per page as one JSON string with offsets (json, the default; its ingest includes the trigram filter for free text) or a structured-clone array (clone, no trigram filter); readMs = one event from a random page, cold',
    });

    const ingest = await page.evaluate((n) => window.sealcaseBench.ingest(n), EVENTS);
    await sample();
    line('workspace.ingest', round(ingest.seconds), 's', peak, {
      events: EVENTS,
      eventsPerSecond: Math.round(EVENTS / ingest.seconds),
      pages: ingest.pages,
      storageMiB: ingest.storageMiB,
      goal: '≤ 10 s',
    });

    const q = await page.evaluate((n) => window.sealcaseBench.queries(n, 42), QUERIES);
    await sample();
    line('workspace.query', round(q.p95), 'ms (p95)', peak, {
      events: EVENTS,
      queries: QUERIES,
      p50: round(q.p50),
      max: round(q.max),
      coldFirstQuery: round(q.cold),
      coldEachP95: round(q.coldP95),
      coldEachQueries: q.coldCount,
      render50RowsP95: round(q.renderP95),
      medianMatchesInWindow: q.medianTotal,
      detailMs: round(q.detailMs),
      histogram400BucketsMs: round(q.histogramMs),
      histogram400BucketsUnfilteredMs: round(q.histogramAllMs),
      freeTextWholeTimelineMs: round(q.textMs),
      filter: 'cidr 100.64.0.0/16 + types nat:session, aaa:session; windows 1 h – 2 days; 200 rows',
      goal: '≤ 100 ms',
    });
    await page.evaluate(() => window.sealcaseBench.cleanup());
  }

  // From main: a generated access log parsed by main's EventStreams in the parse worker, each
  // batch checked with the workspace:next response schema, handed to the page, imported.
  const node = await bundleForNode(join(work, 'node'), {
    analysis: 'electron/services/analysis/index.ts',
    contracts: 'shared/contracts/index.ts',
    'parse-worker': 'electron/workers/parse-worker.ts',
  });
  const { EventStreams } = await import(node.analysis);
  const { CONTRACT } = await import(node.contracts);
  const caseDir = join(work, 'case');
  const artefact = await accessLogBlob(caseDir, EVENTS);
  const streams = new EventStreams({ workerUrl: new URL(node['parse-worker']) });
  const hop = process.env.SEALCASE_BENCH_HOP === 'binding' ? 'binding' : 'http';
  let stream = null;
  // The handler main registers for workspace:next, then the channel's response check (dispatch).
  const next = async () => {
    stream ??= streams.open({
      caseDir,
      artefact,
      fileName: 'access.log',
      format: 'access-log',
      options: {},
    });
    const batch = await streams.next(stream, 20_000);
    const checked = CONTRACT['workspace:next'].response.safeParse(batch);
    if (!checked.success) throw new Error(`invalid batch: ${checked.error.issues[0]?.message}`);
    return checked.data;
  };
  routes.set('/__ws/next', async () => encodeFrame(await next()));
  await page.exposeBinding('__wsNext', async () => {
    const { pages, done } = await next();
    return { pages, done };
  });
  const cpu0 = process.cpuUsage();
  tree = await descendantsOf(process.pid);
  const browserCpu0 = await cpuSeconds(tree);
  const feed = await page.evaluate(
    ([a, n, h]) => window.sealcaseBench.ingestFromMain(a, n, h),
    [artefact, EVENTS, hop],
  );
  const cpu = process.cpuUsage(cpu0);
  const nodeCpu = (cpu.user + cpu.system) / 1e6;
  const browserCpu = (await cpuSeconds(tree)) - browserCpu0;
  await sample();
  line('workspace.pipeline', round(feed.seconds), 's', peak, {
    events: EVENTS,
    eventsPerSecond: Math.round(EVENTS / feed.seconds),
    pages: feed.pages,
    pageWaitedSeconds: round(feed.waitedSeconds),
    pageDecodeSeconds: round(feed.decodeSeconds),
    // Load-independent: what the run cost the machine (Node = main + parse worker; Chromium = all
    // its processes). On 2 cores the wall time cannot be below half the sum.
    cpuSeconds: { node: round(nodeCpu, 1), chromium: round(browserCpu, 1) },
    loadAverage1m: round(loadavg()[0] ?? 0),
    hop,
    path:
      hop === 'http'
        ? "access log in a vault blob → parse worker (parse + store pages) → EventStreams → workspace:next response check (per page) → v8.serialize (main's structured clone) → binary frame over loopback HTTP → decode + structuredClone in the page → importPages → queryable"
        : 'access log in a vault blob → parse worker (parse + store pages) → EventStreams → workspace:next response check (per page) → Playwright binding (CDP) → importPages → queryable',
    goal: '≤ 10 s (workspace.ingest from main)',
  });
  clearInterval(sampler);
} finally {
  await browser?.close();
  server?.close();
  await rm(work, { recursive: true, force: true });
}
