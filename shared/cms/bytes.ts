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

/** Nesting deeper than this is not a CMS we write or read. */
export const MAX_DER_DEPTH = 64;

/**
 * True when `bytes` is exactly one DER TLV whose every constructed value is exactly filled by
 * its children: definite, minimally encoded lengths, single-byte tags, bounded depth. (asn1js
 * tolerates inner lengths that disagree with their content; a verifier must not.)
 */
export function isStrictDer(bytes: Uint8Array): boolean {
  // Each frame: the end offset of an open constructed value.
  const ends: number[] = [bytes.length];
  let i = 0;
  let first = true;
  while (ends.length > 0) {
    const end = ends[ends.length - 1]!;
    if (i === end) {
      ends.pop();
      if (first) return false;
      continue;
    }
    if (!first && ends.length === 1) return false; // more than one top-level object
    first = false;
    const header = readHeader(bytes, i, end);
    if (header === null) return false;
    if (header.constructed) {
      if (ends.length > MAX_DER_DEPTH) return false;
      ends.push(header.valueEnd);
      i = header.valueStart;
    } else {
      i = header.valueEnd;
    }
  }
  return i === bytes.length;
}

function readHeader(
  bytes: Uint8Array,
  at: number,
  limit: number,
): { constructed: boolean; valueStart: number; valueEnd: number } | null {
  const tag = bytes[at];
  const first = bytes[at + 1];
  // Tag 0 (end-of-contents) never appears in DER; zero padding must not pass as content.
  if (tag === undefined || first === undefined || tag === 0 || (tag & 0x1f) === 0x1f) return null;
  let length = first;
  let valueStart = at + 2;
  if (first >= 0x80) {
    const count = first & 0x7f;
    if (count === 0 || count > 4 || bytes[at + 2] === 0) return null;
    length = 0;
    for (let k = 0; k < count; k++) {
      const b = bytes[at + 2 + k];
      if (b === undefined) return null;
      length = length * 256 + b;
    }
    if (length < 0x80) return null;
    valueStart += count;
  }
  const valueEnd = valueStart + length;
  if (valueEnd > limit) return null;
  return { constructed: (tag & 0x20) !== 0, valueStart, valueEnd };
}
