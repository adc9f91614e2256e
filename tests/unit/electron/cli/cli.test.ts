import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../../electron/cli/io';
import { runCli } from '../../../../electron/cli/program';
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

function capture(cwd: string): Captured {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { out: (t) => out.push(t), err: (t) => err.push(t), cwd, env: {} },
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

async function run(...argv: string[]) {
  const c = capture(cwd);
  const code = await runCli(argv, c.io, packageVersion);
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

  it('creates a valid case folder relative to the working folder and exits 0', async () => {
    const r = await run('case', 'init', 'first.sealcase', ...args);
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
      examiners: [],
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
    );
    expect(r.code).toBe(0);
    expect(await readCaseJson(join(cwd, 'abs.sealcase'))).toMatchObject({ authority: null });
  });

  it('refuses an existing target with exit 2 and one line naming it, leaving it untouched', async () => {
    expect((await run('case', 'init', 'dup.sealcase', ...args)).code).toBe(0);
    const before = await snapshotTree(cwd);

    const r = await run('case', 'init', 'dup.sealcase', ...args);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(lines(r.err)).toHaveLength(1);
    expect(r.err).toContain(join(cwd, 'dup.sealcase'));
    expect(await snapshotTree(cwd)).toEqual(before);
  });

  it('refuses a target under a regular file with exit 2 and one line naming the path', async () => {
    await writeFile(join(cwd, 'plain'), 'x');
    const r = await run('case', 'init', 'plain/x.sealcase', ...args);
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

  it('--identity is refused for now: exit 2, one line, nothing created', async () => {
    const r = await run('case', 'init', 'id.sealcase', ...args, '--identity', 'me.p12');
    expect(r.code).toBe(2);
    expect(lines(r.err)).toHaveLength(1);
    expect(r.err).toContain('--identity');
    expect(await readdir(cwd)).toEqual([]);
  });
});

describe('sealcase demo (in-process)', () => {
  it('creates a valid demo case in a new folder and exits 0', async () => {
    const r = await run('demo', 'demo-out');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const parsed = CaseFileV1.safeParse(await readCaseJson(join(cwd, 'demo-out', 'demo.sealcase')));
    expect(parsed.success).toBe(true);
  });

  it('refuses a folder that is not empty with exit 2, leaving it untouched', async () => {
    await mkdir(join(cwd, 'busy'));
    await writeFile(join(cwd, 'busy', 'keep.txt'), 'keep');
    const before = await snapshotTree(cwd);
    const r = await run('demo', 'busy');
    expect(r.code).toBe(2);
    expect(lines(r.err)).toHaveLength(1);
    expect(r.err).toContain(join(cwd, 'busy'));
    expect(await snapshotTree(cwd)).toEqual(before);
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
