import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../../electron/cli/io';
import { runCli } from '../../../../electron/cli/program';
import type { PackageVerification } from '../../../../shared/package/verify';
import { tempDir } from '../../../helpers/temp-dir';

// An examiner without a lab CA (`identity create` alone) signs with a self-signed certificate
// that has no keyCertSign. Its packages must verify: the certificate is its own anchor.
let cwd: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ path: cwd, cleanup } = await tempDir());
});
afterAll(async () => cleanup());

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    cwd,
    env: { SEALCASE_PASSPHRASE: 'solo passphrase' },
  };
  const code = await runCli(argv, io, '0.0.0-test');
  return { code, out: out.join(''), err: err.join('') };
}

describe('a self-signed examiner', () => {
  it('exports a package that sealcase verify accepts, with the examiner as the anchor', async () => {
    const made = await cli(
      'identity',
      'create',
      '--name',
      'Solo Examiner',
      '--org',
      'Lab',
      '--out',
      'solo.p12',
    );
    expect(made.code, made.err).toBe(0);
    const init = await cli(
      'case',
      'init',
      'c.sealcase',
      '--number',
      'S-1',
      '--title',
      'Solo',
      '--identity',
      'solo.p12',
    );
    expect(init.code, init.err).toBe(0);
    await writeFile(join(cwd, 'note.txt'), 'a note\n');
    const ingest = await cli('ingest', 'c.sealcase', 'note.txt', '--identity', 'solo.p12');
    expect(ingest.code, ingest.err).toBe(0);
    const exported = await cli('export', 'c.sealcase', '--out', 'pkg', '--identity', 'solo.p12');
    expect(exported.code, exported.err).toBe(0);
    const verified = await cli('verify', 'pkg', '--json');
    const v = JSON.parse(verified.out) as PackageVerification;
    expect(v.findings).toEqual([]);
    expect(verified.code).toBe(0);
    expect(v.summary.anchors.map((a) => a.subject)).toEqual(['CN=Solo Examiner, O=Lab']);
  }, 120_000);
});
