import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSha256 } from '../../../../shared/digest';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const sha = (...parts: Uint8Array[]) => {
  const h = createSha256();
  for (const p of parts) h.update(p);
  return hex(h.digest());
};
const ascii = (s: string) => new TextEncoder().encode(s);

describe('createSha256', () => {
  // FIPS 180-4 examples (NIST CSRC "SHA256.pdf", "SHA256.pdf two blocks") and the empty string.
  it('matches the NIST example vectors', () => {
    expect(sha()).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha(ascii('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(sha(ascii('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('matches the one-million "a" vector fed in odd chunks', () => {
    const h = createSha256();
    const chunk = new Uint8Array(999).fill(0x61);
    let left = 1_000_000;
    while (left > 0) {
      const n = Math.min(left, chunk.length);
      h.update(chunk.subarray(0, n));
      left -= n;
    }
    expect(hex(h.digest())).toBe(
      'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
    );
  });

  it('agrees with node:crypto on random bytes in random chunkings', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 600 }),
        fc.array(fc.nat({ max: 130 }), { maxLength: 12 }),
        (bytes, cuts) => {
          const parts: Uint8Array[] = [];
          let at = 0;
          for (const c of cuts) {
            parts.push(bytes.subarray(at, Math.min(bytes.length, at + c)));
            at = Math.min(bytes.length, at + c);
          }
          parts.push(bytes.subarray(at));
          expect(sha(...parts)).toBe(createHash('sha256').update(bytes).digest('hex'));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses use after the digest is taken', () => {
    const h = createSha256();
    h.digest();
    expect(() => h.update(ascii('x'))).toThrow();
    expect(() => h.digest()).toThrow();
  });
});
