/**
 * `reproducePackage` and `sealcase reproduce` on real packages: the demo's case (five samples,
 * five parse decisions, one attribution run) exported by the real export as a folder and a zip;
 * then copies changed one file at a time — with the manifest line fixed, so that only reproduce
 * (not fixity) can catch the change, and without, which must be refused (exit 2).
 */
import { createHash } from 'node:crypto';
import { chmod, cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoCase } from '../../../../../electron/cli/commands/demo';
import type { CliIo } from '../../../../../electron/cli/io';
import { runCli } from '../../../../../electron/cli/program';
import { recordDecision } from '../../../../../electron/services/analysis';
import { exportPackage } from '../../../../../electron/services/export';
import { openPackage } from '../../../../../electron/services/package';
import { reproducePackage, type ReproduceReport } from '../../../../../electron/services/reproduce';
import { ReproduceError } from '../../../../../shared/errors/reproduce-error';
import { ParseDecisionV1 } from '../../../../../shared/model';
import { snapshotTree } from '../../../../helpers/fs-snapshot';
import { tempDir } from '../../../../helpers/temp-dir';
import { testDeps } from '../export/export-case';

const silent: CliIo = { out: () => {}, err: () => {}, cwd: '/', env: {} };
let dir: string;
let cleanup: () => Promise<void>;
let radius: string;

beforeAll(async () => {
  ({ path: dir, cleanup } = await tempDir('sealcase-reproduce-'));
  const built = await buildDemoCase(silent, join(dir, 'demo'), '0.0.0-test');
  try {
    const deps = testDeps();
    await exportPackage(built.caseDir, { out: join(dir, 'pkg') }, built.identity, deps);
    await exportPackage(
      built.caseDir,
      { out: join(dir, 'pkg.zip'), zip: true },
      built.identity,
      deps,
    );
    // A later decision for the RADIUS file names a parser version this Sealcase does not have
    // (as a package made by an older Sealcase would); the export re-derives with today's parser.
    const ledger = await readFile(join(built.caseDir, 'ledger.jsonl'), 'utf8');
    const parse = ledger
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { action: string; details: { sha256?: string; kind?: string } })
      .filter((r) => r.action === 'analysis.recorded' && r.details.kind === 'parse');
    const decisions = await Promise.all(
      parse.map(async (r) =>
        ParseDecisionV1.parse(
          JSON.parse(
            await readFile(join(built.caseDir, 'analysis', `${r.details.sha256}.json`), 'utf8'),
          ),
        ),
      ),
    );
    const old = decisions.find((d) => d.format === 'radius-detail')!;
    radius = old.artefact;
    await recordDecision(
      built.caseDir,
      built.identity,
      { ...old, parserVersion: '0.9.0', decidedAt: new Date().toISOString() },
      'test: a decision made with an older parser',
      { toolVersion: '0.0.0-test' },
    );
    await exportPackage(built.caseDir, { out: join(dir, 'pkg-old') }, built.identity, deps);
  } finally {
    built.identity.lock();
  }
}, 180_000);

afterAll(async () => {
  await cleanup();
});

async function reproduceAt(path: string): Promise<ReproduceReport> {
  const opened = await openPackage(path);
  try {
    return await reproducePackage(opened.reader, { toolVersion: '0.0.0-test' });
  } finally {
    await opened.close();
  }
}

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    argv,
    { out: (t) => out.push(t), err: (t) => err.push(t), cwd: dir, env: {} },
    '0.0.0-test',
  );
  return { code, out: out.join(''), err: err.join('') };
}

let copies = 0;
/** A writable copy of the folder package with one file rewritten, its manifest line fixed or not. */
async function changed(
  file: string,
  edit: (text: string) => string,
  fixManifest = true,
): Promise<string> {
  const copy = join(dir, `copy-${++copies}`);
  await cp(join(dir, 'pkg'), copy, { recursive: true });
  const path = join(copy, file);
  const before = await readFile(path, 'utf8');
  const after = edit(before);
  await chmod(path, 0o644);
  await writeFile(path, after);
  if (fixManifest) {
    const sha = (s: string) => createHash('sha256').update(s).digest('hex');
    const manifest = join(copy, 'manifest-sha256.txt');
    const text = await readFile(manifest, 'utf8');
    await chmod(manifest, 0o644);
    await writeFile(
      manifest,
      text.replace(`${sha(before)}  ${file}\n`, `${sha(after)}  ${file}\n`),
    );
  }
  return copy;
}

