import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64, utf8Decode, utf8Encode } from '../../../../shared/custody/bytes';

describe('custody byte helpers', () => {
  it('UTF-8 encode/decode agree with Node for any well-formed string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const bytes = utf8Encode(s)!;
        expect(Buffer.from(bytes).equals(Buffer.from(s, 'utf8'))).toBe(true);
        expect(utf8Decode(bytes)).toBe(s);
      }),
    );
  });

  it('strict decoding refuses what a fatal TextDecoder refuses', () => {
    const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 12 }), (bytes) => {
        let want: string | null;
        try {
          want = fatal.decode(bytes);
        } catch {
          want = null;
        }
        expect(utf8Decode(bytes)).toBe(want);
      }),
      { numRuns: 2000 },
    );
    expect(utf8Encode('\ud800x')).toBeNull();
  });

  it('base64 round-trips and refuses non-canonical text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        const text = toBase64(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64'));
        expect(fromBase64(text)).toEqual(bytes);
      }),
    );
    for (const bad of ['QQ', 'QR==', 'QQ==\n', 'Q Q=', 'QQ=A', '====', 'QUJD='])
      expect(fromBase64(bad), bad).toBeNull();
  });
});
