import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../../electron/cli/io';
import { runCli } from '../../../../electron/cli/program';
import { CGN_LOG, OBSERVATIONS_CSV, RADIUS_DETAIL } from '../../../helpers/cgn-samples';
import { tempDir } from '../../../helpers/temp-dir';

let cwd: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ path: cwd, cleanup } = await tempDir());
  await mkdir(join(cwd, 'in'));
  await writeFile(join(cwd, 'in', 'cgn.log'), CGN_LOG);
  await writeFile(join(cwd, 'in', 'detail'), RADIUS_DETAIL);
  await writeFile(join(cwd, 'in', 'obs.csv'), OBSERVATIONS_CSV);
});
afterEach(async () => cleanup());

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), cwd, env: {} };
  const code = await runCli(argv, io, '0.0.0-test');
  return { code, out: out.join(''), err: err.join('') };
}

describe('sealcase attribute', () => {
  const args = [
    'attribute',
    '--observations',
    'in/obs.csv',
    '--records',
    'in/cgn.log',
    'in/detail',
  ];

  it('writes one JSON line per observation: unique with a port, ambiguous without, no-coverage outside', async () => {
    const r = await cli(...args, '--json', '--assume-zone', 'UTC');
    expect(r.code).toBe(0);
    const results = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(results.map((x) => [x.status, x.subscribers, x.sharedBy])).toEqual([
      ['unique', ['alice'], null],
      ['ambiguous', ['alice', 'bob'], 2],
      ['no-coverage', [], null],
    ]);
    const [first] = results as Array<{
      path: Array<{ kind: string; artefact: string }>;
      caveat: string;
    }>;
    expect(first?.path.map((s) => s.kind)).toEqual(['nat-portblock', 'aaa-session']);
    expect(first?.path[0]?.artefact).toMatch(/^[0-9a-f]{64}$/);
    expect(first?.caveat).toMatch(/account holder|holder of an internet account/);
    expect(
      (results[1] as { reasons: Array<{ code: string }> }).reasons.map((x) => x.code),
    ).toContain('PORT_MISSING_SHARED_IP');
  });

  it('prints a readable table by default, with the caveat', async () => {
    const r = await cli(...args);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/1\. 192\.0\.2\.10 port 1100 at 2024-03-05T13:00:00\.000Z: UNIQUE/);
    expect(r.out).toMatch(/account\(s\): alice, bob/);
    expect(r.out).toMatch(/PORT_MISSING_SHARED_IP/);
    expect(r.out).toMatch(/Note: .*not the person/);
  });

  it('reads `sealcase parse` output as records too', async () => {
    const parsed = await cli('parse', 'in/cgn.log');
    expect(parsed.code).toBe(0);
    await writeFile(join(cwd, 'in', 'cgn.jsonl'), parsed.out);
    const r = await cli(
      'attribute',
      '--observations',
      'in/obs.csv',
      '--records',
      'in/cgn.jsonl',
      'in/detail',
      '--json',
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out.split('\n')[0] ?? '{}')).toMatchObject({
      status: 'unique',
      subscribers: ['alice'],
    });
  });

  it('exits 2 naming the file when an input is missing or the tolerance is not a number', async () => {
    const missing = await cli(
      'attribute',
      '--observations',
      'in/nope.csv',
      '--records',
      'in/cgn.log',
    );
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/nope\.csv: cannot read the observations \(no such file\)/);
    const badRecords = await cli(
      'attribute',
      '--observations',
      'in/obs.csv',
      '--records',
      'in/gone.log',
    );
    expect(badRecords.code).toBe(2);
    expect(badRecords.err).toMatch(/gone\.log: cannot read the records/);
    const badTolerance = await cli(...args, '--tolerance', 'soon');
    expect(badTolerance.code).toBe(2);
    expect(badTolerance.err).toMatch(/--tolerance soon/);
  });
});
