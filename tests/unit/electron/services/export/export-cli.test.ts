import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerExportCommand } from '../../../../../electron/cli/commands/export';
import { DEMO_PASSPHRASE } from '../../../../../electron/cli/commands/demo';
import { CliExit, EXIT, type CliIo } from '../../../../../electron/cli/io';
import { allInclusionProofs } from '../../../../../electron/services/export';
import { inclusionProof, leafHash, toHex } from '../../../../../shared/custody';
import { demoCase, VERIFY_PAGE } from './export-case';

const sha = (d: Uint8Array) => new Uint8Array(createHash('sha256').update(d).digest());

async function run(
  argv: string[],
  cwd: string,
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (t) => (out += t),
    err: (t) => (err += t),
    cwd,
    env: { SEALCASE_PASSPHRASE: DEMO_PASSPHRASE },
  };
  const program = new Command('sealcase').exitOverride();
  registerExportCommand(program, io, {
    version: '0.0.0-test',
    prompt: { interactive: false, ask: () => Promise.reject(new Error('no tty')) },
    progress: { isTTY: false, write: () => {} },
    export: { verifierPage: async () => VERIFY_PAGE },
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return { code: EXIT.ok, out, err };
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n`);
    return { code: error instanceof CliExit ? error.exitCode : EXIT.usage, out, err };
  }
}

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sealcase-export-cli-'));
  await demoCase(dir);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sealcase export', () => {
  it('writes a zip package quietly when piped and prints one line', async () => {
    const r = await run(
      ['export', 'demo.sealcase', '--out', 'p.zip', '--zip', '--identity', 'demo-examiner.p12'],
      dir,
    );
    expect(r.code, r.err).toBe(EXIT.ok);
    expect(r.out.trim().split('\n')).toHaveLength(1);
    expect(r.out).toMatch(/manifest SHA-256 [0-9a-f]{64}/);
    expect(readdirSync(dir)).toContain('p.zip');
  }, 60_000);

  it('fails with exit 2 and one coded line for an existing target or a bad option', async () => {
    const again = await run(
      ['export', 'demo.sealcase', '--out', 'p.zip', '--zip', '--identity', 'demo-examiner.p12'],
      dir,
    );
    expect(again.code).toBe(EXIT.usage);
    expect(again.err.trim().split('\n')).toHaveLength(1);
    expect(again.err).toContain('EXPORT_TARGET_EXISTS');
    const page = await run(
      [
        'export',
        'demo.sealcase',
        '--out',
        'q',
        '--page-size',
        'a3',
        '--identity',
        'demo-examiner.p12',
      ],
      dir,
    );
    expect(page.code).toBe(EXIT.usage);
    expect(page.err).toContain('EXPORT_OPTIONS_INVALID');
  }, 60_000);

  it('--redact [--withhold F,…] writes a derivative of the zip above; bad fields exit 2', async () => {
    const id = ['--identity', 'demo-examiner.p12'];
    const r = await run(
      [
        'export',
        'demo.sealcase',
        '--out',
        'r',
        '--redact',
        '--withhold',
        'user,subscriber,identity.*',
        ...id,
      ],
      dir,
    );
    expect(r.code, r.err).toBe(EXIT.ok);
    expect(r.out.trim().split('\n')).toHaveLength(1);
    expect(r.out).toMatch(/redacted derivative of [0-9a-f]{64}, salt kept in .*redaction-salts/);
    const bad = await run(
      ['export', 'demo.sealcase', '--out', 's', '--redact', '--withhold', 'clientIp', ...id],
      dir,
    );
    expect(bad.code).toBe(EXIT.usage);
    expect(bad.err).toContain('EXPORT_OPTIONS_INVALID');
    const alone = await run(
      ['export', 'demo.sealcase', '--out', 's', '--withhold', 'user', ...id],
      dir,
    );
    expect(alone.code).toBe(EXIT.usage);
    expect(readdirSync(dir).filter((n) => n.startsWith('s'))).toEqual(['samples']);
  }, 60_000);
});

describe('allInclusionProofs', () => {
  it('equals RFC 9162 PATH for every index of every size up to 33', async () => {
    for (let n = 1; n <= 33; n++) {
      const leaves = await Promise.all(
        Array.from({ length: n }, (_, i) => leafHash(sha, Uint8Array.of(i, n))),
      );
      const all = await allInclusionProofs(sha, leaves);
      for (let m = 0; m < n; m++) {
        expect(all[m]!.map(toHex)).toEqual((await inclusionProof(sha, leaves, m)).map(toHex));
      }
    }
  });
});
