/** CRC-32 (ISO-HDLC, polynomial 0xEDB88320 reflected), as zip stores it (APPNOTE 4.4.7). */
const TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
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
  return {
    update(chunk) {
      let c = crc;
      for (let i = 0; i < chunk.length; i++)
        c = TABLE[(c ^ (chunk[i] as number)) & 0xff]! ^ (c >>> 8);
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
