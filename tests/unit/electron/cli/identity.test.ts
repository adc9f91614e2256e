import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  registerIdentityCommands,
  type IdentityCommandDeps,
} from '../../../../electron/cli/commands/identity';
import { CliExit, EXIT, type CliIo } from '../../../../electron/cli/io';
import type { PassphrasePrompt } from '../../../../electron/cli/passphrase';
import { tempDir } from '../../../helpers/temp-dir';
import { OPENSSL, openssl } from '../services/identity/openssl';

/** The same program shape and error handling as electron/cli/program.ts (buildProgram + runCli). */
async function run(
  argv: string[],
  cwd: string,
  env: Record<string, string> = {},
  prompt: PassphrasePrompt = { interactive: false, ask: () => Promise.reject(new Error('no tty')) },
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => (out += t), err: (t) => (err += t), cwd, env };
  const deps: IdentityCommandDeps = { prompt, iterations: 2048 };
  const program = new Command('sealcase')
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride();
  registerIdentityCommands(program, io, deps);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return { code: EXIT.ok, out, err };
  } catch (error) {
    if (error instanceof CommanderError) return { code: EXIT.usage, out, err };
    io.err(`sealcase: error: ${error instanceof Error ? error.message : String(error)}\n`);
    return { code: error instanceof CliExit ? error.exitCode : EXIT.usage, out, err };
  }
}

function answers(...values: string[]): PassphrasePrompt {
  const queue = [...values];
  return { interactive: true, ask: () => Promise.resolve(queue.shift() ?? '') };
}

let dir: { path: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  dir = await tempDir('sealcase-cli-identity-');
});
afterAll(async () => dir.cleanup());

