#!/usr/bin/env node
// `npm run lint:electron`: Electronegativity 1.10.3 over the app as it ships, as a CI gate.
//
// What is scanned: a temporary copy of what build/electron-builder.yml packs (package.json and
// out/** without out/types and source maps), i.e. the bundled main process, preload, renderer and
// CLI. The build is what ships, and with package.json beside it Electronegativity knows the
// Electron version (45), so version-dependent defaults (nodeIntegration, remote module) are judged
// right; over the electron/ sources alone it assumes Electron 0.1.0 and reports them as HIGH.
// Two limits of the tool are worked around, visibly:
//   - It reads only .js/.jsx/.ts/.tsx/.html: `.cjs`/`.mjs` files (the preload) are staged under an
//     extra `.js` suffix and reported under their real name.
//   - It judges `new BrowserWindow(…)` only when the options are an object literal in the same
//     file. main.ts passes `mainWindowOptions(preloadPath)` (electron/main/window-options.ts), so
//     every webPreferences check fires at that call site whatever the values are. The script
//     therefore evaluates the real `mainWindowOptions()` (window-options.ts transpiled with
//     TypeScript), writes its result as a literal `new BrowserWindow({…})` into a probe file that
//     is scanned with the rest, and lets the probe's findings replace the call-site ones. The
//     replaced rows are still printed ("→ probe"). If the probe yields no PRELOAD_JS_CHECK it was
//     not analysed, and the gate fails.
// Electronegativity exits 0 even with findings, so the CSV it writes is parsed here. The gate
// fails (exit 1) on any finding above LOW except PRELOAD_JS_CHECK (reported whenever a preload
// exists: a review item, see ../shared/reference/stack.md §3), and on a missing, malformed or
// incomplete CSV. Offline it warns that it cannot fetch translations and Electron releases.
// Its CLI cannot be used here: it requires an undeclared `commander` and gets the project's v14,
// whose API it does not match (`program.version is not a function`); the runner API is used.
// Usage: node build/scripts/electronegativity.mjs [--keep]   (--keep: keep the temp folder)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const keep = process.argv.includes('--keep');

const SEVERITY_RANK = { INFORMATIONAL: 0, LOW: 1, MEDIUM: 2, HIGH: 3 };
const ALLOWED_ABOVE_LOW = new Set(['PRELOAD_JS_CHECK']);
const CSV_COLUMNS = [
  'issue',
  'severity',
  'confidence',
  'filename',
  'location',
  'sample',
  'description',
  'url',
];
// The atomic checks that inspect the options of `new BrowserWindow(…)` / `new BrowserView(…)`.
const WINDOW_OPTION_CHECKS = new Set([
  'AFFINITY_JS_CHECK',
  'AUXCLICK_JS_CHECK',
  'BLINK_FEATURES_JS_CHECK',
  'CONTEXT_ISOLATION_JS_CHECK',
  'EXPERIMENTAL_FEATURES_JS_CHECK',
  'INSECURE_CONTENT_JS_CHECK',
  'NODE_INTEGRATION_JS_CHECK',
  'PRELOAD_JS_CHECK',
  'REMOTE_MODULE_JS_CHECK',
  'SANDBOX_JS_CHECK',
  'WEB_SECURITY_JS_CHECK',
]);
const OPTIONS_CALL_SITE = /new BrowserWindow\(\s*mainWindowOptions\(/;
const PROBE_FILE = '__probe__/main-window.js';
const PROBE_LABEL = '(probe) mainWindowOptions()';

function fail(message) {
  console.error(`lint:electron: ${message}`);
  process.exitCode = 1;
}

// ---- staging -----------------------------------------------------------------------------------

async function ensureBuilt() {
  if (fs.existsSync(join(root, 'out', 'main', 'main.js'))) return;
  console.log('out/main/main.js is missing: running the build first');
  execFileSync(process.execPath, [join(root, 'build', 'scripts', 'build.mjs')], {
    cwd: root,
    stdio: 'inherit',
  });
}

/** Copies what the package holds into `app`; returns staged path → real path (relative). */
async function stageApp(app) {
  const renamed = new Map();
  await mkdir(app, { recursive: true });
  await cp(join(root, 'package.json'), join(app, 'package.json'));
  const walk = async (dir) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      const rel = relative(root, full).split(sep).join('/');
      // out/cli and out/workers run under plain Node, never in Electron's main or renderer; the
      // scanner's parser also rejects the class private fields they use.
      if (rel === 'out/types' || rel === 'out/cli' || rel === 'out/workers') continue;
      if (entry.isDirectory()) {
        await walk(full);
        continue;
      }
      if (rel.endsWith('.map') || rel.endsWith('.tsbuildinfo')) continue;
      const staged = /\.(cjs|mjs)$/.test(rel) ? `${rel}.js` : rel;
      if (staged !== rel) renamed.set(staged, rel);
      await mkdir(dirname(join(app, staged)), { recursive: true });
      await cp(full, join(app, staged));
    }
  };
  await walk(join(root, 'out'));
  return renamed;
}

