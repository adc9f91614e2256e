#!/usr/bin/env node
// `npm run bench -- parse` (issue 5): the parsers' throughput.
// - parse.combined: a generated, seeded 1,000,000-line Apache combined access log read in 1 MiB
//   blocks (electron/services/parse textChunks: the product reading path) and parsed with `runParser` + the `access-log` parser to events
//   with a UTC ts (counted and checked, never serialised). Timed inside a child process from
//   opening the file to the last event (Node start-up and module loading excluded); its peak RSS
//   is the child's, from `/usr/bin/time -f %M`. Reference: `awk '{print $1, $4}' FILE >/dev/null`,
//   spawned (process wall time). Goal: ratio ≤ 2.5, peak RSS ≤ 400 MiB. Also printed: the
//   child's process wall time and the time the same reading + decoding alone takes.
// - parse.cli: `node out/cli/sealcase.js parse FILE --format access-log >/dev/null` on that file
//   (process wall time, lines/s). Needs `npm run build`; without an access-log-capable CLI the
//   figure is reported as an error and the group exits 1.
// - parse.email: every file of the SpamAssassin corpus (../shared/corpus/email/spamassassin/**
//   beside the repository), read and decoded once before timing, then parsed one `parseText`
//   per message file, cycling through the corpus to ≥ 20,000 parses; messages/s, peak RSS of
//   that child too.
// The parsers are bundled from source with Vite into a temp folder. `--smoke`: 20,000 lines and
// 1,000 messages, one run.
import process from 'node:process';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleForNode, median, root, runs, smoke, timed } from './_lib.mjs';

const LINES = smoke ? 20_000 : Number(process.env.SEALCASE_BENCH_LINES ?? 1_000_000);
const MESSAGES = smoke ? 1_000 : Number(process.env.SEALCASE_BENCH_MESSAGES ?? 20_000);
const CORPUS = resolve(root, '..', 'shared', 'corpus', 'email', 'spamassassin');
const GENERATOR_VERSION = 1;
const work = join(tmpdir(), 'sealcase-bench', `parse-${process.pid}`);
const round2 = (x) => Math.round(x * 100) / 100;

// ---------------------------------------------------------------------------------------------
// The generated combined log: documentation addresses, varied requests, two servers' offsets.

/** mulberry32: a tiny seeded PRNG (same as tests/fixtures/access-log/generate.ts). */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const METHODS = [
  'GET',
  'GET',
  'GET',
  'GET',
  'GET',
  'GET',
  'POST',
  'POST',
  'HEAD',
  'OPTIONS',
  'PUT',
];
const STATUSES = [200, 200, 200, 200, 200, 200, 200, 304, 304, 404, 301, 302, 206, 403, 500, 503];
const PROTOCOLS = ['HTTP/1.1', 'HTTP/1.1', 'HTTP/1.1', 'HTTP/2.0', 'HTTP/1.0'];
const AGENTS = [
  'Mozilla/5.0 (X11; Linux x86_64; rv:124.0) Gecko/20100101 Firefox/124.0',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.6312.99 Mobile Safari/537.36',
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
  'curl/8.5.0',
  'Wget/1.21.4',
  'python-requests/2.31.0',
  'Go-http-client/1.1',
  '-',
];
const PAGES = ['', 'index.html', 'login', 'logout', 'about', 'contact', 'cart', 'checkout'];
const WORDS = ['alpha', 'beta', 'gamma', 'delta', 'report', 'invoice', 'news', 'march', 'q1'];
const HOSTS = ['www.example.com', 'shop.example.com', 'www.example.org', 'blog.example.net'];

function pad2(n) {
  return n < 10 ? `0${n}` : String(n);
}