const editLine = (n: number, edit: (line: string) => string) => (text: string) =>
  text
    .split('\n')
    .map((l, i) => (i === n - 1 ? edit(l) : l))
    .join('\n');

describe('reproduce a real exported package', () => {
  it('folder: every original and the attribution run are identical; exit 0; nothing written', async () => {
    const before = await snapshotTree(dir);
    const report = await reproduceAt(join(dir, 'pkg'));
    expect(report.ok).toBe(true);
    expect(report.findings).toEqual([]);
    expect(report.artefacts.map((a) => a.status)).toEqual(Array(5).fill('identical'));
    const lines = (await readFile(join(dir, 'pkg', 'data', 'events.jsonl'), 'utf8'))
      .trim()
      .split('\n');
    expect(report.artefacts.reduce((n, a) => n + a.events, 0)).toBe(lines.length);
    // In the export's order: originals by SHA-256.
    const order = report.artefacts.map((a) => a.artefact);
    expect(order).toEqual([...order].sort());
    expect(report.runs).toHaveLength(1);
    expect(report.runs[0]).toMatchObject({ status: 'identical', results: 5 });
    expect(report.runs[0]!.resultsSha256.reproduced).toBe(report.runs[0]!.resultsSha256.recorded);
    const r = await cli('reproduce', 'pkg');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Result: REPRODUCED');
    expect(await snapshotTree(dir)).toEqual(before);
  });

  it('zip: the same outcomes, read through the zip reader', async () => {
    const folder = await reproduceAt(join(dir, 'pkg'));
    const zip = await reproduceAt(join(dir, 'pkg.zip'));
    expect(zip.ok).toBe(true);
    expect(zip.package.form).toBe('zip');
    expect(zip.artefacts.map((a) => [a.artefact, a.status, a.events])).toEqual(
      folder.artefacts.map((a) => [a.artefact, a.status, a.events]),
    );
    const r = await cli('reproduce', 'pkg.zip', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ v: 1, ok: true, package: { form: 'zip' } });
  });
});

