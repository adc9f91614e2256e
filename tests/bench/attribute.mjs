#!/usr/bin/env node
// `npm run bench -- attribute`: attribute.join — observations (public IP, port, time) through
// CGN port blocks (nat:portblock allocate/release) to inside addresses and through RADIUS
// sessions (aaa:session start/stop) to accounts, against the same two-step range join in DuckDB.
//
// The data is generated from a seeded PRNG (same bytes in every process): 4,096 public addresses
// × 64 blocks of 1,000 ports; 5,000,000 blocks (10,000,000 nat:portblock records, an allocate and
// a release each), so every block slot is re-allocated ~19 times over the day, with gaps of
// 1–300 s; 500,000 inside addresses scattered over 100.64.0.0/10 with two RADIUS sessions each
// (1,000,000 sessions, 2,000,000 aaa:session records; a gap of 1 s–10 min between them, a random
// one of 400,000 accounts per session); 1,000,000 observations, 95% inside a block, 5% at a
// random public address / port / time (some in gaps). Records are in time order per artefact.
//
// Each side runs in its own child process (node --max-old-space-size=8192), so the peak RSS
// (process.resourceUsage().maxRSS) of one is not mixed with the other's.
//
// What is timed, on each side, is the join with its inputs loaded (issue 6: "data loaded before
// timing starts, our engine likewise timed after its inputs are in memory"):
// - `ours`: events are made BATCH at a time from typed arrays and fed to engine.addRecords — the
//   load, printed as `load.ours` beside DuckDB's CSV load, not in the figure — then build()
//   (pairing allocate/release and start/stop records into intervals and indexing them, work
//   DuckDB is spared: it is given pre-paired intervals) and attributeSet() (every observation's
//   status and subscribers) are the figure. The observations (as from a CSV) are made untimed just
//   before. Every observation's full result (path, reasons) is then made too, timed apart
//   (`fullResults`) and checked against the set.
// - `duckdb`: pre-paired intervals are loaded from CSV into in-memory tables (timed apart as
//   `load.duckdb`), then `CREATE TABLE result AS <the join>` is the figure (median of RUNS;
//   DuckDB's default threads). The same join on one thread is printed too (duckdbOneThread), not
//   the figure: our engine runs on one thread.
// Wall seconds are the figure; CPU seconds (process.cpuUsage, all threads) are printed too, being
// steadier on a shared machine. Both write their sorted (observation index, account) pairs; the
// parent compares them (`same`).
import process from 'node:process';
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleForNode, smoke, median } from './_lib.mjs';

const SIZES = smoke
  ? { publicIps: 64, blocks: 50_000, insides: 10_000, accounts: 8_000, observations: 10_000 }
  : {
      publicIps: 4096,
      blocks: Number(process.env.SEALCASE_BENCH_BLOCKS ?? 5_000_000),
      insides: 500_000,
      accounts: 400_000,
      observations: Number(process.env.SEALCASE_BENCH_OBSERVATIONS ?? 1_000_000),
    };
const BLOCKS_PER_IP = 64;
const PORTS_PER_BLOCK = 1000;
const FIRST_PORT = 1024;
const DAY0 = Date.UTC(2024, 2, 5);
const DAY = 86_400_000;
/** Event times are offsets from EPOCH0 (well under 2^28 ms) for the time-order sort keys. */
const EPOCH0 = DAY0 - 8 * 3_600_000;
const RUNS = smoke ? 1 : Number(process.env.SEALCASE_BENCH_RUNS ?? 3);
const BATCH = 8192;
const NAT_SHA = 'a'.repeat(64);
const AAA_SHA = 'b'.repeat(64);
const WEB_SHA = 'e'.repeat(64);
const EPOCH_ZONE = { source: 'epoch', offset: null, name: null };

// ---------------------------------------------------------------------------------------------
// Generator (typed arrays only; events are made from these a batch at a time).