/** `17/May/2015:10:05:03 +0100` for a UTC epoch second shown at `offsetMinutes`. */
function clfTime(epochSeconds, offsetMinutes) {
  const d = new Date((epochSeconds + offsetMinutes * 60) * 1000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${pad2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} ${sign}${pad2(Math.floor(abs / 60))}${pad2(abs % 60)}`;
}

/** A pool of clients: the three IPv4 documentation /24s and 2001:db8::/32 (about 1 in 6). */
function clientPool(rnd) {
  const pool = [];
  for (const net of ['192.0.2', '198.51.100', '203.0.113']) {
    for (let host = 1; host < 255; host++) pool.push(`${net}.${host}`);
  }
  const hex = () => Math.floor(rnd() * 0x10000).toString(16);
  for (let i = 0; i < 150; i++) {
    pool.push(
      rnd() < 0.5
        ? `2001:db8:${hex()}:${hex()}::${hex()}`
        : `2001:db8:${hex()}:${hex()}:${hex()}:${hex()}:${hex()}:${hex()}`,
    );
  }
  return pool;
}

function requestTarget(rnd, pick) {
  const r = rnd();
  if (r < 0.3) return `/${pick(PAGES)}`;
  if (r < 0.55)
    return `/static/${pick(['js', 'css'])}/app.${Math.floor(rnd() * 1e8).toString(16)}.${pick(['js', 'css'])}`;
  if (r < 0.7) return `/images/${Math.floor(rnd() * 5000)}.${pick(['png', 'jpg', 'webp'])}`;
  if (r < 0.82)
    return `/api/v1/items?id=${Math.floor(rnd() * 100000)}&page=${Math.floor(rnd() * 20)}`;
  if (r < 0.9) return `/search?q=${pick(WORDS)}+${pick(WORDS)}`;
  if (r < 0.96)
    return `/blog/2024/${pad2(1 + Math.floor(rnd() * 12))}/${pick(WORDS)}-${pick(WORDS)}.html`;
  return pick(['/wp-login.php', '/.env', '/admin/config.php', '/robots.txt', '/favicon.ico']);
}

function referer(rnd, pick) {
  const r = rnd();
  if (r < 0.4) return '-';
  if (r < 0.8) return `https://${pick(HOSTS)}${requestTarget(rnd, pick)}`;
  if (r < 0.995) return `https://www.google.com/search?q=${pick(WORDS)}`;
  return 'https://evil.example/\\"quoted\\"'; // an Apache-escaped quote now and then
}

/** `count` combined-format lines (seeded): two servers, +0100 (3 in 4) and -0500, interleaved. */
function* combinedLines(count, seed) {
  const rnd = prng(seed);
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const clients = clientPool(rnd);
  let ms = Date.UTC(2024, 2, 30, 22, 0, 0); // across midnight and a month end
  for (let i = 0; i < count; i++) {
    const step = rnd();
    ms +=
      step < 0.7
        ? Math.floor(rnd() * 40)
        : step < 0.97
          ? Math.floor(rnd() * 900)
          : 1000 + Math.floor(rnd() * 4000);
    // Zipf-ish: a few busy clients, a long tail.
    const client = clients[Math.floor(clients.length * rnd() * rnd() * rnd())];
    const offset = rnd() < 0.75 ? 60 : -300;
    const status = pick(STATUSES);
    const bytes =
      status === 304 || rnd() < 0.02 ? '-' : String(Math.floor(rnd() * rnd() * 2_000_000));
    const user = rnd() < 0.03 ? pick(['alice', 'bob', 'svc-backup']) : '-';
    const request = `${pick(METHODS)} ${requestTarget(rnd, pick)} ${pick(PROTOCOLS)}`;
    yield `${client} - ${user} [${clfTime(Math.floor(ms / 1000), offset)}] "${request}" ${status} ${bytes} "${referer(rnd, pick)}" "${pick(AGENTS)}"\n`;
  }
}

/** The generated log, cached in os.tmpdir()/sealcase-bench (same seed, same bytes). */
async function combinedLog(count) {
  const dir = join(tmpdir(), 'sealcase-bench');
  await mkdir(dir, { recursive: true });
  const path = join(dir, `access-combined-v${GENERATOR_VERSION}-${count}.log`);
  if (existsSync(path)) return path;
  const handle = await open(`${path}.part`, 'w');
  let text = '';
  for (const line of combinedLines(count, 20240330)) {
    text += line;
    if (text.length > 4 * 1024 * 1024) {
      await handle.write(text);
      text = '';
    }
  }
  await handle.write(text);
  await handle.close();
  await rename(`${path}.part`, path);
  return path;
}

// ---------------------------------------------------------------------------------------------
// The parsers, bundled from source, and the child processes that time them.

async function bundle() {
  const urls = await bundleForNode(join(work, 'lib'), {
    parsers: 'shared/parsers/index.ts',
    source: 'electron/services/parse/text-source.ts',
  });
  return fileURLToPath(urls.parsers);
}

/** The child: `node child.mjs LIB combined FILE` or `node child.mjs LIB email LIST COUNT`. */
const CHILD = `
import process from 'node:process';
import { open, readFile } from 'node:fs/promises';
const [lib, mode, input, count] = process.argv.slice(2);
const { createDefaultRegistry, runParser, parseText } = await import(lib);
// The product's own reading path (1 MiB blocks, streaming UTF-8 decoding).
const { textChunks } = await import(lib.replace('parsers.js', 'source.js'));
const registry = createDefaultRegistry();
const result = { events: 0, nullTs: 0, warnings: 0 };
let seconds;
if (mode === 'combined') {
  const parser = registry.get('access-log');
  const blocks = (path) => textChunks(path);
  const t0 = process.hrtime.bigint();
  const summary = await runParser(parser, blocks(input), (out) => {
    for (const e of out.events) {
      result.events++;
      if (e.ts === null) result.nullTs++;
    }
    result.warnings += out.warnings.length;
  });
  seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  result.complete = summary.complete;
  // The same reading and decoding alone (untimed above): how much of the time is not parsing.
  const t1 = process.hrtime.bigint();
  for await (const text of blocks(input)) result.decodedChars = (result.decodedChars ?? 0) + text.length;
  result.decodeSeconds = Number(process.hrtime.bigint() - t1) / 1e9;
} else {
  const parser = registry.get('email');
  const decoder = new TextDecoder('utf-8');
  const files = JSON.parse(await readFile(input, 'utf8'));
  const texts = [];
  for (const f of files) texts.push(decoder.decode(await readFile(f)));
  const messages = Number(count);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < messages; i++) {
    const run = parseText(parser, texts[i % texts.length]);
    for (const e of run.events) {
      result.events++;
      if (e.type === 'email:message') result.messages = (result.messages ?? 0) + 1;
    }
    result.warnings += run.warnings.length;
  }
  seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  result.parses = messages;
}
result.seconds = seconds;
result.maxRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
process.stdout.write(JSON.stringify(result) + '\\n');
`;

/** Runs the child under /usr/bin/time; its JSON result plus peak RSS (MiB) and wall seconds. */
function runChild(args) {
  return new Promise((resolvePromise, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(
      '/usr/bin/time',
      ['-f', '%M', process.execPath, join(work, 'child.mjs'), ...args],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d.toString()));
    child.stderr.on('data', (d) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const wall = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0) {
        reject(new Error(`parse child exited ${code}: ${err.trim()}`));
        return;
      }
      const kib = Number(err.trim().split('\n').at(-1));
      resolvePromise({ ...JSON.parse(out), wall, peakRssMiB: Math.round(kib / 1024) });
    });
  });
}

