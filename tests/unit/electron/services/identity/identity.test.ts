import { createHash, verify, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdentityError } from '../../../../../shared/errors';
import {
  createExaminer,
  createLabCa,
  importIdentity,
  unlock,
  type LabCa,
} from '../../../../../electron/services/identity';
import { keyUsageOf } from '../../../../../electron/services/identity/certificates';
import { tempDir } from '../../../../helpers/temp-dir';
import { OPENSSL, openssl, skipReason } from './openssl';

const EMAIL_PROTECTION = '1.3.6.1.5.5.7.3.4';
const FAST = 2048;
let SELF_SIGNED_PEM = ''; // iterations for fixtures that do not test the stated parameters

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof IdentityError ? error.code : `not an IdentityError: ${String(error)}`;
  }
  return undefined;
}

let dir: { path: string; cleanup: () => Promise<void> };
let ca: LabCa;
let examinerP12: Uint8Array;

beforeAll(async () => {
  dir = await tempDir('sealcase-identity-');
  // The stated parameters (600,000 iterations) for the CA and the examiner.
  ca = createLabCa({
    name: 'Tallinn Lab CA',
    org: 'Lab',
    validityYears: 10,
    passphrase: 'ca pass',
  });
  examinerP12 = createExaminer({
    name: 'Mari Mägi',
    org: 'Lab',
    email: 'mari@lab.example',
    ca: { p12: ca.p12, passphrase: 'ca pass' },
    validityYears: 2,
    passphrase: 'pässwörd ✓',
  });
  await writeFile(join(dir.path, 'examiner.p12'), examinerP12);
  await writeFile(join(dir.path, 'ca.pem'), ca.certificatePem);
  SELF_SIGNED_PEM = ca.certificatePem;
}, 120_000);

afterAll(async () => dir.cleanup());

describe('createLabCa', () => {
  it('makes an RSA-3072 CA certificate with basicConstraints CA and keyCertSign', () => {
    const cert = new X509Certificate(ca.certificatePem);
    expect(cert.ca).toBe(true);
    expect(cert.publicKey.asymmetricKeyDetails?.modulusLength).toBe(3072);
    expect(cert.checkIssued(cert)).toBe(true);
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(keyUsageOf(cert.raw)).toMatchObject({ keyCertSign: true });
  });
});

