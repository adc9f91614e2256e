import { execFileSync, spawnSync } from 'node:child_process';
import { chmod, readFile, realpath, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  registerIngestCommands,
  type IngestDeps,
} from '../../../../../electron/cli/commands/ingest';
import { registerInventoryCommand } from '../../../../../electron/cli/commands/inventory';
import { CliExit, EXIT, type CliIo } from '../../../../../electron/cli/io';
import { renderProgressLine, type ProgressSink } from '../../../../../electron/cli/progress';
import { readArtefacts } from '../../../../../electron/services/intake';
import { nodeVaultFs, type VaultFs } from '../../../../../electron/services/vault';
import { verifyCaseLedger } from '../../../../../electron/services/custody';
import { tempDir } from '../../../../helpers/temp-dir';
import { TEST_PASSPHRASE, testIdentity } from '../../../../helpers/test-identity';
import { MiB, bundleForTests, digestsOf, makeCase, randomFile, writeText } from '../vault/support';

let bundle: { path: string; cleanup: () => Promise<void> };
let workerUrl: URL;
let tmp: { path: string; cleanup: () => Promise<void> };
let caseDir: string;

let identityFile: string;

beforeAll(async () => {
  bundle = await tempDir('sealcase-bundle-');
  ({ workerUrl } = await bundleForTests(bundle.path));
  identityFile = join(bundle.path, 'examiner.p12');
  const { p12, identity } = testIdentity('Ann Tamm');
  identity.lock();
  await writeFile(identityFile, p12);
}, 60_000);
afterAll(async () => bundle.cleanup());
beforeEach(async () => {
  tmp = await tempDir('sealcase-cli-');
  caseDir = await makeCase(tmp.path);
});
afterEach(async () => tmp.cleanup());

/** Builds a program the way electron/cli/program.ts does and runs it like runCli. */
async function run(
  argv: string[],
  progress?: ProgressSink,
  fs?: VaultFs,
  env: Record<string, string> = { SEALCASE_PASSPHRASE: TEST_PASSPHRASE },
) {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (t) => (out += t),
    err: (t) => (err += t),
    cwd: tmp.path,
    env,
  };
  // Every intake is signed: add the test examiner unless the test names an identity itself.
  if (argv[0] === 'ingest' && !argv.includes('--identity'))
    argv = [...argv, '--identity', identityFile];
  const program = new Command('sealcase')
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride();
  const deps: IngestDeps = {
    version: '0.0.0-test',
    hashing: { workerUrl, slotSize: MiB },
    progress: progress ?? { isTTY: false, write: (t) => (err += t) },
    signal: new AbortController().signal,
    ...(fs === undefined ? {} : { fs }),
  };
  registerIngestCommands(program, io, deps);
  registerInventoryCommand(program, io, '0.0.0-test');
  let code: number = EXIT.ok;
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) code = EXIT.usage;
    else {
      err += `sealcase: error: ${(error as Error).message}\n`;
      code = error instanceof CliExit ? error.exitCode : EXIT.usage;
    }
  }
  return { code, out, err };
}

