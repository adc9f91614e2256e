import { crc32 as zlibCrc32 } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCrc32, crc32 } from '../../../../../shared/package/zip';

describe('crc32', () => {
  it('matches the check value of CRC-32/ISO-HDLC ("123456789" → cbf43926)', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it("agrees with zlib's crc32 on random bytes in random chunkings", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.array(fc.nat(2000)), (bytes, cuts) => {
        const c = createCrc32();
        let at = 0;
        for (const cut of [...cuts].sort((a, b) => a - b)) {
          const end = Math.min(cut, bytes.length);
          if (end > at) c.update(bytes.subarray(at, end));
          at = Math.max(at, end);
        }
        c.update(bytes.subarray(at));
        expect(c.value()).toBe(zlibCrc32(bytes) >>> 0);
      }),
    );
  });
});