function prng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Dotted-quad text, flat (join, not a template: a parser's strings are flat, not ropes). */
const ipText = (n) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
const PUBLIC_BASE = (81 << 24) | (2 << 16) | (64 << 8); // 81.2.64.0/20 for 4096 addresses
const publicIp = (i) => (PUBLIC_BASE + i) >>> 0;
/** Inside address i: an odd-multiplier bijection scatters 0..2^22-1 over 100.64.0.0/10. */
const insideIp = (i) => ((100 << 24) | (64 << 16) | (Math.imul(i, 2654435761) & 0x3fffff)) >>> 0;

/** Indices 0..n-1 in time order (ties by index): one Float64Array sort of time·2^24 + index. */
function timeOrder(times) {
  const n = times.length;
  if (n >= 2 ** 24) throw new Error('too many events for the sort key');
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = (times[i] - EPOCH0) * 2 ** 24 + i;
  keys.sort();
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = keys[i] % 2 ** 24;
  return order;
}

export function generate(sizes = SIZES) {
  const rnd = prng(0x5ea1ca5e);
  const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
  const slots = sizes.publicIps * BLOCKS_PER_IP;
  const n = sizes.blocks;
  const blocks = {
    ip: new Uint32Array(n),
    lo: new Int32Array(n),
    inside: new Int32Array(n),
    start: new Float64Array(n),
    end: new Float64Array(n),
  };
  let b = 0;
  const weights = [];
  for (let slot = 0; slot < slots; slot++) {
    const count = Math.floor(n / slots) + (slot < n % slots ? 1 : 0);
    weights.length = 0;
    let sum = 0;
    for (let j = 0; j < count; j++) sum += weights[j] = 0.4 + rnd();
    let cursor = DAY0;
    for (let j = 0; j < count; j++, b++) {
      const period = Math.floor((DAY * weights[j]) / sum);
      const start = cursor + int(1000, 300_000);
      blocks.ip[b] = Math.floor(slot / BLOCKS_PER_IP);
      blocks.lo[b] = FIRST_PORT + (slot % BLOCKS_PER_IP) * PORTS_PER_BLOCK;
      blocks.inside[b] = int(0, sizes.insides - 1);
      blocks.start[b] = start;
      blocks.end[b] = Math.max(start + 1000, cursor + period);
      cursor = blocks.end[b];
    }
  }
  const m = sizes.insides * 2;
  const sessions = {
    inside: new Int32Array(m),
    account: new Int32Array(m),
    start: new Float64Array(m),
    end: new Float64Array(m),
  };
  for (let i = 0; i < sizes.insides; i++) {
    const cut = DAY0 + int(2 * 3_600_000, 22 * 3_600_000);
    const s = 2 * i;
    sessions.inside[s] = sessions.inside[s + 1] = i;
    sessions.start[s] = DAY0 - int(0, 6 * 3_600_000);
    sessions.end[s] = cut;
    sessions.start[s + 1] = cut + int(1000, 600_000);
    sessions.end[s + 1] = DAY0 + DAY + int(0, 6 * 3_600_000);
    sessions.account[s] = int(0, sizes.accounts - 1);
    sessions.account[s + 1] = int(0, sizes.accounts - 1);
  }
  const k = sizes.observations;
  const obs = { ip: new Uint32Array(k), port: new Int32Array(k), t: new Float64Array(k) };
  for (let i = 0; i < k; i++) {
    if (rnd() < 0.95) {
      const x = int(0, n - 1);
      obs.ip[i] = blocks.ip[x];
      obs.port[i] = blocks.lo[x] + int(0, PORTS_PER_BLOCK - 1);
      obs.t[i] = blocks.start[x] + Math.floor(rnd() * (blocks.end[x] - blocks.start[x]));
    } else {
      obs.ip[i] = int(0, sizes.publicIps - 1);
      obs.port[i] = int(FIRST_PORT, FIRST_PORT + BLOCKS_PER_IP * PORTS_PER_BLOCK - 1);
      obs.t[i] = DAY0 + int(0, DAY - 1);
    }
  }
  return { blocks, sessions, obs };
}

// ---------------------------------------------------------------------------------------------
// Child: ours.

const iso = (ms) => new Date(ms).toISOString();

/** nat:portblock events in time order, BATCH at a time. */
function* portblockBatches(blocks, publicTexts, insideTexts) {
  const n = blocks.ip.length;
  const times = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    times[2 * i] = blocks.start[i];
    times[2 * i + 1] = blocks.end[i];
  }
  const order = timeOrder(times);
  let batch = [];
  for (let k = 0; k < order.length; k++) {
    const e = order[k];
    const i = e >>> 1;
    const ts = iso(times[e]);
    batch.push({
      type: 'nat:portblock',
      ts,
      tsRaw: ts,
      zone: EPOCH_ZONE,
      artefact: NAT_SHA,
      locator: { line: k + 1 },
      event: (e & 1) === 0 ? 'allocate' : 'release',
      insideIp: insideTexts[blocks.inside[i]],
      outsideIp: publicTexts[blocks.ip[i]],
      portStart: blocks.lo[i],
      portEnd: blocks.lo[i] + PORTS_PER_BLOCK - 1,
    });
    if (batch.length === BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** aaa:session start/stop events in time order, BATCH at a time. */
function* sessionBatches(sessions, insideTexts) {
  const n = sessions.inside.length;
  const times = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    times[2 * i] = sessions.start[i];
    times[2 * i + 1] = sessions.end[i];
  }
  const order = timeOrder(times);
  let batch = [];
  for (let k = 0; k < order.length; k++) {
    const e = order[k];
    const i = e >>> 1;
    const ts = iso(times[e]);
    const stop = (e & 1) === 1;
    batch.push({
      type: 'aaa:session',
      ts,
      tsRaw: ts,
      zone: EPOCH_ZONE,
      artefact: AAA_SHA,
      locator: { line: k + 1 },
      event: stop ? 'stop' : 'start',
      user: `user${sessions.account[i]}`,
      framedIp: insideTexts[sessions.inside[i]],
      sessionId: `s${i.toString(16)}`,
      nas: 'bng1',
      ...(stop ? { sessionTime: Math.floor((sessions.end[i] - sessions.start[i]) / 1000) } : {}),
    });
    if (batch.length === BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** Sorted (observation, account) pairs as one Int32Array [obs0, acct0, obs1, acct1, …]. */
function sortedPairs(obsCol, acctCol, count) {
  const keys = new Float64Array(count);
  for (let i = 0; i < count; i++) keys[i] = obsCol[i] * 2 ** 24 + acctCol[i];
  keys.sort();
  const out = new Int32Array(2 * count);
  let n = 0;
  for (let i = 0; i < count; i++) {
    if (i > 0 && keys[i] === keys[i - 1]) continue;
    out[2 * n] = Math.floor(keys[i] / 2 ** 24);
    out[2 * n + 1] = keys[i] % 2 ** 24;
    n++;
  }
  return out.subarray(0, 2 * n);
}

const seconds = (t0) => Number(process.hrtime.bigint() - t0) / 1e9;
/** CPU seconds (user + system, all threads) since `c0`: steadier than wall time on a busy machine. */
const cpuSeconds = (c0) => {
  const d = process.cpuUsage(c0);
  return (d.user + d.system) / 1e6;
};
/** Heap in use and typed-array buffers (MiB), to see what holds the memory. */
const memoryMiB = () => {
  const m = process.memoryUsage();
  return { heap: Math.round(m.heapUsed / 1048576), buffers: Math.round(m.arrayBuffers / 1048576) };
};
const peakRssMiB = () => Math.round(process.resourceUsage().maxRSS / 1024);

async function childOurs(lib, pairsPath) {
  const { createAttributionEngine } = await import(pathToFileURL(lib).href);
  const data = generate();
  const publicTexts = Array.from({ length: SIZES.publicIps }, (_, i) => ipText(publicIp(i)));
  const insideTexts = Array.from({ length: SIZES.insides }, (_, i) => ipText(insideIp(i)));
  const engine = createAttributionEngine();
  let add = 0;
  let addCpu = 0;
  let events = 0;
  const feed = (batches) => {
    for (const batch of batches) {
      const t0 = process.hrtime.bigint();
      const c0 = process.cpuUsage();
      engine.addRecords(batch);
      addCpu += cpuSeconds(c0);
      add += seconds(t0);
      events += batch.length;
    }
  };
  feed(portblockBatches(data.blocks, publicTexts, insideTexts));
  feed(sessionBatches(data.sessions, insideTexts));
  // The generator's own columns are not the engine's memory: let them go before measuring.
  data.blocks = null;
  data.sessions = null;
  const memory = { afterAdd: memoryMiB() };
  let t0 = process.hrtime.bigint();
  let c0 = process.cpuUsage();
  const summary = engine.build();
  const build = seconds(t0);
  const buildCpu = cpuSeconds(c0);
  memory.afterBuild = memoryMiB();
  // The observations (as from a CSV of ip,port,time) are made now, untimed: not kept alive
  // through addRecords and build, where they would only add to the garbage collector's work.
  const observations = [];
  for (let i = 0; i < data.obs.t.length; i++) {
    observations.push({
      ip: publicTexts[data.obs.ip[i]],
      port: data.obs.port[i],
      ts: iso(data.obs.t[i]),
      source: 'csv',
      artefact: WEB_SHA,
      locator: { line: i + 2 },
    });
  }
  t0 = process.hrtime.bigint();
  c0 = process.cpuUsage();
  const set = engine.attributeSet(observations);
  const query = seconds(t0);
  const queryCpu = cpuSeconds(c0);
  memory.afterQuery = memoryMiB();
  const rss = peakRssMiB();

  const status = {};
  let count = 0;
  for (let i = 0; i < set.length; i++) count += set.subscribers(i).length;
  const obsCol = new Int32Array(count);
  const acctCol = new Int32Array(count);
  let j = 0;
  for (let i = 0; i < set.length; i++) {
    const st = set.status(i);
    status[st] = (status[st] ?? 0) + 1;
    for (const s of set.subscribers(i)) {
      obsCol[j] = i;
      acctCol[j++] = Number(s.slice(4));
    }
  }
  // Not in the figure: every observation's full result (evidence path, reasons, window), as the
  // CLI writes them, one at a time; each is checked against the set's status and subscribers.
  t0 = process.hrtime.bigint();
  let mismatches = 0;
  for (let i = 0; i < set.length; i++) {
    const r = set.result(i);
    if (r.status !== set.status(i) || r.subscribers.join() !== set.subscribers(i).join())
      mismatches++;
  }
  const explain = seconds(t0);
  const pairs = sortedPairs(obsCol, acctCol, count);
  await writeFile(pairsPath, pairs);
  return {
    add,
    build,
    query,
    explain,
    mismatches,
    total: build + query,
    cpu: { add: addCpu, build: buildCpu, query: queryCpu },
    peakRssMiB: rss,
    events,
    records: summary.records,
    intervals: summary.intervals,
    warnings: summary.warnings.map((w) => `${w.code}:${w.count}`),
    status,
    memory,
    pairs: pairs.length / 2,
  };
}

// ---------------------------------------------------------------------------------------------
// Child: DuckDB.

async function writeCsv(path, header, rows, line) {
  const out = createWriteStream(path);
  out.write(`${header}\n`);
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    chunk += `${line(i)}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
      chunk = '';
    }
  }
  out.write(chunk);
  await new Promise((r, j) => out.end((e) => (e ? j(e) : r())));
}

const JOIN_SQL = `CREATE OR REPLACE TABLE result AS
SELECT o.id AS obs, s.account
FROM observations o
JOIN blocks b
  ON o.ip = b.outside_ip AND o.port BETWEEN b.port_start AND b.port_end
  AND o.t >= b.start_ms AND o.t < b.end_ms
JOIN sessions s
  ON b.inside_ip = s.framed_ip AND o.t >= s.start_ms AND o.t < s.end_ms`;

async function childDuckdb(dir, pairsPath) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const { blocks, sessions, obs } = generate();
  const b = join(dir, 'blocks.csv');
  const s = join(dir, 'sessions.csv');
  const o = join(dir, 'observations.csv');
  await writeCsv(
    b,
    'outside_ip,port_start,port_end,start_ms,end_ms,inside_ip',
    blocks.ip.length,
    (i) =>
      `${publicIp(blocks.ip[i])},${blocks.lo[i]},${blocks.lo[i] + PORTS_PER_BLOCK - 1},` +
      `${blocks.start[i]},${blocks.end[i]},${insideIp(blocks.inside[i])}`,
  );
  await writeCsv(
    s,
    'framed_ip,start_ms,end_ms,account',
    sessions.inside.length,
    (i) =>
      `${insideIp(sessions.inside[i])},${sessions.start[i]},${sessions.end[i]},${sessions.account[i]}`,
  );
  await writeCsv(
    o,
    'id,ip,port,t',
    obs.t.length,
    (i) => `${i},${publicIp(obs.ip[i])},${obs.port[i]},${obs.t[i]}`,
  );
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const l0 = process.hrtime.bigint();
  const load = async (table, path, columns) => {
    const cols = Object.entries(columns)
      .map(([k, v]) => `'${k}': '${v}'`)
      .join(', ');
    await c.run(
      `CREATE TABLE ${table} AS SELECT * FROM read_csv('${path}', header = true, columns = {${cols}})`,
    );
  };
  await load('blocks', b, {
    outside_ip: 'UINTEGER',
    port_start: 'INTEGER',
    port_end: 'INTEGER',
    start_ms: 'BIGINT',
    end_ms: 'BIGINT',
    inside_ip: 'UINTEGER',
  });
  await load('sessions', s, {
    framed_ip: 'UINTEGER',
    start_ms: 'BIGINT',
    end_ms: 'BIGINT',
    account: 'INTEGER',
  });
  await load('observations', o, { id: 'INTEGER', ip: 'UINTEGER', port: 'INTEGER', t: 'BIGINT' });
  const loadSeconds = seconds(l0);
  const threads = (await c.runAndReadAll(`SELECT current_setting('threads') AS t`)).getRows()[0][0];
  const times = [];
  const cpu = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    await c.run(JOIN_SQL);
    times.push(seconds(t0));
    cpu.push(cpuSeconds(c0));
  }
  const rss = peakRssMiB();
  // Not the reference: the same join on one thread, to compare work done (our engine runs on one).
  await c.run('SET threads = 1');
  const oneThread = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = process.hrtime.bigint();
    await c.run(JOIN_SQL);
    oneThread.push(seconds(t0));
  }
  const reader = await c.runAndReadAll('SELECT obs, account FROM result');
  const [obsCol, acctCol] = reader.getColumns();
  const pairs = sortedPairs(obsCol, acctCol, obsCol.length);
  await writeFile(pairsPath, pairs);
  return {
    query: median(times),
    load: loadSeconds,
    oneThread: median(oneThread),
    runs: times.map((x) => Math.round(x * 1000) / 1000),
    cpu: median(cpu),
    peakRssMiB: rss,
    threads: Number(threads),
    pairs: pairs.length / 2,
  };
}

// ---------------------------------------------------------------------------------------------
// Parent.

async function bundle(work) {
  const urls = await bundleForNode(join(work, 'lib'), {
    attribution: 'shared/attribution/index.ts',
  });
  return fileURLToPath(urls.attribution);
}

function runChild(args) {
  const r = spawnSync(
    process.execPath,
    [
      '--max-old-space-size=8192',
      // SEALCASE_BENCH_CPU_PROF=<dir>: a V8 CPU profile of each child into <dir>.
      ...(process.env.SEALCASE_BENCH_CPU_PROF
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.SEALCASE_BENCH_CPU_PROF}`]
        : []),
      fileURLToPath(import.meta.url),
      ...args,
      ...(smoke ? ['--smoke'] : []),
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 },
  );
  if (r.status !== 0) throw new Error(`child ${args[1]} exited ${r.status ?? r.signal}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1));
}

/** Compares two sorted pair files; returns the first few differences. */
function differences(a, b) {
  const out = [];
  let i = 0;
  let j = 0;
  const key = (p, k) => p[2 * k] * 2 ** 24 + p[2 * k + 1];
  const na = a.length / 2;
  const nb = b.length / 2;
  while ((i < na || j < nb) && out.length < 5) {
    const x = i < na ? key(a, i) : Infinity;
    const y = j < nb ? key(b, j) : Infinity;
    if (x === y) {
      i++;
      j++;
    } else if (x < y) {
      out.push({ onlyOurs: [a[2 * i], a[2 * i + 1]] });
      i++;
    } else {
      out.push({ onlyDuckdb: [b[2 * j], b[2 * j + 1]] });
      j++;
    }
  }
  return out;
}

const round = (x, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

async function parent() {
  const work = join(tmpdir(), 'sealcase-bench', `attribute-${process.pid}`);
  await mkdir(work, { recursive: true });
  try {
    const lib = await bundle(work);
    const oursPairs = join(work, 'ours.pairs');
    const duckPairs = join(work, 'duckdb.pairs');
    const ours = runChild(['--child', 'ours', lib, oursPairs]);
    const duck = runChild(['--child', 'duckdb', work, duckPairs]);
    const a = new Int32Array((await readFile(oursPairs)).buffer.slice(0));
    const b = new Int32Array((await readFile(duckPairs)).buffer.slice(0));
    const diff = differences(a, b);
    const same = diff.length === 0;
    const line = {
      bench: 'attribute.join',
      value: round(ours.total),
      unit: 's (build + attributeSet: the join, inputs loaded)',
      reference: { name: `duckdb ${duck.threads} threads`, value: round(duck.query) },
      ratio: Math.round((ours.total / duck.query) * 100) / 100,
      peakRssMiB: ours.peakRssMiB,
      referencePeakRssMiB: duck.peakRssMiB,
      timed: {
        ours: 'build (pair records into intervals, index) + attributeSet (status and subscribers of every observation); records loaded by addRecords before',
        duckdb:
          'CREATE TABLE result AS the join, tables loaded from CSV before (pre-paired intervals)',
      },
      load: {
        ours: round(ours.add),
        duckdb: round(duck.load),
        what: 'ours: addRecords of the generated events (text addresses, ISO times); duckdb: read_csv of pre-paired intervals (numbers)',
      },
      fullResults: {
        seconds: round(ours.explain),
        mismatches: ours.mismatches,
        what: 'set.result(i) for every observation (path, reasons, window), not in the figure',
      },
      ours: {
        addRecords: round(ours.add),
        build: round(ours.build),
        query: round(ours.query),
        cpuSeconds: {
          addRecords: round(ours.cpu.add),
          build: round(ours.cpu.build),
          query: round(ours.cpu.query),
          join: round(ours.cpu.build + ours.cpu.query),
        },
        status: ours.status,
        memoryMiB: ours.memory,
      },
      duckdbRuns: duck.runs,
      duckdbCpuSeconds: round(duck.cpu),
      duckdbOneThread: {
        seconds: round(duck.oneThread),
        ratio: Math.round((ours.total / duck.oneThread) * 100) / 100,
        what: 'the same join with SET threads = 1 (our engine runs on one thread); not the figure',
      },
      same,
      pairs: { ours: ours.pairs, duckdb: duck.pairs },
      ...(same ? {} : { differences: diff }),
      sizes: {
        observations: SIZES.observations,
        portblockEvents: SIZES.blocks * 2,
        blocks: SIZES.blocks,
        aaaSessions: SIZES.insides * 2,
        publicIps: SIZES.publicIps,
      },
      records: ours.records,
      intervals: ours.intervals,
      warnings: ours.warnings,
      goal: 'ratio ≤ 1.0, peak RSS ≤ 3072 MiB',
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

const childAt = process.argv.indexOf('--child');
if (childAt >= 0) {
  const [role, target, pairsPath] = process.argv.slice(childAt + 1);
  const result =
    role === 'ours' ? await childOurs(target, pairsPath) : await childDuckdb(target, pairsPath);
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  await parent();
}