/** Evaluates the real mainWindowOptions() and writes it as a literal BrowserWindow call. */
async function writeProbe(work, app) {
  const source = join(root, 'electron', 'main', 'window-options.ts');
  const ts = require('typescript');
  const { outputText } = ts.transpileModule(await readFile(source, 'utf8'), {
    fileName: source,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  const compiled = join(work, 'window-options.mjs');
  await writeFile(compiled, outputText);
  let options;
  try {
    const module = await import(pathToFileURL(compiled).href);
    options = module.mainWindowOptions('/opt/Sealcase/resources/app.asar/out/preload/preload.cjs');
  } catch (error) {
    throw new Error(
      `cannot evaluate mainWindowOptions() from electron/main/window-options.ts on its own ` +
        `(it must stay free of value imports for this check): ${error.message}`,
      { cause: error },
    );
  }
  if (typeof options?.webPreferences !== 'object' || options.webPreferences === null) {
    throw new Error('mainWindowOptions() returned no webPreferences object');
  }
  const probe = [
    '// Written by build/scripts/electronegativity.mjs: the value mainWindowOptions() returns',
    '// (electron/main/window-options.ts), as a literal Electronegativity can inspect.',
    "const { BrowserWindow } = require('electron');",
    `new BrowserWindow(${JSON.stringify(options, null, 2)});`,
    '',
  ].join('\n');
  await mkdir(dirname(join(app, PROBE_FILE)), { recursive: true });
  await writeFile(join(app, PROBE_FILE), probe);
}

// ---- scan --------------------------------------------------------------------------------------

function electronVersion() {
  try {
    return require(join(root, 'node_modules', 'electron', 'package.json')).version;
  } catch {
    const pkg = JSON.parse(fs.readFileSync(join(root, 'package.json'), 'utf8'));
    const range = pkg.devDependencies?.electron ?? pkg.dependencies?.electron;
    if (typeof range !== 'string') throw new Error('cannot tell the Electron version');
    return range.replace(/^[^\d]*/, '');
  }
}

/**
 * Runs Electronegativity and waits until its CSV is on disk. 1.10.3 writes the CSV header and the
 * rows with two concurrent fs.writeFile calls (util/file.js `writeIssues`) and does not wait for
 * either, so rows can be lost or overwritten by the header. For the duration of the run,
 * fs.writeFile is made synchronous (same arguments, callback still called), which keeps the order.
 */
async function scan(app, csv, version) {
  const run = require('@doyensec/electronegativity');
  const original = fs.writeFile;
  fs.writeFile = function writeFileInOrder(file, data, options, callback) {
    if (typeof options === 'function') {
      callback = options;
      options = undefined;
    }
    let error = null;
    try {
      fs.writeFileSync(file, data, options);
    } catch (e) {
      error = e;
    }
    if (typeof callback === 'function') process.nextTick(callback, error);
  };
  try {
    return await run({
      input: app,
      output: csv,
      isSarif: false,
      customScan: [],
      excludeFromScan: [],
      isRelative: true,
      isVerbose: false,
      electronVersionOverride: version,
      parserPlugins: [],
    });
  } finally {
    fs.writeFile = original;
  }
}

// ---- CSV ---------------------------------------------------------------------------------------

/** RFC 4180 records: quoted fields with "" escapes, bare fields, LF or CRLF line ends. */
function parseCsv(text) {
  const records = [];
  let record = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') {
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
    } else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else {
      field += c;
    }
    i++;
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

function readFindings(csvText) {
  const [header, ...rows] = parseCsv(csvText);
  const names = (header ?? []).map((h) => h.trim());
  if (names.join(',') !== CSV_COLUMNS.join(',')) {
    throw new Error(`unexpected CSV header: ${JSON.stringify(names)}`);
  }
  return rows.map((row, n) => {
    if (row.length !== CSV_COLUMNS.length) {
      throw new Error(`CSV row ${n + 2} has ${row.length} fields, expected ${CSV_COLUMNS.length}`);
    }
    const finding = Object.fromEntries(CSV_COLUMNS.map((name, k) => [name, row[k]]));
    if (!/^[A-Z0-9_]+$/.test(finding.issue) || !(finding.severity in SEVERITY_RANK)) {
      throw new Error(`CSV row ${n + 2} is not a finding: ${row.slice(0, 3).join(', ')}`);
    }
    return finding;
  });
}

// ---- report ------------------------------------------------------------------------------------

function printTable(rows) {
  const head = ['CHECK', 'SEVERITY', 'CONFIDENCE', 'WHERE', 'VERDICT'];
  const widths = head.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k].length)));
  const line = (cells) =>
    cells
      .map((c, k) => c.padEnd(widths[k]))
      .join('  ')
      .trimEnd();
  console.log(line(head));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(row));
}

