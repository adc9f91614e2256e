import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fromHex,
  leafHash,
  verifyConsistency,
  verifyInclusion,
} from '../../../../../shared/custody';
import { ExportError } from '../../../../../shared/errors/export-error';
import { parseBagInfo, parseManifest, ProofsV1 } from '../../../../../shared/package';
import {
  EXPORT_STEPS,
  exportPackage,
  type ExportResult,
} from '../../../../../electron/services/export';
import type { UnlockedIdentity } from '../../../../../electron/services/identity';
import { demoCase, testDeps, VERIFY_PAGE } from './export-case';

const sha = (d: Uint8Array) => new Uint8Array(createHash('sha256').update(d).digest());
const run = (cmd: string, args: string[], cwd: string) =>
  spawnSync(cmd, args, { cwd, encoding: 'utf8' });

let dir: string;
let caseDir: string;
let identity: UnlockedIdentity;
let first: ExportResult;
const firstPath = () => join(dir, 'pkg1');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sealcase-export-'));
  ({ caseDir, identity } = await demoCase(dir));
  first = await exportPackage(caseDir, { out: firstPath() }, identity, testDeps());
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('exportPackage (folder)', () => {
  it('writes a bag that sha256sum -c accepts, both manifests', () => {
    const a = run('sha256sum', ['-c', '--strict', 'manifest-sha256.txt'], firstPath());
    expect(a.status, a.stderr).toBe(0);
    const b = run('sha256sum', ['-c', '--strict', 'tagmanifest-sha256.txt'], firstPath());
    expect(b.status, b.stderr).toBe(0);
    const manifest = parseManifest(readFileSync(join(firstPath(), 'manifest-sha256.txt')));
    expect(manifest.ok).toBe(true);
    const paths = manifest.ok ? manifest.entries.map((e) => e.path) : [];
    expect(paths).toContain('data/report.pdf');
    expect(paths.filter((p) => p.startsWith('data/originals/')).length).toBe(5);
    expect(readFileSync(join(firstPath(), 'verify.html'))).toEqual(Buffer.from(VERIFY_PAGE));
  });

  it('bag-info is valid and its Payload-Oxum counts the payload', () => {
    const info = parseBagInfo(readFileSync(join(firstPath(), 'bag-info.txt')));
    expect(info.ok).toBe(true);
    if (!info.ok) return;
    expect(info.info['External-Identifier']).toBe(first.packageId);
    const manifest = parseManifest(readFileSync(join(firstPath(), 'manifest-sha256.txt')));
    const entries = manifest.ok ? manifest.entries : [];
    const bytes = entries.reduce((n, e) => n + readFileSync(join(firstPath(), e.path)).length, 0);
    expect(info.info['Payload-Oxum']).toBe(`${bytes}.${entries.length}`);
  });

  it('openssl accepts both detached CMS signatures; one changed manifest byte is refused', () => {
    const cmsVerify = (p7s: string, content: string) =>
      run(
        'openssl',
        [
          'cms',
          '-verify',
          '-binary',
          '-inform',
          'DER',
          '-in',
          p7s,
          '-content',
          content,
          '-noverify',
          '-out',
          '/dev/null',
        ],
        firstPath(),
      );
    for (const m of ['manifest-sha256.txt', 'tagmanifest-sha256.txt']) {
      const r = cmsVerify(`${m}.p7s`, m);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toContain('Verification successful');
    }
    const tampered = join(dir, 'tampered-manifest.txt');
    const bytes = readFileSync(join(firstPath(), 'manifest-sha256.txt'));
    bytes[3] = bytes[3] === 0x30 ? 0x31 : 0x30;
    writeFileSync(tampered, bytes);
    expect(cmsVerify('manifest-sha256.txt.p7s', tampered).status).not.toBe(0);
  });

  it('pdfsig says the report signature is valid and covers the whole file', () => {
    const r = run('pdfsig', ['data/report.pdf'], firstPath());
    expect(r.stdout).toContain('Signature is Valid');
    expect(r.stdout).toContain('Total document signed');
  });

  it('proofs.json proves every record against the checkpoint', async () => {
    const proofs = ProofsV1.parse(
      JSON.parse(readFileSync(join(firstPath(), 'data/custody/proofs.json'), 'utf8')),
    );
    expect(proofs.consistency).toBeNull();
    const root = fromHex(proofs.checkpoint.root)!;
    for (const p of proofs.inclusion) {
      const leaf = await leafHash(sha, fromHex(p.record)!);
      const ok = await verifyInclusion(
        sha,
        p.seq,
        proofs.checkpoint.size,
        leaf,
        p.path.map((h) => fromHex(h)!),
        root,
      );
      expect(ok).toBe(true);
    }
    const lines = readFileSync(join(firstPath(), 'data/custody/ledger.jsonl'), 'utf8').split('\n');
    expect(lines.length - 1).toBe(proofs.checkpoint.size);
  });

  it('records export.created with the manifest hash; a re-export proves it extends the first', async () => {
    const ledger = readFileSync(join(caseDir, 'ledger.jsonl'), 'utf8').trim().split('\n');
    const last = JSON.parse(ledger.at(-1)!) as { action: string; details: Record<string, unknown> };
    expect(last.action).toBe('export.created');
    expect(last.details['manifestSha256']).toBe(first.manifestSha256);
    expect(last.details['packageId']).toBe(first.packageId);
    expect(
      createHash('sha256')
        .update(readFileSync(join(firstPath(), 'manifest-sha256.txt')))
        .digest('hex'),
    ).toBe(first.manifestSha256);

    const second = await exportPackage(caseDir, { out: join(dir, 'pkg2') }, identity, testDeps());
    const proofs = ProofsV1.parse(
      JSON.parse(readFileSync(join(dir, 'pkg2/data/custody/proofs.json'), 'utf8')),
    );
    expect(proofs.consistency?.previous.manifestSha256).toBe(first.manifestSha256);
    expect(proofs.consistency?.previous.checkpoint.root).toBe(first.checkpoint.root);
    const ok = await verifyConsistency(
      sha,
      first.checkpoint.size,
      second.checkpoint.size,
      fromHex(first.checkpoint.root)!,
      fromHex(second.checkpoint.root)!,
      proofs.consistency!.path.map((h) => fromHex(h)!),
    );
    expect(ok).toBe(true);
  }, 60_000);

  it('refuses an existing target', async () => {
    await expect(
      exportPackage(caseDir, { out: firstPath() }, identity, testDeps()),
    ).rejects.toMatchObject({
      code: 'EXPORT_TARGET_EXISTS',
    });
  });

  it('fails with a code and writes nothing when the verifier page is missing', async () => {
    const deps = testDeps({
      verifierPage: () =>
        Promise.reject(new ExportError('EXPORT_VERIFIER_PAGE_MISSING', 'missing')),
    });
    await expect(
      exportPackage(caseDir, { out: join(dir, 'nopage') }, identity, deps),
    ).rejects.toMatchObject({
      code: 'EXPORT_VERIFIER_PAGE_MISSING',
    });
    expect(readdirSync(dir).filter((n) => n.startsWith('nopage'))).toEqual([]);
  });

  it.each(EXPORT_STEPS.map((s) => [s]))(
    'a failure at %s leaves nothing under the final name or temp',
    async (step) => {
      const name = `fail-${step}`;
      const deps = testDeps({
        step: (s) => {
          if (s === step) throw new Error(`injected at ${s}`);
        },
      });
      const zip = step === 'zip';
      const out = join(dir, zip ? `${name}.zip` : name);
      await expect(exportPackage(caseDir, { out, zip }, identity, deps)).rejects.toThrow(
        `injected at ${step}`,
      );
      expect(readdirSync(dir).filter((n) => n.startsWith(name))).toEqual([]);
    },
    60_000,
  );
});

describe('exportPackage (zip)', () => {
  it('writes a zip that unzip extracts to a bag sha256sum -c accepts', async () => {
    const out = join(dir, 'pkg.zip');
    await exportPackage(caseDir, { out, zip: true }, identity, testDeps());
    const target = join(dir, 'unzipped');
    const t = run('unzip', ['-q', out, '-d', target], dir);
    if (t.error !== undefined) {
      // No unzip on this machine: Python's zipfile reads it instead.
      execFileSync('python3', [
        '-c',
        `import zipfile,sys; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])`,
        out,
        target,
      ]);
    } else expect(t.status, t.stderr).toBe(0);
    const r = run('sha256sum', ['-c', '--strict', 'manifest-sha256.txt'], join(target, 'pkg'));
    expect(r.status, r.stderr).toBe(0);
  }, 60_000);
});