describe('createExaminer + unlock', () => {
  it('unlocks, signs with RSASSA-PKCS1-v1_5/SHA-256, and the chain verifies', () => {
    const id = unlock(examinerP12, 'pässwörd ✓');
    expect(id.name).toBe('Mari Mägi');
    expect(id.subject).toBe('CN=Mari Mägi, O=Lab');
    expect(id.issuer).toBe('CN=Tallinn Lab CA, O=Lab');
    expect(id.selfSigned).toBe(false);
    expect(id.certSha256).toBe(createHash('sha256').update(id.certificateDer).digest('hex'));

    const leaf = new X509Certificate(id.certificateDer);
    expect(leaf.ca).toBe(false);
    expect(leaf.keyUsage).toContain(EMAIL_PROTECTION); // Node's keyUsage is the EKU list
    expect(leaf.subjectAltName).toBe('email:mari@lab.example');
    expect(leaf.publicKey.asymmetricKeyDetails?.modulusLength).toBe(3072);
    expect(keyUsageOf(leaf.raw)).toEqual({
      digitalSignature: true,
      nonRepudiation: true,
      keyCertSign: false,
    });

    expect(id.chainDer).toHaveLength(1);
    const caCert = new X509Certificate(id.chainDer[0] ?? new Uint8Array());
    expect(caCert.fingerprint256).toBe(new X509Certificate(ca.certificateDer).fingerprint256);
    expect(leaf.checkIssued(caCert)).toBe(true);
    expect(leaf.verify(caCert.publicKey)).toBe(true);

    const data = new TextEncoder().encode('{"seq":1,"action":"case.created"}');
    const signature = id.sign(data);
    expect(signature).toHaveLength(384);
    expect(verify('sha256', data, leaf.publicKey, signature)).toBe(true);
    expect(verify('sha256', new Uint8Array([1]), leaf.publicKey, signature)).toBe(false);
    id.lock();
  });

  it('a lab CA with a non-ASCII name issues certificates that chain to it (issuer = CA subject, byte for byte)', () => {
    const ca = createLabCa({
      name: 'Лаборатория Ελλάδα',
      org: 'Kriminalpolizei Zürich',
      validityYears: 2,
      passphrase: 'p',
      iterations: FAST,
    });
    const id = unlock(
      createExaminer({
        name: 'Анна',
        org: 'Lab',
        validityYears: 1,
        passphrase: 'p',
        iterations: FAST,
        ca: { p12: ca.p12, passphrase: 'p' },
      }),
      'p',
    );
    const leaf = new X509Certificate(id.certificateDer);
    const issuer = new X509Certificate(ca.certificateDer);
    expect(leaf.issuer).toBe(issuer.subject);
    expect(leaf.issuer).toContain('Лаборатория Ελλάδα');
    expect(leaf.checkIssued(issuer)).toBe(true);
    expect(leaf.verify(issuer.publicKey)).toBe(true);
    expect(id.issuer).toContain('CN=Лаборатория Ελλάδα');
  });

  it('self-signed examiners have an empty chain', () => {
    const p12 = createExaminer({
      name: 'Solo',
      org: 'Lab',
      validityYears: 1,
      passphrase: 'p',
      iterations: FAST,
    });
    const id = unlock(p12, 'p');
    expect(id.selfSigned).toBe(true);
    expect(id.chainDer).toEqual([]);
    const cert = new X509Certificate(id.certificateDer);
    expect(cert.verify(cert.publicKey)).toBe(true);
  });

  it('never issues beyond the CA certificate', () => {
    const p12 = createExaminer({
      name: 'Long',
      org: 'Lab',
      ca: { p12: ca.p12, passphrase: 'ca pass' },
      validityYears: 30,
      passphrase: 'p',
      iterations: FAST,
    });
    expect(unlock(p12, 'p').notAfter.getTime()).toBe(
      new Date(new X509Certificate(ca.certificateDer).validTo).getTime(),
    );
  });

  it('rejects a wrong CA passphrase and a CA file that is not a CA', () => {
    const base = { name: 'X', org: 'Lab', validityYears: 1, passphrase: 'p', iterations: FAST };
    expect(codeOf(() => createExaminer({ ...base, ca: { p12: ca.p12, passphrase: 'nope' } }))).toBe(
      'PASSPHRASE_WRONG',
    );
    expect(
      codeOf(() => createExaminer({ ...base, ca: { p12: examinerP12, passphrase: 'pässwörd ✓' } })),
    ).toBe('IDENTITY_CA_INVALID');
  });

  it('refuses bad names and e-mail addresses', () => {
    const base = { org: 'Lab', validityYears: 1, passphrase: 'p', iterations: FAST };
    expect(codeOf(() => createExaminer({ ...base, name: '  ' }))).toBe('IDENTITY_INVALID');
    expect(codeOf(() => createExaminer({ ...base, name: 'A', email: 'not an address' }))).toBe(
      'IDENTITY_INVALID',
    );
    expect(codeOf(() => createExaminer({ ...base, name: 'A', validityYears: 0 }))).toBe(
      'IDENTITY_INVALID',
    );
  });
});

