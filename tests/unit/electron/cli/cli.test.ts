import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../../electron/cli/io';
import { runCli } from '../../../../electron/cli/program';
import { createExaminer, MIN_WRITE_ITERATIONS } from '../../../../electron/services/identity';
import { CaseFileV1 } from '../../../../shared/model';
import { snapshotTree } from '../../../helpers/fs-snapshot';
import { tempDir } from '../../../helpers/temp-dir';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const packageVersion = (
  JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as { version: string }
).version;

interface Captured {
  readonly io: CliIo;
  readonly out: () => string;
  readonly err: () => string;
}

const PASSPHRASE = 'correct horse';
let identityDir: string;
let identityFile: string;
let removeIdentityDir: () => Promise<void>;

beforeAll(async () => {
  ({ path: identityDir, cleanup: removeIdentityDir } = await tempDir());
  identityFile = join(identityDir, 'examiner.p12');
  const p12 = createExaminer({
    name: 'Ann Tamm',
    org: 'Test Lab',
    validityYears: 1,
    passphrase: PASSPHRASE,
    iterations: MIN_WRITE_ITERATIONS,
  });
  await writeFile(identityFile, p12);
}, 60_000);

afterAll(async () => {
  await removeIdentityDir();
});

function capture(
  cwd: string,
  env: Record<string, string> = { SEALCASE_PASSPHRASE: PASSPHRASE },
): Captured {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { out: (t) => out.push(t), err: (t) => err.push(t), cwd, env },
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

function lines(text: string): string[] {
  return text.split('\n').filter((l) => l.trim() !== '');
}

async function readCaseJson(dir: string): Promise<unknown> {
  return JSON.parse(await readFile(join(dir, 'case.json'), 'utf8'));
}

let cwd: string;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ path: cwd, cleanup } = await tempDir());
});

afterEach(async () => {
  await cleanup();
});

const noPrompt = { interactive: false, ask: () => Promise.reject(new Error('no terminal')) };

async function runWith(env: Record<string, string>, ...argv: string[]) {
  const c = capture(cwd, env);
  const code = await runCli(argv, c.io, packageVersion, { prompt: noPrompt });
  return { code, out: c.out(), err: c.err() };
}

async function run(...argv: string[]) {
  const c = capture(cwd);
  const code = await runCli(argv, c.io, packageVersion, { prompt: noPrompt });
  return { code, out: c.out(), err: c.err() };
}