describe('a changed package', () => {
  it('one event line changed (manifest fixed): differs, with the line and both sides; exit 1', async () => {
    const original = (await readFile(join(dir, 'pkg', 'data', 'events.jsonl'), 'utf8')).split(
      '\n',
    )[2]!;
    const tampered = original.replace(
      /"ts":"2026-03-14T(\d\d)/,
      (_m, h: string) => `"ts":"2026-03-14T${String(Number(h) + 1).padStart(2, '0')}`,
    );
    expect(tampered).not.toBe(original);
    const copy = await changed(
      'data/events.jsonl',
      editLine(3, () => tampered),
    );
    const report = await reproduceAt(copy);
    expect(report.ok).toBe(false);
    const differs = report.artefacts.filter((a) => a.status !== 'identical');
    expect(differs).toHaveLength(1);
    expect(differs[0]).toMatchObject({
      status: 'differs',
      code: 'REPRODUCE_EVENTS_DIFFER',
      difference: {
        file: 'data/events.jsonl',
        first: { line: 3, expected: original, actual: tampered },
        differing: 1,
        missing: 0,
        extra: 0,
      },
    });
    expect(report.findings.map((f) => [f.code, f.file])).toEqual([
      ['REPRODUCE_EVENTS_DIFFER', 'data/events.jsonl'],
    ]);
    const r = await cli('reproduce', copy);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`package:    ${tampered}`);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain('REPRODUCE_EVENTS_DIFFER');
  });

  it('the same change without fixing the manifest is refused: REPRODUCE_DIGEST_MISMATCH, exit 2', async () => {
    const copy = await changed(
      'data/events.jsonl',
      editLine(3, (l) => l.replace('"type"', '"type" ')),
      false,
    );
    await expect(reproduceAt(copy)).rejects.toMatchObject({
      code: 'REPRODUCE_DIGEST_MISMATCH',
      where: 'data/events.jsonl',
    });
    const r = await cli('reproduce', copy, '--json');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('REPRODUCE_DIGEST_MISMATCH');
  });

  it('an original changed without fixing the manifest is refused too', async () => {
    const path = (await readFile(join(dir, 'pkg', 'manifest-sha256.txt'), 'utf8'))
      .split('\n')
      .map((l) => l.slice(66))
      .find((p) => p.startsWith(`data/originals/${radius}/`))!;
    const copy = await changed(path, (t) => t.replace('subscriber-0043', 'subscriber-0044'), false);
    const error = await reproduceAt(copy).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReproduceError);
    expect(error).toMatchObject({ code: 'REPRODUCE_DIGEST_MISMATCH', where: path });
  });

  it('a line removed and one appended (manifest fixed): counted positionally, the extra line on its own', async () => {
    const lines = (await readFile(join(dir, 'pkg', 'data', 'events.jsonl'), 'utf8')).split('\n');
    const copy = await changed('data/events.jsonl', (t) => {
      const kept = t.split('\n');
      kept.splice(1, 1);
      return `${kept.join('\n')}${lines[0]}\n`;
    });
    const report = await reproduceAt(copy);
    const differs = report.artefacts.filter((a) => a.status === 'differs');
    expect(differs).toHaveLength(1);
    const block = differs[0]!.events;
    // Line by line without resynchronising: from the removed line on, each line of the block is
    // compared with its successor, and the block ends one line short.
    expect(differs[0]!.difference).toMatchObject({
      first: { line: 2, expected: lines[1], actual: lines[2] },
      differing: block - 2,
      missing: 1,
      extra: 0,
    });
    // The appended copy of line 1 belongs to an original already compared: left over.
    expect(report.findings.map((f) => f.code)).toEqual([
      'REPRODUCE_EVENTS_DIFFER',
      'REPRODUCE_EVENTS_EXTRA',
    ]);
    expect(report.findings[1]!.message).toContain(`from line ${lines.length - 1} on`);
  });

  it('an attribution result changed (manifest fixed): the run differs', async () => {
    const copy = await changed(
      'data/attribution.jsonl',
      editLine(1, (l) =>
        l
          .replace(/"status":"[a-z-]+"/, '"status":"unique"')
          .replace('"status":"unique"', '"status":"none"'),
      ),
    );
    const report = await reproduceAt(copy);
    expect(report.artefacts.every((a) => a.status === 'identical')).toBe(true);
    expect(report.runs[0]).toMatchObject({
      status: 'differs',
      code: 'REPRODUCE_ATTRIBUTION_DIFFERS',
      difference: { file: 'data/attribution.jsonl', first: { line: 1 }, differing: 1 },
    });
    // The re-run itself still matches what the decision recorded.
    expect(report.runs[0]!.resultsSha256.reproduced).toBe(report.runs[0]!.resultsSha256.recorded);
  });

  it('a file reproduce needs left out of the manifest is refused: REPRODUCE_NOT_IN_MANIFEST', async () => {
    const copy = await changed(
      'manifest-sha256.txt',
      (t) =>
        t
          .split('\n')
          .filter((l) => !l.endsWith('  data/events.jsonl'))
          .join('\n'),
      false,
    );
    await expect(reproduceAt(copy)).rejects.toMatchObject({ code: 'REPRODUCE_NOT_IN_MANIFEST' });
  });

  it('no package at the path: exit 2 with one line', async () => {
    const r = await cli('reproduce', 'no-such-package');
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain('PKG_UNREADABLE');
  });
});

describe('a decision made with another parser version', () => {
  it('cannot be reproduced: REPRODUCE_PARSER_VERSION names both versions; the rest still compares', async () => {
    const report = await reproduceAt(join(dir, 'pkg-old'));
    expect(report.ok).toBe(false);
    const cannot = report.artefacts.find((a) => a.artefact === radius)!;
    expect(cannot).toMatchObject({
      status: 'cannot-reproduce',
      code: 'REPRODUCE_PARSER_VERSION',
      parserVersion: '0.9.0',
    });
    expect(cannot.reason).toContain('radius-detail 0.9.0');
    expect(cannot.reason).toContain('radius-detail 1.0.0');
    expect(
      report.artefacts.filter((a) => a.artefact !== radius).every((a) => a.status === 'identical'),
    ).toBe(true);
    // The attribution run recorded its own inputs (parser 1.0.0): it still reproduces.
    expect(report.runs.map((r) => r.status)).toEqual(['identical']);
    expect(report.findings.map((f) => f.code)).toEqual(['REPRODUCE_PARSER_VERSION']);
    const r = await cli('reproduce', 'pkg-old');
    expect(r.code).toBe(1);
    expect(r.out).toContain('CANT');
  });
});
