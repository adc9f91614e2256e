/** DER and byte helpers for the CMS code (pure; no Buffer in shared/). */
export { bytesEqual, concatBytes, toHex } from '../custody/bytes';

/** A fresh copy backed by its own ArrayBuffer (what asn1js and WebCrypto want). */
export function copyBytes(view: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(view.length);
  out.set(view);
  return out;
}

/**
 * DER order of SET OF members (X.690 §11.6): compare encodings as octet strings, the shorter
 * padded with zero octets at its end.
 */
export function compareDer(a: Uint8Array, b: Uint8Array): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Length of the DER/BER TLV that starts at `offset` (tag + length + value), or null when the
 * header is not a definite-length, single-byte-tag header that fits in `bytes`.
 */
export function tlvLength(bytes: Uint8Array, offset = 0): number | null {
  const first = bytes[offset + 1];
  if (bytes[offset] === undefined || first === undefined) return null;
  if ((bytes[offset]! & 0x1f) === 0x1f) return null;
  if (first < 0x80) return 2 + first;
  const count = first & 0x7f;
  if (count === 0 || count > 4) return null;
  let length = 0;
  for (let i = 0; i < count; i++) {
    const b = bytes[offset + 2 + i];
    if (b === undefined) return null;
    length = length * 256 + b;
  }
  return 2 + count + length;
}
