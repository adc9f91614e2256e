import { createHash } from 'node:crypto';
import { strToU8 } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ZIP_LIMITS, bytesSource } from '../../../../../shared/package/zip';
import {
  verifyPackage,
  zipPackageReader,
  type PackageVerification,
} from '../../../../../shared/package/verify';
import { nodeVerifyDeps } from '../../../../../electron/services/package/node-verify-deps';
import {
  buildPackageFiles,
  cmsSigner,
  fixtureKeys,
  zipPackageFiles,
  type FixtureOptions,
} from '../../../../helpers/package-fixture';
import { craftZip } from '../zip/craft';
import { memoryReader } from './memory-reader';

const deps = nodeVerifyDeps();
let files: Map<string, Uint8Array>;
beforeAll(async () => {
  files = await buildPackageFiles();
});

const verify = (f: Map<string, Uint8Array>) => verifyPackage(memoryReader(f), deps);
const codes = (v: PackageVerification) => v.findings.map((f) => [f.code, f.file]);
const statusOf = (v: PackageVerification, id: string) => v.checks.find((c) => c.id === id)?.status;
/** A package built consistently (hashed and signed) after `tweak`: only the deep checks can object. */
const built = (tweak: NonNullable<FixtureOptions['tweak']>) => buildPackageFiles({ tweak });
const enc = new TextEncoder();