async function main() {
  await ensureBuilt();
  const work = await mkdtemp(join(tmpdir(), 'sealcase-electronegativity-'));
  const app = join(work, 'app');
  const csv = join(work, 'electronegativity.csv');
  let ok = false;
  try {
    const renamed = await stageApp(app);
    await writeProbe(work, app);
    const version = electronVersion();
    console.log(`Electronegativity on the packaged files of out/ (Electron ${version})`);
    const started = Date.now();
    const result = await scan(app, csv, version);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);

    const broken = result.errors.filter((e) => !e.tolerable);
    for (const e of result.errors) {
      const where = relative(app, e.file);
      (e.tolerable ? console.warn : console.error)(
        `  parse ${e.tolerable ? 'warning' : 'error'}: ${where}: ${e.message}`,
      );
    }
    if (broken.length > 0) throw new Error(`${broken.length} file(s) could not be analysed`);

    if (!fs.existsSync(csv)) throw new Error(`Electronegativity wrote no CSV (${csv})`);
    const findings = readFindings(await readFile(csv, 'utf8'));
    if (findings.length !== result.issues.length) {
      throw new Error(
        `CSV holds ${findings.length} findings, Electronegativity reported ${result.issues.length}`,
      );
    }

    const probeFindings = findings.filter((f) => f.filename === PROBE_FILE);
    if (!probeFindings.some((f) => f.issue === 'PRELOAD_JS_CHECK')) {
      throw new Error(
        `the window-options probe was not analysed (no PRELOAD_JS_CHECK in ${PROBE_FILE})`,
      );
    }

    const rows = [];
    const blocking = [];
    for (const f of findings) {
      const file =
        f.filename === PROBE_FILE ? PROBE_LABEL : (renamed.get(f.filename) ?? f.filename);
      let verdict;
      if (
        WINDOW_OPTION_CHECKS.has(f.issue) &&
        file !== PROBE_LABEL &&
        OPTIONS_CALL_SITE.test(f.sample)
      ) {
        verdict = '→ probe (options not visible at the call site)';
      } else if (SEVERITY_RANK[f.severity] <= SEVERITY_RANK.LOW) {
        verdict = 'ok (LOW or below)';
      } else if (ALLOWED_ABOVE_LOW.has(f.issue)) {
        verdict = 'review item (allowed)';
      } else {
        verdict = 'FAIL';
        blocking.push({ ...f, file });
      }
      rows.push([f.issue, f.severity, f.confidence, `${file}:${f.location}`, verdict]);
    }

    console.log(
      `${result.globalChecks + result.atomicChecks} checks, ${findings.length} findings, ${seconds} s\n`,
    );
    if (rows.length > 0) printTable(rows);
    for (const f of blocking) {
      console.error(`\n${f.issue} (${f.severity}) at ${f.file}:${f.location}\n  ${f.description}`);
      if (f.sample !== 'N/A') console.error(`  ${f.sample.slice(0, 200)}`);
      console.error(`  ${f.url}`);
    }
    if (blocking.length > 0) {
      fail(`${blocking.length} finding(s) above LOW`);
    } else {
      console.log('\nlint:electron: no finding above LOW (PRELOAD_JS_CHECK is a review item)');
      ok = true;
    }
  } finally {
    if (keep || !ok) {
      console.log(`kept ${work}`);
    } else {
      await rm(work, { recursive: true, force: true });
    }
  }
}

main().catch((error) => {
  fail(error instanceof Error ? error.message : String(error));
});