describe('sealcase ingest', () => {
  it('stores and records every input, exit 0, quiet progress when piped', async () => {
    await writeText(join(tmp.path, 'a.log'), 'line\n');
    await writeText(join(tmp.path, 'dir', 'b.eml'), 'From: x@y\nTo: z@y\n\nhi\n');
    const r = await run([
      'ingest',
      caseDir,
      'a.log',
      'dir',
      '--received-from',
      'ISP X via LE portal, ref 7',
      '--note',
      'n',
      '--source',
      'mail export',
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      `${digestsOf(Buffer.from('line\n')).sha256}  ${join(tmp.path, 'a.log')}`,
    );
    expect(r.err).not.toContain('\r');
    const { records } = await readArtefacts(caseDir);
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      receivedFrom: 'ISP X via LE portal, ref 7',
      note: 'n',
      source: 'mail export',
      acquiredBy: 'Ann Tamm',
    });
    // Each acquisition is a signed ledger record, and the batch ends with a checkpoint.
    const ledger = await verifyCaseLedger(caseDir);
    expect(ledger.firstBad).toBeNull();
    const acquired = ledger.records.filter((x) => x.record.action === 'artefact.acquired');
    expect(acquired.map((x) => x.record.subject.artefacts?.[0])).toEqual(
      records.map((a) => (a.entry === 'file' ? a.digests.sha256 : null)),
    );
    expect(ledger.records.at(-1)?.record.action).toBe('checkpoint.signed');
  });

  it('a wrong passphrase: exit 2, "passphrase does not unlock FILE", nothing stored', async () => {
    await writeText(join(tmp.path, 'a.log'), 'line\n');
    const r = await run(
      ['ingest', caseDir, 'a.log', '--identity', identityFile],
      undefined,
      undefined,
      {
        SEALCASE_PASSPHRASE: 'wrong',
      },
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain(`passphrase does not unlock ${identityFile}`);
    expect((await readArtefacts(caseDir)).records).toEqual([]);
  });

  it('exit 2 with one line naming a missing input; nothing stored', async () => {
    await writeText(join(tmp.path, 'a.log'), 'line\n');
    const r = await run(['ingest', caseDir, 'a.log', 'nope.log']);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain(join(tmp.path, 'nope.log'));
    expect((await readArtefacts(caseDir)).records).toEqual([]);
  });

  it('exit 2 naming an unreadable input (EACCES), checked before anything is stored', async () => {
    await writeText(join(tmp.path, 'a.log'), 'line\n');
    await writeText(join(tmp.path, 'secret.log'), 'locked\n');
    const locked = join(tmp.path, 'secret.log');
    const fs: VaultFs = {
      ...nodeVaultFs,
      open: (async (path: string, flags?: unknown, mode?: unknown) => {
        if (path === locked) {
          throw Object.assign(new Error(`EACCES: permission denied, open '${path}'`), {
            code: 'EACCES',
          });
        }
        return nodeVaultFs.open(path, flags as never, mode as never);
      }) as VaultFs['open'],
    };
    const r = await run(['ingest', caseDir, 'a.log', 'secret.log'], undefined, fs);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain(locked);
    expect((await readArtefacts(caseDir)).records).toEqual([]);
  });

  it('draws a progress bar on a TTY', async () => {
    await randomFile(join(tmp.path, 'big.bin'), 24 * MiB);
    let drawn = '';
    const r = await run(['ingest', caseDir, 'big.bin'], {
      isTTY: true,
      columns: 100,
      write: (t) => (drawn += t),
    });
    expect(r.code).toBe(0);
    expect(drawn).toContain('\r');
    expect(drawn).toMatch(/\[#+-*\]/);
  }, 30_000);

  it('renders a bar line within the terminal width', () => {
    const line = renderProgressLine(
      {
        phase: 'copying',
        file: { path: '/x/evidence-with-a-long-name.log', index: 0, bytesDone: 5, bytesTotal: 10 },
        overall: { bytesDone: 512 * MiB, bytesTotal: 1024 * MiB, filesDone: 0, filesTotal: 3 },
        rate: 100 * MiB,
        etaSeconds: 5.2,
      },
      60,
    );
    expect(line.length).toBeLessThanOrEqual(60);
    expect(line).toContain(' 50%');
  });
});

describe('sealcase inventory', () => {
  async function ingestSome() {
    await writeText(join(tmp.path, 'in', 'a & b <c>.txt'), 'alpha\n');
    await writeText(join(tmp.path, 'in', 'dup.txt'), 'alpha\n');
    await writeText(join(tmp.path, 'in', 'z.bin'), Buffer.alloc(3 * MiB + 5, 1));
    await writeText(join(tmp.path, 'in', 'empty'), '');
    const r = await run(['ingest', caseDir, 'in']);
    expect(r.code).toBe(0);
  }

  it('writes hashdeep format that hashdeep -a -k audits clean, and that fails after tampering', async () => {
    await ingestSome();
    const r = await run(['inventory', caseDir, '--format', 'hashdeep']);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines.slice(0, 2)).toEqual(['%%%% HASHDEEP-1.0', '%%%% size,md5,sha1,sha256,filename']);
    expect(lines[2]).toMatch(/^## Invoked from: /);
    expect(lines[4]).toBe('## ');
    expect(lines.filter((l) => /^\d+,/.test(l))).toHaveLength(3); // dup.txt shares a blob
    const listing = join(tmp.path, 'listing.txt');
    await writeFile(listing, r.out);
    const real = await realpath(caseDir);
    const audit = spawnSync(
      'hashdeep',
      ['-a', '-k', listing, '-r', join(real, 'vault', 'sha256')],
      {
        encoding: 'utf8',
      },
    );
    expect(audit.stdout + audit.stderr).toContain('Audit passed');
    expect(audit.status).toBe(0);
    // Our listing equals hashdeep's own lines for the vault.
    const own = execFileSync(
      'hashdeep',
      ['-c', 'md5,sha1,sha256', '-r', join(real, 'vault', 'sha256')],
      {
        encoding: 'utf8',
      },
    );
    const rows = (text: string) =>
      text
        .split('\n')
        .filter((l) => /^\d+,/.test(l))
        .sort();
    expect(rows(r.out)).toEqual(rows(own));

    const { records } = await readArtefacts(caseDir);
    const big = records.find((x) => x.entry === 'file' && x.size > MiB);
    const blob = join(caseDir, big?.entry === 'file' ? big.blob : '');
    await chmod(blob, 0o644);
    const bytes = await readFile(blob);
    bytes[1000] = (bytes[1000] ?? 0) ^ 0xff;
    await writeFile(blob, bytes);
    const after = spawnSync(
      'hashdeep',
      ['-a', '-k', listing, '-r', join(real, 'vault', 'sha256')],
      {
        encoding: 'utf8',
      },
    );
    expect(after.status).not.toBe(0);
    expect(after.stdout + after.stderr).toContain('Audit failed');
  }, 30_000);

  it('--relative listing audits with hashdeep -l from the case folder', async () => {
    await ingestSome();
    const r = await run(['inventory', caseDir, '--format', 'hashdeep', '--relative']);
    const listing = join(tmp.path, 'rel.txt');
    await writeFile(listing, r.out);
    const audit = spawnSync('hashdeep', ['-a', '-l', '-k', listing, '-r', 'vault/sha256'], {
      cwd: caseDir,
      encoding: 'utf8',
    });
    expect(audit.status).toBe(0);
  });

  it('writes DFXML that parses as XML with names escaped', async () => {
    await ingestSome();
    const r = await run(['inventory', caseDir, '--format', 'dfxml']);
    expect(r.code).toBe(0);
    const xml = join(tmp.path, 'inv.xml');
    await writeFile(xml, r.out);
    const names = execFileSync(
      'python3',
      [
        '-c',
        'import sys,xml.etree.ElementTree as E;t=E.parse(sys.argv[1]);' +
          'print("\\n".join(e.text for e in t.iter("{urn:sealcase:artefact:1}original_name")))',
        xml,
      ],
      { encoding: 'utf8' },
    );
    expect(names.trim().split('\n').sort()).toEqual(['a & b <c>.txt', 'dup.txt', 'empty', 'z.bin']);
    expect(r.out).toContain('a &amp; b &lt;c&gt;.txt');
    expect(r.out.match(/<hashdigest type="sha256">/g)).toHaveLength(4);
  });

  it('refuses an unknown format with exit 2', async () => {
    const r = await run(['inventory', caseDir, '--format', 'csv']);
    expect(r.code).toBe(2);
  });
});