describe('bad packages: each problem is a finding with a code and the file', () => {
  it('a missing payload file', async () => {
    const f = new Map(files);
    f.delete('data/events.jsonl');
    const v = await verify(f);
    expect(v.valid).toBe(false);
    expect(codes(v)).toContainEqual(['FILE_MISSING', 'data/events.jsonl']);
    expect(codes(v)).toContainEqual(['OXUM_MISMATCH', 'bag-info.txt']);
  });

  it('a required file left out of a consistently signed package', async () => {
    const v = await verify(await built((f) => f.delete('data/report.pdf')));
    expect(codes(v)).toEqual([['FILE_MISSING', 'data/report.pdf']]);
  });

  it('a certificate the index does not list (consistently signed)', async () => {
    const v = await verify(
      await built((f) => f.set(`data/certs/${'a'.repeat(64)}.pem`, strToU8(fixtureKeys.otherPem))),
    );
    expect(codes(v)).toEqual([['CERT_INVALID', `data/certs/${'a'.repeat(64)}.pem`]]);
  });

  it('an extra file', async () => {
    const f = new Map(files);
    f.set('data/notes.txt', strToU8('added later'));
    const v = await verify(f);
    expect(codes(v)).toContainEqual(['FILE_EXTRA', 'data/notes.txt']);
  });

  it('a changed file', async () => {
    const f = new Map(files);
    f.set('data/events.jsonl', strToU8('{}\n'));
    const v = await verify(f);
    expect(codes(v)).toContainEqual(['DIGEST_MISMATCH', 'data/events.jsonl']);
  });

  it('a changed file with the manifest rewritten to match: the signature fails', async () => {
    const f = new Map(files);
    const events = strToU8('');
    f.set('data/events.jsonl', events);
    const manifest = new TextDecoder()
      .decode(f.get('manifest-sha256.txt'))
      .replace(
        /^[0-9a-f]{64}(?= {2}data\/events\.jsonl$)/m,
        createHash('sha256').update(events).digest('hex'),
      );
    f.set('manifest-sha256.txt', strToU8(manifest));
    const v = await verify(f);
    expect(codes(v)).toContainEqual(['MANIFEST_SIGNATURE_INVALID', 'manifest-sha256.txt']);
    expect(codes(v)).toContainEqual(['DIGEST_MISMATCH', 'manifest-sha256.txt']);
  });

  it('manifests signed by a certificate the package does not hold', async () => {
    const other = cmsSigner(fixtureKeys.otherPem, fixtureKeys.otherKey, [fixtureKeys.caPem]);
    const v = await verify(await buildPackageFiles({ manifestSigner: other }));
    expect(codes(v)).toContainEqual(['SIGNER_UNKNOWN', 'manifest-sha256.txt.p7s']);
    expect(codes(v)).toContainEqual(['SIGNER_UNKNOWN', 'tagmanifest-sha256.txt.p7s']);
  });

  it('manifests signed when the examiner certificate was not valid', async () => {
    const v = await verify(
      await buildPackageFiles({ signingTime: new Date('2040-01-01T00:00:00Z') }),
    );
    expect(codes(v)).toEqual([
      ['SIGNER_UNTRUSTED', 'manifest-sha256.txt.p7s'],
      ['SIGNER_UNTRUSTED', 'manifest-sha256.txt.p7s'],
      ['SIGNER_UNTRUSTED', 'tagmanifest-sha256.txt.p7s'],
      ['SIGNER_UNTRUSTED', 'tagmanifest-sha256.txt.p7s'],
    ]);
  });

  it('a missing manifest signature', async () => {
    const f = new Map(files);
    f.delete('manifest-sha256.txt.p7s');
    const v = await verify(f);
    expect(codes(v)).toContainEqual(['MANIFEST_SIGNATURE_MISSING', 'manifest-sha256.txt.p7s']);
  });

  it('a bad ledger (a record changed before the package was hashed and signed)', async () => {
    const v = await verify(
      await built((f) => {
        const text = new TextDecoder().decode(f.get('data/custody/ledger.jsonl'));
        f.set(
          'data/custody/ledger.jsonl',
          enc.encode(text.replace('fixture artefact.acquired', 'fixture artefact.acquireD')),
        );
      }),
    );
    expect(codes(v)).toContainEqual(['LEDGER_INVALID', 'data/custody/ledger.jsonl']);
    expect(v.findings.find((x) => x.code === 'LEDGER_INVALID')!.message).toMatch(
      /record 1: BAD_SIGNATURE/,
    );
  });

  it('a ledger cut short of its checkpoint', async () => {
    const v = await verify(
      await built((f) => {
        const lines = new TextDecoder().decode(f.get('data/custody/ledger.jsonl')).split('\n');
        f.set('data/custody/ledger.jsonl', enc.encode(`${lines.slice(0, 3).join('\n')}\n`));
      }),
    );
    expect(codes(v)).toContainEqual(['CHECKPOINT_INVALID', 'data/custody/checkpoint.json']);
  });

  it('a broken inclusion proof', async () => {
    const v = await verify(
      await built((f) => {
        const p = JSON.parse(new TextDecoder().decode(f.get('data/custody/proofs.json')));
        p.inclusion[2].path[0] = '0'.repeat(64);
        f.set('data/custody/proofs.json', enc.encode(JSON.stringify(p)));
      }),
    );
    expect(codes(v)).toEqual([['INCLUSION_PROOF_INVALID', 'data/custody/proofs.json']]);
  });

  it('an original that no artefact.acquired record names, and events of an original not present', async () => {
    const v = await verify(
      await built((f) => {
        const bytes = strToU8('smuggled');
        const sha = createHash('sha256').update(bytes).digest('hex');
        f.set(`data/originals/${sha}/x.log`, bytes);
        f.set(
          'data/events.jsonl',
          enc.encode(
            new TextDecoder()
              .decode(f.get('data/events.jsonl'))
              .replace(/"artefact":"[0-9a-f]{64}"/, `"artefact":"${'e'.repeat(64)}"`),
          ),
        );
      }),
    );
    expect(codes(v)).toContainEqual([
      'ORIGINAL_NOT_ACQUIRED',
      expect.stringMatching(/^data\/originals\/[0-9a-f]{64}\/x\.log$/),
    ]);
    expect(codes(v)).toContainEqual(['EVENT_ORPHAN', 'data/events.jsonl']);
  });

  it('an original whose bytes do not hash to its folder name', async () => {
    const v = await verify(
      await built((f) => {
        const path = [...f.keys()].find((p) => p.endsWith('/access.log'))!;
        f.set(path, strToU8('other bytes\n'));
      }),
    );
    expect(codes(v)).toContainEqual([
      'ORIGINAL_NAME_MISMATCH',
      expect.stringMatching(/access\.log$/),
    ]);
  });

  it('events that are not JSON or not events, with line numbers', async () => {
    const v = await verify(
      await built((f) => f.set('data/events.jsonl', strToU8('{"type":"nope"}\nnot json\n{"a":1}'))),
    );
    const messages = v.findings
      .filter((x) => x.file === 'data/events.jsonl')
      .map((x) => `${x.code} ${x.message}`);
    expect(messages).toEqual([
      expect.stringMatching(/^JSON_INVALID line 1: not an event/),
      'JSON_INVALID line 2: not JSON',
      'JSON_INVALID line 3: the last line has no final newline',
    ]);
  });

  it('a truncated PDF report (hashed and signed as it is)', async () => {
    const v = await verify(
      await built((f) => {
        const pdf = f.get('data/report.pdf')!;
        f.set('data/report.pdf', pdf.subarray(0, Math.floor(pdf.length * 0.6)));
      }),
    );
    const report = v.findings.filter((x) => x.file === 'data/report.pdf').map((x) => x.code);
    expect(report.length).toBeGreaterThan(0);
    expect(report.every((c) => c === 'PDF_MALFORMED' || c === 'PDF_SIGNATURE_INVALID')).toBe(true);
    expect(statusOf(v, 'report')).toBe('fail');
  });

  it('bytes appended to the PDF after signing', async () => {
    const v = await verify(
      await built((f) => {
        const pdf = f.get('data/report.pdf')!;
        f.set('data/report.pdf', new Uint8Array([...pdf, ...strToU8('\n% appended\n')]));
      }),
    );
    expect(codes(v)).toContainEqual(['PDF_NOT_TOTAL', 'data/report.pdf']);
  });

  it('no bagit.txt: not a bag, later checks skipped', async () => {
    const f = new Map(files);
    f.delete('bagit.txt');
    const v = await verify(f);
    expect(codes(v)).toEqual([['NOT_A_BAG', 'bagit.txt']]);
    expect(v.checks.filter((c) => c.status === 'skipped').map((c) => c.id)).toContain('fixity');
  });

  it('another package version', async () => {
    const f = new Map(files);
    const info = new TextDecoder()
      .decode(f.get('bag-info.txt'))
      .replace('Sealcase-Package-Version: 1', 'Sealcase-Package-Version: 2');
    f.set('bag-info.txt', strToU8(info));
    const v = await verify(f);
    expect(codes(v)).toEqual([['UNSUPPORTED_VERSION', 'bag-info.txt']]);
  });
});