function print(line) {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

/** Every file under the corpus's nice/ and spam/ folders (recursively), sorted. */
function spamassassinFiles() {
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(path);
    }
  };
  walk(join(CORPUS, 'nice'));
  walk(join(CORPUS, 'spam'));
  return files;
}

/** The CLI, or null (with the reason on stderr) when it is missing or has no access-log parser. */
async function accessLogCli() {
  const cli = process.env.SEALCASE_BENCH_CLI ?? join(root, 'out', 'cli', 'sealcase.js');
  if (!existsSync(cli)) return { cli: null, why: `${cli}: not built; run npm run build first` };
  const formats = await new Promise((res) => {
    const child = spawn(process.execPath, [cli, 'formats', '--json'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d.toString()));
    child.on('exit', () => res(out));
    child.on('error', () => res(''));
  });
  if (!formats.includes('"access-log"')) {
    return {
      cli: null,
      why: `${cli}: this build has no access-log parser (stale out/?); run npm run build first`,
    };
  }
  return { cli, why: null };
}

// ---------------------------------------------------------------------------------------------

let failed = false;
try {
  await mkdir(work, { recursive: true });
  const [lib, file] = await Promise.all([bundle(), combinedLog(LINES)]);
  await writeFile(join(work, 'child.mjs'), CHILD);
  const libUrl = pathToFileURL(lib).href;
  const sizeMiB = round2((await stat(file)).size / 1048576);

  // parse.combined vs awk, alternately; medians.
  await timed('cat', [file]); // warm the page cache
  const loadBefore = round2(loadavg()[0] ?? 0);
  const ours = [];
  const awk = [];
  let rss = 0;
  let last = null;
  for (let i = 0; i < runs; i++) {
    last = await runChild([libUrl, 'combined', file]);
    if (last.events !== LINES || last.nullTs !== 0 || !last.complete) {
      throw new Error(
        `parse.combined: ${JSON.stringify(last)} (expected ${LINES} events, all with ts)`,
      );
    }
    ours.push(last);
    rss = Math.max(rss, last.peakRssMiB);
    awk.push(
      (await timed('sh', ['-c', `awk '{print $1, $4}' "$1" > /dev/null`, 'sh', file])).seconds,
    );
  }
  const oursSeconds = median(ours.map((r) => r.seconds));
  const awkSeconds = median(awk);
  print({
    bench: 'parse.combined',
    value: Math.round(LINES / oursSeconds),
    unit: 'lines/s',
    reference: {
      name: "awk '{print $1, $4}' FILE > /dev/null",
      value: Math.round(LINES / awkSeconds),
    },
    ratio: round2(oursSeconds / awkSeconds),
    peakRssMiB: rss,
    seconds: round2(oursSeconds),
    referenceSeconds: round2(awkSeconds),
    processSeconds: round2(median(ours.map((r) => r.wall))),
    readDecodeSeconds: round2(median(ours.map((r) => r.decodeSeconds))),
    lines: LINES,
    sizeMiB,
    warnings: last.warnings,
    runs,
    rss: 'child process, /usr/bin/time -f %M',
    goal: 'ratio ≤ 2.5, peak RSS ≤ 400 MiB',
    // Every run (ours and awk's), and the 1-minute load average before and after: the machine may
    // be shared, and the ratio moves with it.
    runSeconds: ours.map((r) => round2(r.seconds)),
    ratioOfBest: round2(Math.min(...ours.map((r) => r.seconds)) / Math.min(...awk)),
    referenceRunSeconds: awk.map(round2),
    loadAverage1m: [loadBefore, round2(loadavg()[0] ?? 0)],
  });

  // parse.cli: the built CLI end to end (JSON lines to /dev/null).
  const { cli, why } = await accessLogCli();
  if (cli === null) {
    process.stderr.write(`bench: parse.cli: ${why}\n`);
    print({
      bench: 'parse.cli',
      value: null,
      unit: 'lines/s',
      reference: null,
      ratio: null,
      peakRssMiB: null,
      error: why,
    });
    failed = true;
  } else {
    const times = [];
    let cliRss = 0;
    for (let i = 0; i < runs; i++) {
      const r = await timed(process.execPath, [cli, 'parse', file, '--format', 'access-log']);
      times.push(r.seconds);
      cliRss = Math.max(cliRss, r.peakRssMiB);
    }
    const seconds = median(times);
    print({
      bench: 'parse.cli',
      value: Math.round(LINES / seconds),
      unit: 'lines/s',
      reference: null,
      ratio: null,
      peakRssMiB: cliRss,
      seconds: round2(seconds),
      lines: LINES,
      sizeMiB,
      runs,
    });
  }

  // parse.email: one parseText per message file, the corpus repeated.
  const files = spamassassinFiles();
  await writeFile(join(work, 'files.json'), JSON.stringify(files));
  const emailRuns = [];
  for (let i = 0; i < runs; i++) {
    const r = await runChild([libUrl, 'email', join(work, 'files.json'), String(MESSAGES)]);
    if (r.parses !== MESSAGES || !(r.messages > 0)) {
      throw new Error(`parse.email: ${JSON.stringify(r)}`);
    }
    emailRuns.push(r);
  }
  const emailSeconds = median(emailRuns.map((r) => r.seconds));
  print({
    bench: 'parse.email',
    value: Math.round(MESSAGES / emailSeconds),
    unit: 'messages/s',
    reference: null,
    ratio: null,
    peakRssMiB: Math.max(...emailRuns.map((r) => r.peakRssMiB)),
    seconds: round2(emailSeconds),
    messages: MESSAGES,
    corpusFiles: files.length,
    mode: 'one parseText per message file',
    messageEvents: emailRuns[0].messages,
    events: emailRuns[0].events,
    runs,
  });
} finally {
  await rm(work, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
