/**
 * CRC-32 (ISO-HDLC, polynomial 0xEDB88320 reflected), as zip stores it (APPNOTE 4.4.7), with
 * slicing-by-8 tables (eight bytes per step; ≈3× the byte-at-a-time loop).
 */
const TABLES = (() => {
  const t = new Uint32Array(8 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  for (let n = 0; n < 256; n++) {
    for (let k = 1; k < 8; k++) {
      const prev = t[(k - 1) * 256 + n]!;
      t[k * 256 + n] = (t[prev & 0xff]! ^ (prev >>> 8)) >>> 0;
    }
  }
  return t;
})();

/** Incremental CRC-32: `update` with each chunk, `value()` for the unsigned 32-bit result. */
export interface Crc32 {
  update(chunk: Uint8Array): void;
  value(): number;
}

export function createCrc32(): Crc32 {
  let crc = 0xffffffff;
  const t = TABLES;
  return {
    update(b) {
      let c = crc;
      let i = 0;
      const end8 = b.length - (b.length % 8);
      for (; i < end8; i += 8) {
        const lo = c ^ (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24));
        c =
          t[1792 + (lo & 0xff)]! ^
          t[1536 + ((lo >>> 8) & 0xff)]! ^
          t[1280 + ((lo >>> 16) & 0xff)]! ^
          t[1024 + (lo >>> 24)]! ^
          t[768 + b[i + 4]!]! ^
          t[512 + b[i + 5]!]! ^
          t[256 + b[i + 6]!]! ^
          t[b[i + 7]!]!;
      }
      for (; i < b.length; i++) c = t[(c ^ b[i]!) & 0xff]! ^ (c >>> 8);
      crc = c;
    },
    value: () => (crc ^ 0xffffffff) >>> 0,
  };
}

export function crc32(bytes: Uint8Array): number {
  const c = createCrc32();
  c.update(bytes);
  return c.value();
}