describe('unlock failures and lock', () => {
  it('a wrong passphrase is PASSPHRASE_WRONG, naming the file', () => {
    let caught: unknown;
    try {
      unlock(examinerP12, 'password', { where: 'cases/mari.p12' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(IdentityError);
    expect((caught as IdentityError).code).toBe('PASSPHRASE_WRONG');
    expect((caught as IdentityError).message).toBe('passphrase does not unlock cases/mari.p12');
  });

  it.each([
    ['random bytes', () => new Uint8Array(300).map((_, i) => (i * 37) % 256)],
    ['an empty file', () => new Uint8Array()],
    ['a PEM certificate', () => new TextEncoder().encode('-----BEGIN CERTIFICATE-----\nAAAA\n')],
    ['a DER certificate', () => new Uint8Array(new X509Certificate(SELF_SIGNED_PEM).raw)],
  ])('%s is IDENTITY_INVALID', (_label, bytes) => {
    expect(codeOf(() => unlock(bytes(), 'p'))).toBe('IDENTITY_INVALID');
  });

  it('a truncated or bit-flipped file is IDENTITY_INVALID or PASSPHRASE_WRONG, never unlocked', () => {
    expect(codeOf(() => unlock(examinerP12.slice(0, examinerP12.length - 10), 'pässwörd ✓'))).toBe(
      'IDENTITY_INVALID',
    );
    const flipped = examinerP12.slice();
    flipped[200] = (flipped[200] ?? 0) ^ 0x01; // inside the certificate bag: the MAC catches it
    expect(['IDENTITY_INVALID', 'PASSPHRASE_WRONG']).toContain(
      codeOf(() => unlock(flipped, 'pässwörd ✓')),
    );
  });

  it('lock drops the key: sign throws IDENTITY_LOCKED, and the key is not reachable', () => {
    const id = unlock(examinerP12, 'pässwörd ✓');
    expect(id.locked).toBe(false);
    const clone: unknown = structuredClone({ ...id });
    expect(JSON.stringify(clone)).not.toMatch(/PRIVATE|KeyObject/);
    expect(
      Object.values(id).some(
        (v) => typeof v === 'object' && v?.constructor?.name === 'PrivateKeyObject',
      ),
    ).toBe(false);
    id.lock();
    id.lock(); // idempotent
    expect(id.locked).toBe(true);
    expect(codeOf(() => id.sign(new Uint8Array([1])))).toBe('IDENTITY_LOCKED');
  });
});

describe.skipIf(OPENSSL === null)('OpenSSL interoperability', () => {
  it('OpenSSL 3 reads the PKCS#12 with the stated parameters and a non-ASCII passphrase', () => {
    const env = { P: 'pässwörd ✓' };
    const p12 = join(dir.path, 'examiner.p12');
    const info = openssl(['pkcs12', '-in', p12, '-info', '-nokeys', '-passin', 'env:P'], env);
    expect(info.status, info.stderr).toBe(0);
    expect(info.stderr).toContain('MAC: sha256, Iteration 600000');
    expect(info.stderr).toContain(
      'Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration 600000, PRF hmacWithSHA256',
    );
    const keys = openssl(['pkcs12', '-in', p12, '-nocerts', '-nodes', '-passin', 'env:P'], env);
    expect(keys.status, keys.stderr).toBe(0);
    expect(keys.stdout).toContain('BEGIN PRIVATE KEY');
    const wrong = openssl(['pkcs12', '-in', p12, '-nokeys', '-passin', 'env:P'], { P: 'x' });
    expect(wrong.status).not.toBe(0);
  });

  it('a CMS signature made with the examiner key verifies with `openssl cms -verify` against the CA', async () => {
    const env = { P: 'pässwörd ✓' };
    const p12 = join(dir.path, 'examiner.p12');
    const pem = join(dir.path, 'examiner-all.pem');
    const out = openssl(['pkcs12', '-in', p12, '-nodes', '-passin', 'env:P', '-out', pem], env);
    expect(out.status, out.stderr).toBe(0);
    const data = join(dir.path, 'manifest.txt');
    await writeFile(data, 'abc  data/file.txt\n');
    const sig = join(dir.path, 'manifest.p7s');
    const signed = openssl([
      'cms',
      '-sign',
      '-binary',
      '-in',
      data,
      '-signer',
      pem,
      '-outform',
      'DER',
      '-out',
      sig,
    ]);
    expect(signed.status, signed.stderr).toBe(0);
    const verified = openssl([
      'cms',
      '-verify',
      '-binary',
      '-inform',
      'DER',
      '-in',
      sig,
      '-content',
      data,
      '-CAfile',
      join(dir.path, 'ca.pem'),
      '-out',
      '/dev/null',
    ]);
    expect(verified.status, verified.stderr).toBe(0);
    expect(verified.stderr).toContain('Verification successful');
  });

  async function opensslIdentity(
    name: string,
    keyArgs: string[],
    days: string,
    exportArgs: string[] = [],
  ): Promise<Uint8Array> {
    const key = join(dir.path, `${name}.key`);
    const crt = join(dir.path, `${name}.crt`);
    const p12 = join(dir.path, `${name}.p12`);
    const req = openssl([
      'req',
      '-x509',
      '-newkey',
      ...keyArgs,
      '-nodes',
      '-keyout',
      key,
      '-out',
      crt,
      '-days',
      days,
      '-subj',
      `/CN=${name}/O=Agency`,
      '-addext',
      'keyUsage=critical,digitalSignature,nonRepudiation',
    ]);
    expect(req.status, req.stderr).toBe(0);
    const exp = openssl(
      [
        'pkcs12',
        '-export',
        '-inkey',
        key,
        '-in',
        crt,
        '-out',
        p12,
        '-passout',
        'env:P',
        ...exportArgs,
      ],
      { P: 'agency pass' },
    );
    expect(exp.status, exp.stderr).toBe(0);
    return new Uint8Array(await readFile(p12));
  }

  it('imports an OpenSSL 3 default PKCS#12 (PBES2/AES-256, SHA-256 MAC) and re-encrypts it', async () => {
    const agency = await opensslIdentity('Agency Examiner', ['rsa:2048'], '30');
    const imported = importIdentity(agency, 'agency pass', { where: 'agency.p12' });
    expect(imported.info.name).toBe('Agency Examiner');
    expect(imported.info.selfSigned).toBe(true);
    const id = unlock(imported.p12, 'agency pass');
    expect(id.certSha256).toBe(imported.info.certSha256);
    const data = new Uint8Array([1, 2, 3]);
    expect(
      verify('sha256', data, new X509Certificate(id.certificateDer).publicKey, id.sign(data)),
    ).toBe(true);
    expect(codeOf(() => importIdentity(agency, 'wrong'))).toBe('PASSPHRASE_WRONG');
    // Expired at the given time:
    expect(
      codeOf(() =>
        importIdentity(agency, 'agency pass', { now: () => new Date('2099-01-01T00:00:00Z') }),
      ),
    ).toBe('IDENTITY_EXPIRED');
  });

  it('imports a legacy PKCS#12 (3DES key bag, RC2-40 certificates) when OpenSSL can still write one', async (ctx) => {
    const probe = openssl(['pkcs12', '-help']);
    if (!`${probe.stdout}${probe.stderr}`.includes('-legacy')) ctx.skip();
    let legacy: Uint8Array;
    try {
      legacy = await opensslIdentity('Legacy Examiner', ['rsa:2048'], '30', ['-legacy']);
    } catch {
      console.log('openssl -legacy export failed (no legacy provider): legacy import not checked');
      return ctx.skip();
    }
    const imported = importIdentity(legacy, 'agency pass');
    expect(imported.info.name).toBe('Legacy Examiner');
  });

  it('refuses RSA keys under 2048 bits, non-RSA keys and files without a key', async () => {
    const small = await opensslIdentity('Small', ['rsa:1024'], '30');
    expect(codeOf(() => importIdentity(small, 'agency pass'))).toBe('IDENTITY_UNSUPPORTED');
    const ec = await opensslIdentity('Curve', ['ec', '-pkeyopt', 'ec_paramgen_curve:P-256'], '30');
    expect(codeOf(() => importIdentity(ec, 'agency pass'))).toBe('IDENTITY_UNSUPPORTED');
    const noKey = join(dir.path, 'nokey.p12');
    const exp = openssl(
      [
        'pkcs12',
        '-export',
        '-nokeys',
        '-in',
        join(dir.path, 'Small.crt'),
        '-out',
        noKey,
        '-passout',
        'env:P',
      ],
      { P: 'agency pass' },
    );
    expect(exp.status, exp.stderr).toBe(0);
    expect(codeOf(() => importIdentity(new Uint8Array(readFileSync(noKey)), 'agency pass'))).toBe(
      'IDENTITY_INVALID',
    );
  });
});

if (OPENSSL === null) console.log(skipReason());
