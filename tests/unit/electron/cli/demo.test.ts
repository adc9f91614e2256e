/**
 * `sealcase demo DIR` end to end in a temp folder: every stage runs for real on the built-in
 * samples (identity, case, intake, parse, attribution, export, verify, reproduce); the package it
 * writes verifies and reproduces again through the CLI. The verifier page is injected (its build,
 * out/verify/verify.html, is the build's business, not this test's).
 */
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../../electron/cli/io';
import { demo } from '../../../../electron/cli/commands/demo';
import { DEMO_SAMPLES } from '../../../../electron/services/demo';
import { runCli } from '../../../../electron/cli/program';
import { CaseFileV1, SealcaseEvent } from '../../../../shared/model';
import { snapshotTree } from '../../../helpers/fs-snapshot';
import { tempDir } from '../../../helpers/temp-dir';

const VERIFY_PAGE = new TextEncoder().encode('<!doctype html><title>verify</title>\n');

function capture(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), cwd, env: {} };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

let cwd: string;
let cleanup: () => Promise<void>;
let printed: string;

beforeAll(async () => {
  ({ path: cwd, cleanup } = await tempDir());
  const c = capture(cwd);
  await demo(c.io, 'demo-out', '0.0.0-test', { verifierPage: async () => VERIFY_PAGE });
  printed = c.out();
  expect(c.err()).toBe('');
}, 120_000);

afterAll(async () => {
  await cleanup();
});

const at = (...p: string[]) => join(cwd, 'demo-out', ...p);

describe('sealcase demo', () => {
  it('prints one numbered line per stage, the case and package paths and both results', () => {
    const stages = printed
      .split('\n')
      .filter((l) => /^\d+\. /.test(l))
      .map((l) => Number(l.split('.')[0]));
    expect(stages).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(printed).not.toContain('not yet available');
    expect(printed).toMatch(/^8\. package verified: VALID/m);
    expect(printed).toMatch(
      /^9\. reproduced from the package's originals: \d+ events .* identical$/m,
    );
    expect(printed).toContain(`the case: ${at('demo.sealcase')}`);
    expect(printed).toContain(`the package: ${at('demo-package')}`);
  });

  it('builds a valid case: five samples acquired, five parse decisions and one attribution run signed', async () => {
    expect(
      CaseFileV1.safeParse(JSON.parse(await readFile(at('demo.sealcase', 'case.json'), 'utf8')))
        .success,
    ).toBe(true);
    const ledger = (await readFile(at('demo.sealcase', 'ledger.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { action: string; details: { kind?: string } });
    expect(ledger.filter((r) => r.action === 'artefact.acquired')).toHaveLength(
      DEMO_SAMPLES.length,
    );
    const kinds = ledger.filter((r) => r.action === 'analysis.recorded').map((r) => r.details.kind);
    expect(kinds).toEqual([...DEMO_SAMPLES.map(() => 'parse'), 'attribution']);
    expect(ledger.filter((r) => r.action === 'export.created')).toHaveLength(1);
  });

  it('tells the story: the header alone is ambiguous behind the CGN, the webmail port makes it one account', async () => {
    const lines = (await readFile(at('demo-package', 'data', 'attribution.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map(
        (l) =>
          (
            JSON.parse(l) as {
              result: {
                status: string;
                subscribers: string[];
                observation: { ip: string; port?: number };
              };
            }
          ).result,
      );
    const view = lines.map((r) => [
      r.observation.ip,
      r.observation.port ?? null,
      r.status,
      r.subscribers,
    ]);
    expect(view).toEqual(
      expect.arrayContaining([
        [
          '198.51.100.23',
          null,
          'ambiguous',
          ['subscriber-0042@isp.example', 'subscriber-0043@isp.example'],
        ],
        ['198.51.100.23', 41012, 'unique', ['subscriber-0042@isp.example']],
        ['198.51.100.23', 41007, 'unique', ['subscriber-0042@isp.example']],
        ['198.51.100.23', 41522, 'unique', ['subscriber-0043@isp.example']],
        ['203.0.113.10', null, 'no-coverage', []],
      ]),
    );
    expect(view).toHaveLength(5);
    // Every event of the package is schema-valid, with a UTC time, of each sample's kind.
    const events = (await readFile(at('demo-package', 'data', 'events.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => SealcaseEvent.parse(JSON.parse(l)));
    expect(events.every((e) => e.ts !== null)).toBe(true);
    expect(new Set(events.map((e) => e.type))).toEqual(
      new Set([
        'http:access',
        'email:message',
        'email:received',
        'nat:portblock',
        'aaa:session',
        'isp:assignment',
      ]),
    );
  });

  it('leaves a package that sealcase verify and sealcase reproduce accept (exit 0), writing nothing', async () => {
    const before = await snapshotTree(cwd);
    const verified = capture(cwd);
    expect(
      await runCli(['verify', join('demo-out', 'demo-package')], verified.io, '0.0.0-test'),
    ).toBe(0);
    const reproduced = capture(cwd);
    expect(
      await runCli(
        ['reproduce', join('demo-out', 'demo-package'), '--json'],
        reproduced.io,
        '0.0.0-test',
      ),
    ).toBe(0);
    const report = JSON.parse(reproduced.out()) as {
      ok: boolean;
      artefacts: unknown[];
      runs: unknown[];
    };
    expect(report).toMatchObject({ ok: true });
    expect(report.artefacts).toHaveLength(DEMO_SAMPLES.length);
    expect(report.runs).toHaveLength(1);
    expect(await snapshotTree(cwd)).toEqual(before);
  });

  it('refuses a folder that is not empty with exit 2, leaving it untouched', async () => {
    await mkdir(join(cwd, 'busy'));
    await writeFile(join(cwd, 'busy', 'keep.txt'), 'keep');
    const before = await snapshotTree(cwd);
    const c = capture(cwd);
    const code = await runCli(['demo', 'busy'], c.io, '0.0.0-test');
    expect(code).toBe(2);
    expect(c.err().trim().split('\n')).toHaveLength(1);
    expect(c.err()).toContain(join(cwd, 'busy'));
    expect(await snapshotTree(cwd)).toEqual(before);
    expect(await readdir(join(cwd, 'busy'))).toEqual(['keep.txt']);
  });
});