describe('sealcase (in-process)', () => {
  it.each([['--version'], ['-V']])('%s prints the package version and exits 0', async (flag) => {
    const r = await run(flag);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${packageVersion}\n`);
    expect(r.err).toBe('');
  });

  it('--help prints the commands and exits 0', async () => {
    const r = await run('--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Usage: sealcase');
    expect(r.out).toContain('case');
    expect(r.out).toContain('demo');
    expect(r.err).toBe('');
  });

  it('case init --help exits 0 and lists the options', async () => {
    const r = await run('case', 'init', '--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('--number');
    expect(r.out).toContain('--title');
  });

  it.each([[[] as string[]], [['case']]])('no command (%j) is bad usage: exit 2', async (argv) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Usage:');
  });

  it('an unknown command exits 2 with one line', async () => {
    const r = await run('frobnicate');
    expect(r.code).toBe(2);
    expect(lines(r.err)).toHaveLength(1);
  });
});

describe('sealcase case init (in-process)', () => {
  const args = [
    '--number',
    '2026/0417',
    '--title',
    'Account takeover',
    '--authority',
    'Order 17/2026',
  ];
  const withIdentity = () => [...args, '--identity', identityFile];

  it('creates a valid case folder relative to the working folder and exits 0', async () => {
    const r = await run('case', 'init', 'first.sealcase', ...withIdentity());
    const dir = join(cwd, 'first.sealcase');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(lines(r.out)).toHaveLength(1);
    expect(r.out).toContain(dir);

    const parsed = CaseFileV1.safeParse(await readCaseJson(dir));
    expect(parsed.success).toBe(true);
    expect(parsed.data).toMatchObject({
      number: '2026/0417',
      title: 'Account takeover',
      authority: 'Order 17/2026',
      examiners: [{ name: 'Ann Tamm', org: 'Test Lab' }],
      tool: { name: 'sealcase', version: packageVersion },
    });
    for (const sub of ['vault/sha256', 'vault/tmp', 'checkpoints', 'analysis', 'exports']) {
      expect(existsSync(join(dir, sub)), sub).toBe(true);
    }
  });

  it('without --authority stores null', async () => {
    const r = await run(
      'case',
      'init',
      join(cwd, 'abs.sealcase'),
      '--number',
      'A-1',
      '--title',
      'T',
      '--identity',
      identityFile,
    );
    expect(r.code).toBe(0);
    expect(await readCaseJson(join(cwd, 'abs.sealcase'))).toMatchObject({ authority: null });
  });

  it('refuses an existing target with exit 2 and one line naming it, leaving it untouched', async () => {
    expect((await run('case', 'init', 'dup.sealcase', ...withIdentity())).code).toBe(0);
    const before = await snapshotTree(cwd);

    const r = await run('case', 'init', 'dup.sealcase', ...withIdentity());
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(lines(r.err)).toHaveLength(1);
    expect(r.err).toContain(join(cwd, 'dup.sealcase'));
    expect(await snapshotTree(cwd)).toEqual(before);
  });

  it('refuses a target under a regular file with exit 2 and one line naming the path', async () => {
    await writeFile(join(cwd, 'plain'), 'x');
    const r = await run('case', 'init', 'plain/x.sealcase', ...withIdentity());
    expect(r.code).toBe(2);
    expect(lines(r.err)).toHaveLength(1);
    expect(r.err).toContain(join(cwd, 'plain', 'x.sealcase'));
  });

  it('missing --title is bad usage: exit 2, one line, nothing created', async () => {
    const r = await run('case', 'init', 'no-title.sealcase', '--number', '1');
    expect(r.code).toBe(2);
    expect(lines(r.err)).toHaveLength(1);
    expect(r.err).toContain('--title');
    expect(await readdir(cwd)).toEqual([]);
  });

  it('an empty --title is refused with exit 2 and nothing created', async () => {
    const r = await run('case', 'init', 'empty.sealcase', '--number', '1', '--title', '  ');
    expect(r.code).toBe(2);
    expect(lines(r.err)).toHaveLength(1);
    expect(await readdir(cwd)).toEqual([]);
  });

  it('missing --identity is bad usage: exit 2, one line, nothing created', async () => {
    const r = await run('case', 'init', 'id.sealcase', ...args);
    expect(r.code).toBe(2);
    expect(lines(r.err)).toHaveLength(1);
    expect(r.err).toContain('--identity');
    expect(await readdir(cwd)).toEqual([]);
  });

  it('a wrong passphrase: exit 2, "passphrase does not unlock FILE", nothing created', async () => {
    const r = await runWith(
      { SEALCASE_PASSPHRASE: 'wrong' },
      'case',
      'init',
      'id.sealcase',
      ...withIdentity(),
    );
    expect(r.code).toBe(2);
    expect(lines(r.err)).toHaveLength(1);
    expect(r.err).toContain(`passphrase does not unlock ${identityFile}`);
    expect(await readdir(cwd)).toEqual([]);
  });

  it('no passphrase and no terminal: exit 2, nothing created', async () => {
    const r = await runWith({}, 'case', 'init', 'id.sealcase', ...withIdentity());
    expect(r.code).toBe(2);
    expect(r.err).toContain('SEALCASE_PASSPHRASE');
    expect(await readdir(cwd)).toEqual([]);
  });

  it('starts a signed ledger that `ledger verify` accepts, and names the record a change breaks', async () => {
    expect((await run('case', 'init', 'led.sealcase', ...withIdentity())).code).toBe(0);
    const dir = join(cwd, 'led.sealcase');
    const ok = await run('ledger', 'verify', 'led.sealcase', '--json');
    expect(ok.code).toBe(0);
    const result = JSON.parse(ok.out) as { ok: boolean; records: number };
    expect(result).toMatchObject({ ok: true, records: 3 });
    const ledger = await readFile(join(dir, 'ledger.jsonl'), 'utf8');
    const actions = ledger
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { action: string }).action);
    expect(actions).toEqual(['case.created', 'examiner.added', 'checkpoint.signed']);

    await writeFile(join(dir, 'ledger.jsonl'), ledger.replace('Order 17/2026', 'Order 18/2026'));
    const bad = await run('ledger', 'verify', 'led.sealcase');
    expect(bad.code).toBe(1);
    expect(lines(bad.err).at(-1)).toContain('record 0');
  });

  it('ledger verify of a folder without a ledger exits 2 naming the path', async () => {
    await mkdir(join(cwd, 'empty.sealcase'));
    const r = await run('ledger', 'verify', 'empty.sealcase');
    expect(r.code).toBe(2);
    expect(r.err).toContain(join(cwd, 'empty.sealcase', 'ledger.jsonl'));
  });
});

describe('the built CLI (out/cli/sealcase.js) under node', () => {
  const bin = join(repoRoot, 'out', 'cli', 'sealcase.js');
  const execFileAsync = promisify(execFile);

  beforeAll(() => {
    if (!existsSync(bin)) {
      execFileSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'ignore', timeout: 300_000 });
    }
  }, 320_000);

  async function spawnCli(...argv: string[]) {
    try {
      const { stdout, stderr } = await execFileAsync(process.execPath, [bin, ...argv], {
        cwd,
        env: { PATH: process.env['PATH'] ?? '' },
        timeout: 30_000,
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code?: unknown; stdout?: string; stderr?: string };
      return {
        code: typeof e.code === 'number' ? e.code : -1,
        stdout: e.stdout ?? '',
        stderr: e.stderr ?? '',
      };
    }
  }

  it('--help exits 0 and prints the usage', async () => {
    const r = await spawnCli('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: sealcase');
  });

  it('demo DIR exits 0 and writes a valid case', async () => {
    const r = await spawnCli('demo', 'spawned');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const parsed = CaseFileV1.safeParse(await readCaseJson(join(cwd, 'spawned', 'demo.sealcase')));
    expect(parsed.success).toBe(true);
  });
});