describe('sealcase identity', () => {
  it('create --new-ca, then create --ca, then show: exit 0, files 0600', async () => {
    const a = await run(
      [
        'identity',
        'create',
        '--name',
        'Ann Tamm',
        '--org',
        'Lab',
        '--email',
        'ann@lab.example',
        '--out',
        'ann.p12',
        '--new-ca',
        'lab-ca.p12',
      ],
      dir.path,
      { SEALCASE_PASSPHRASE: 'ann pass', SEALCASE_CA_PASSPHRASE: 'ca pass' },
    );
    expect(a.err).toBe('');
    expect(a.code).toBe(0);
    expect(a.out).toContain('created lab CA');
    expect(a.out).toContain('issuer:  CN=Lab Sealcase Lab CA, O=Lab');
    for (const file of ['ann.p12', 'lab-ca.p12']) {
      expect((await stat(join(dir.path, file))).mode & 0o777).toBe(0o600);
    }

    const b = await run(
      [
        'identity',
        'create',
        '--name',
        'Bo Kask',
        '--org',
        'Lab',
        '--out',
        'bo.p12',
        '--ca',
        'lab-ca.p12',
      ],
      dir.path,
      { SEALCASE_PASSPHRASE: 'bo pass', SEALCASE_CA_PASSPHRASE: 'ca pass' },
    );
    expect(b.err).toBe('');
    expect(b.code).toBe(0);

    const show = await run(['identity', 'show', 'bo.p12'], dir.path, {
      SEALCASE_PASSPHRASE: 'bo pass',
    });
    expect(show.code).toBe(0);
    expect(show.out).toMatch(/^subject: {4}CN=Bo Kask, O=Lab$/m);
    expect(show.out).toMatch(/^issuer: {5}CN=Lab Sealcase Lab CA, O=Lab$/m);
    expect(show.out).toMatch(/^sha256: {5}[0-9a-f]{64}$/m);
    expect(show.out).toMatch(/^not after: {2}\d{4}-/m);
  }, 60_000);

  it('wrong CA passphrase: exit 2, one line, nothing written anywhere', async () => {
    const before = (await readdir(dir.path)).sort();
    const r = await run(
      ['identity', 'create', '--name', 'C', '--org', 'Lab', '--out', 'c.p12', '--ca', 'lab-ca.p12'],
      dir.path,
      { SEALCASE_PASSPHRASE: 'c pass', SEALCASE_CA_PASSPHRASE: 'not it' },
    );
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe('sealcase: error: passphrase does not unlock lab-ca.p12\n');
    expect((await readdir(dir.path)).sort()).toEqual(before);
  }, 30_000);

  it('show with a wrong passphrase: exit 2, "passphrase does not unlock FILE"', async () => {
    const r = await run(['identity', 'show', 'ann.p12'], dir.path, { SEALCASE_PASSPHRASE: 'x' });
    expect(r.code).toBe(2);
    expect(r.err).toBe('sealcase: error: passphrase does not unlock ann.p12\n');
  });

  it('never overwrites: exit 2 and the existing file is unchanged', async () => {
    const path = join(dir.path, 'taken.p12');
    await writeFile(path, 'keep me');
    const r = await run(
      ['identity', 'create', '--name', 'D', '--org', 'Lab', '--out', 'taken.p12'],
      dir.path,
      {
        SEALCASE_PASSPHRASE: 'p',
      },
    );
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^sealcase: error: .*taken\.p12: already exists.*\n$/);
    expect(await readFile(path, 'utf8')).toBe('keep me');
  });

  it('no passphrase and no terminal: exit 2, one line', async () => {
    const r = await run(
      ['identity', 'create', '--name', 'E', '--org', 'Lab', '--out', 'e.p12'],
      dir.path,
    );
    expect(r.code).toBe(2);
    expect(r.err.split('\n')).toHaveLength(2);
    expect(r.err).toContain('SEALCASE_PASSPHRASE');
    await expect(stat(join(dir.path, 'e.p12'))).rejects.toThrow();
  });

  it('prompts on a terminal: asks twice for a new passphrase and refuses a mismatch', async () => {
    const bad = await run(
      ['identity', 'create', '--name', 'F', '--org', 'Lab', '--out', 'f.p12'],
      dir.path,
      {},
      answers('one', 'two'),
    );
    expect(bad.code).toBe(2);
    expect(bad.err).toBe('sealcase: error: the two passphrases differ\n');
    const good = await run(
      ['identity', 'create', '--name', 'F', '--org', 'Lab', '--out', 'f.p12'],
      dir.path,
      {},
      answers('same', 'same'),
    );
    expect(good.code).toBe(0);
    const show = await run(['identity', 'show', 'f.p12'], dir.path, {}, answers('same'));
    expect(show.code).toBe(0);
    expect(show.out).toContain('(self-signed)');
  }, 30_000);

  it('bad usage exits 2: missing --out, --ca with --new-ca, unreadable or non-PKCS#12 input', async () => {
    const env = { SEALCASE_PASSPHRASE: 'p', SEALCASE_CA_PASSPHRASE: 'p' };
    expect(
      (await run(['identity', 'create', '--name', 'G', '--org', 'Lab'], dir.path, env)).code,
    ).toBe(2);
    expect(
      (
        await run(
          [
            'identity',
            'create',
            '--name',
            'G',
            '--org',
            'Lab',
            '--out',
            'g.p12',
            '--ca',
            'a.p12',
            '--new-ca',
            'b.p12',
          ],
          dir.path,
          env,
        )
      ).code,
    ).toBe(2);
    const missing = await run(['identity', 'show', 'nope.p12'], dir.path, env);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/nope\.p12: does not exist\n$/);
    await writeFile(join(dir.path, 'text.p12'), 'hello');
    const notP12 = await run(['identity', 'show', 'text.p12'], dir.path, env);
    expect(notP12.code).toBe(2);
    expect(notP12.err).toMatch(/^sealcase: error: text\.p12: not a readable PKCS#12 file/);
  });

  it.skipIf(OPENSSL === null)(
    'import re-encrypts an OpenSSL PKCS#12; wrong passphrase writes nothing',
    async () => {
      const key = join(dir.path, 'agency.key');
      const crt = join(dir.path, 'agency.crt');
      expect(
        openssl([
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-keyout',
          key,
          '-out',
          crt,
          '-days',
          '30',
          '-subj',
          '/CN=Agency Person/O=Police',
        ]).status,
      ).toBe(0);
      expect(
        openssl(
          [
            'pkcs12',
            '-export',
            '-inkey',
            key,
            '-in',
            crt,
            '-out',
            join(dir.path, 'agency.p12'),
            '-passout',
            'env:P',
          ],
          { P: 'agency' },
        ).status,
      ).toBe(0);

      const before = (await readdir(dir.path)).sort();
      const wrong = await run(['identity', 'import', 'agency.p12', '--out', 'mine.p12'], dir.path, {
        SEALCASE_PASSPHRASE: 'nope',
      });
      expect(wrong.code).toBe(2);
      expect(wrong.err).toBe('sealcase: error: passphrase does not unlock agency.p12\n');
      expect((await readdir(dir.path)).sort()).toEqual(before);

      const ok = await run(['identity', 'import', 'agency.p12', '--out', 'mine.p12'], dir.path, {
        SEALCASE_PASSPHRASE: 'agency',
      });
      expect(ok.err).toBe('');
      expect(ok.code).toBe(0);
      expect(ok.out).toContain('CN=Agency Person, O=Police');
      const info = openssl(
        ['pkcs12', '-in', join(dir.path, 'mine.p12'), '-info', '-nokeys', '-passin', 'env:P'],
        { P: 'agency' },
      );
      expect(info.status, info.stderr).toBe(0);
      expect(info.stderr).toContain('MAC: sha256');
    },
    60_000,
  );
});
