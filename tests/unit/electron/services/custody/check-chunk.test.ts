import { createHash, createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  rsaKey,
  sha256,
  verifyPkcs1Sha256,
  verifyPkcs1Sha256Digest,
  type RsaKey,
} from '../../../../../electron/services/custody/check-chunk';
import { der, golden } from '../../../shared/custody/fixture';

/**
 * The workers check a signature from the record hash (publicDecrypt + the DigestInfo compared):
 * it must answer exactly as crypto.verify('sha256') over the message, for any damage.
 */
const examiner = createPrivateKey(golden.key.a); // RSA-3072, TEST ONLY
const small = generateKeyPairSync('rsa', { modulusLength: 2048 });
const keys: Array<{ priv: typeof examiner; pub: RsaKey }> = [
  { priv: examiner, pub: rsaKey(der.a)! },
  {
    priv: small.privateKey,
    pub: { key: small.publicKey, bytes: 256 },
  },
];

function both(pub: RsaKey, message: Uint8Array, signature: Uint8Array) {
  const want = verifyPkcs1Sha256(pub.key, message, signature);
  const got = verifyPkcs1Sha256Digest(pub, sha256(message), signature);
  expect(got).toBe(want);
  return want;
}

describe('signature check from the digest', () => {
  it('reads the key size from the certificate', () => {
    expect(rsaKey(der.a)?.bytes).toBe(384);
    expect(rsaKey(new Uint8Array([1, 2, 3]))).toBeNull();
  });

  it('agrees with crypto.verify on good signatures and on any damage to them', () => {
    fc.assert(
      fc.property(
        fc.nat(1),
        fc.uint8Array({ maxLength: 300 }),
        fc.oneof(
          fc.constant({ kind: 'none' as const }),
          fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.nat(7) }),
          fc.record({ kind: fc.constant('cut' as const), n: fc.integer({ min: 1, max: 3 }) }),
          fc.record({ kind: fc.constant('zero-first' as const) }),
          fc.record({ kind: fc.constant('append' as const), b: fc.nat(255) }),
          fc.record({ kind: fc.constant('other-message' as const) }),
          fc.record({
            kind: fc.constant('other-hash' as const),
            alg: fc.constantFrom('sha1', 'sha512', 'sha384'),
          }),
          fc.record({ kind: fc.constant('modulus' as const) }),
          fc.record({ kind: fc.constant('random' as const), seed: fc.nat() }),
        ),
        (which, message, damage) => {
          const { priv, pub } = keys[which]!;
          const good = new Uint8Array(sign('sha256', message, priv));
          let sig = good.slice();
          let msg = message;
          switch (damage.kind) {
            case 'none':
              expect(both(pub, msg, sig)).toBe(true);
              return;
            case 'flip': {
              const at = damage.at % sig.length;
              sig[at] = sig[at]! ^ (1 << damage.bit);
              break;
            }
            case 'cut':
              sig = sig.subarray(damage.n);
              break;
            case 'zero-first':
              sig = new Uint8Array([0, ...sig.subarray(1)]);
              break;
            case 'append':
              sig = new Uint8Array([...sig, damage.b]);
              break;
            case 'other-message':
              msg = new Uint8Array([...message, 0]);
              break;
            case 'other-hash':
              sig = new Uint8Array(sign(damage.alg, message, priv));
              break;
            case 'modulus': {
              const n = pub.key.export({ format: 'jwk' }).n!;
              sig = new Uint8Array(Buffer.from(n, 'base64url'));
              break;
            }
            case 'random':
              sig = new Uint8Array(createHash('sha512').update(String(damage.seed)).digest());
              sig = new Uint8Array(
                [...sig, ...sig, ...sig, ...sig, ...sig, ...sig].slice(0, pub.bytes),
              );
              break;
          }
          // Only a change makes it invalid (a first byte that was already 0 is no change).
          const unchanged = msg === message && Buffer.compare(sig, good) === 0;
          expect(both(pub, msg, sig)).toBe(unchanged);
        },
      ),
      { numRuns: 400 },
    );
  });
});
