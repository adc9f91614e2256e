import { webcrypto } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createExaminer,
  createLabCa,
  MIN_WRITE_ITERATIONS,
  unlock,
  type UnlockedIdentity,
} from '../../../../electron/services/identity';
import { createNodeCustodyCrypto } from '../../../../electron/services/custody/node-crypto';
import { createWebCustodyCrypto } from '../../../../renderer/verify/custody-web-crypto';
import type { WebCryptoEngine } from '../../../../shared/cms';

// The offline page's custody crypto (WebCrypto + pkijs) must answer exactly as main's (OpenSSL).
const engine = webcrypto as unknown as WebCryptoEngine;
const web = createWebCustodyCrypto(engine);
const node = createNodeCustodyCrypto();
const pass = 'p';

let caDer: Uint8Array;
let issued: UnlockedIdentity;
let selfSigned: UnlockedIdentity;

beforeAll(() => {
  const ca = createLabCa({
    name: 'Lab CA Ελλάδα',
    org: 'Лаборатория',
    validityYears: 2,
    passphrase: pass,
    iterations: MIN_WRITE_ITERATIONS,
  });
  caDer = ca.certificateDer;
  issued = unlock(
    createExaminer({
      name: 'Анна Тамм',
      org: 'Lab',
      validityYears: 1,
      passphrase: pass,
      iterations: MIN_WRITE_ITERATIONS,
      ca: { p12: ca.p12, passphrase: pass },
    }),
    pass,
  );
  selfSigned = unlock(
    createExaminer({
      name: 'Self',
      org: 'Lab',
      validityYears: 1,
      passphrase: pass,
      iterations: MIN_WRITE_ITERATIONS,
    }),
    pass,
  );
}, 60_000);

describe('createWebCustodyCrypto', () => {
  it('inspects certificates exactly as Node does', async () => {
    for (const der of [caDer, issued.certificateDer, selfSigned.certificateDer]) {
      expect(await web.inspectCertificate(der)).toEqual(await node.inspectCertificate(der));
    }
    expect((await web.inspectCertificate(issued.certificateDer)).subjectCommonName).toBe(
      'Анна Тамм',
    );
    expect((await web.inspectCertificate(caDer)).isCA).toBe(true);
  });

  it('agrees with Node on who issued whom', async () => {
    const pairs: [Uint8Array, Uint8Array][] = [
      [issued.certificateDer, caDer],
      [caDer, caDer],
      [selfSigned.certificateDer, selfSigned.certificateDer],
      [issued.certificateDer, selfSigned.certificateDer],
      [selfSigned.certificateDer, caDer],
    ];
    for (const [index, [cert, issuer]] of pairs.entries()) {
      expect([index, await web.isIssuedBy(cert, issuer)]).toEqual([
        index,
        await node.isIssuedBy(cert, issuer),
      ]);
    }
    expect(await web.isIssuedBy(issued.certificateDer, caDer)).toBe(true);
    expect(await web.isIssuedBy(issued.certificateDer, selfSigned.certificateDer)).toBe(false);
  });

  it('checks RSA-SHA256 signatures and never throws on garbage', async () => {
    const data = new TextEncoder().encode('sealcase record');
    const signature = issued.sign(data);
    expect(await web.verifyRsaSha256(issued.certificateDer, data, signature)).toBe(true);
    const flipped = signature.slice();
    flipped[10] = (flipped[10] as number) ^ 1;
    expect(await web.verifyRsaSha256(issued.certificateDer, data, flipped)).toBe(false);
    expect(await web.verifyRsaSha256(selfSigned.certificateDer, data, signature)).toBe(false);
    expect(await web.verifyRsaSha256(new Uint8Array([0x30, 0x03, 1, 2, 3]), data, signature)).toBe(
      false,
    );
    expect(await web.isIssuedBy(new Uint8Array([1, 2, 3]), caDer)).toBe(false);
    await expect(
      Promise.resolve().then(() => web.inspectCertificate(new Uint8Array([1, 2]))),
    ).rejects.toThrow();
  });

  it('hashes with WebCrypto', async () => {
    expect(Buffer.from(await web.sha256(new TextEncoder().encode('abc'))).toString('hex')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});