describe('bad zips', () => {
  const zipVerify = (zip: Uint8Array, limits = DEFAULT_ZIP_LIMITS) =>
    verifyPackage(zipPackageReader(bytesSource(zip), 'p.zip', limits), deps);

  it('zip-slip and absolute paths: ZIP_UNSAFE_PATH, nothing else is read', async () => {
    const zip = craftZip([
      { name: 'package/bagit.txt', data: strToU8('BagIt-Version: 1.0\n') },
      { name: 'package/../../evil.sh', data: strToU8('rm -rf /') },
      { name: '/etc/cron.d/evil', data: strToU8('x') },
    ]);
    const v = await zipVerify(zip);
    expect(codes(v)).toEqual([
      ['ZIP_UNSAFE_PATH', 'package/../../evil.sh'],
      ['ZIP_UNSAFE_PATH', '/etc/cron.d/evil'],
    ]);
    expect(v.checks.slice(1).every((c) => c.status === 'skipped')).toBe(true);
  });

  it('a zip bomb by ratio and by total size', async () => {
    const zeros = new Uint8Array(4 * 1024 * 1024);
    const bomb = craftZip([{ name: 'package/data/zeros', data: zeros, method: 8 }]);
    const ratio = await zipVerify(bomb, {
      ...DEFAULT_ZIP_LIMITS,
      maxRatio: 100,
      ratioSlackBytes: 0,
    });
    expect(codes(ratio)).toContainEqual(['ZIP_RATIO', 'package/data/zeros']);
    expect(ratio.valid).toBe(false);
    const total = await zipVerify(bomb, {
      ...DEFAULT_ZIP_LIMITS,
      maxTotalUncompressed: 1024 * 1024,
    });
    expect(codes(total)).toEqual([['ZIP_TOO_LARGE', '.']]);
  });

  it('a bag not in one top folder', async () => {
    const zip = craftZip([
      { name: 'a/bagit.txt', data: strToU8('x') },
      { name: 'b/bagit.txt', data: strToU8('x') },
    ]);
    expect(codes(await zipVerify(zip))).toEqual([['ZIP_LAYOUT', '.']]);
  });

  it('a truncated zip', async () => {
    const zip = zipPackageFiles(files);
    const v = await zipVerify(zip.subarray(0, zip.length - 100));
    expect(codes(v)).toEqual([['ZIP_MALFORMED', '.']]);
  });

  it('a stored entry changed inside the zip: its CRC names the file', async () => {
    const zip = zipPackageFiles(files);
    const needle = strToU8('GET /login');
    const at = Buffer.from(zip).indexOf(Buffer.from(needle));
    const changed = zip.slice();
    changed[at] = changed[at]! ^ 0x20;
    const v = await zipVerify(changed);
    expect(codes(v)).toContainEqual(['ZIP_CRC_MISMATCH', expect.stringMatching(/access\.log$/)]);
  });
});

describe('an empty package', () => {
  it('is not a bag, never valid', async () => {
    const v = await verify(new Map());
    expect(v.valid).toBe(false);
    expect(codes(v)).toEqual([['NOT_A_BAG', '.']]);
  });
});
