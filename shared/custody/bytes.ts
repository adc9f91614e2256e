/**
 * Byte helpers for the custody format. Pure: shared/ has no TextEncoder/Buffer types, and strict
 * UTF-8 decoding (no replacement characters) is what makes "bytes → string → bytes" lossless,
 * so comparing canonical strings is the same as comparing the bytes on disk.
 */

/** UTF-8 encoding. A lone surrogate (not representable in UTF-8) returns `null`. */
export function utf8Encode(text: string): Uint8Array | null {
  const out = new Uint8Array(text.length * 3);
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      out[o++] = c;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const d = text.charCodeAt(i + 1);
      if (c > 0xdbff || !(d >= 0xdc00 && d <= 0xdfff)) return null;
      c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
      i++;
      out[o++] = 0xf0 | (c >> 18);
      out[o++] = 0x80 | ((c >> 12) & 0x3f);
      out[o++] = 0x80 | ((c >> 6) & 0x3f);
      out[o++] = 0x80 | (c & 0x3f);
    } else if (c < 0x800) {
      out[o++] = 0xc0 | (c >> 6);
      out[o++] = 0x80 | (c & 0x3f);
    } else {
      out[o++] = 0xe0 | (c >> 12);
      out[o++] = 0x80 | ((c >> 6) & 0x3f);
      out[o++] = 0x80 | (c & 0x3f);
    }
  }
  return out.subarray(0, o);
}

/** Strict UTF-8 decoding (RFC 3629): overlongs, surrogates, > U+10FFFF and truncation → `null`. */
export function utf8Decode(bytes: Uint8Array, start = 0, end = bytes.length): string | null {
  let s = '';
  const parts: string[] = [];
  const units: number[] = [];
  let i = start;
  while (i < end) {
    const b = bytes[i] as number;
    let cp: number;
    let need: number;
    let min: number;
    if (b < 0x80) {
      units.push(b);
      i++;
      if (units.length >= 4096) flush();
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) [cp, need, min] = [b & 0x1f, 1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [cp, need, min] = [b & 0x0f, 2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [cp, need, min] = [b & 0x07, 3, 0x10000];
    else return null;
    if (i + need >= end) return null;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k] as number;
      if ((c & 0xc0) !== 0x80) return null;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return null;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      units.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
    } else units.push(cp);
    i += need + 1;
    if (units.length >= 4096) flush();
  }
  flush();
  return s + parts.join('');

  function flush(): void {
    if (units.length === 0) return;
    parts.push(String.fromCharCode(...units));
    units.length = 0;
    if (parts.length > 64) {
      s += parts.join('');
      parts.length = 0;
    }
  }
}

/** Number of UTF-8 bytes of a string without encoding it (lone surrogates count 3, like U+FFFD). */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Lower-case hex. */
export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += HEX[bytes[i] as number];
  return s;
}

/** Lower-case hex only (the format never writes upper case); anything else → `null`. */
export function fromHex(hex: string): Uint8Array | null {
  if (hex.length % 2 !== 0 || !/^[0-9a-f]*$/.test(hex)) return null;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** Value of each base64 character by char code (−1: not base64). */
const B64_INDEX = new Int8Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) B64_INDEX[B64.charCodeAt(i)] = i;

/** Standard base64 (RFC 4648 §4) with `=` padding. */
export function toBase64(bytes: Uint8Array): string {
  let s = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n =
      ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    s += B64[n >> 18]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + B64[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] as number) << 16;
    s += B64[n >> 18]! + B64[(n >> 12) & 63]! + '==';
  } else if (rest === 2) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8);
    s += B64[n >> 18]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + '=';
  }
  return s;
}

/** Value of base64 character code `c`, −1 if it is not one. */
export function b64(c: number): number {
  return c < 128 ? (B64_INDEX[c] as number) : -1;
}

/**
 * Strict base64: padded, no whitespace, and canonical (re-encoding gives the same text, so unused
 * low bits of the last character must be zero). Anything else → `null`.
 */
export function fromBase64(text: string): Uint8Array | null {
  const codes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) return null;
    codes[i] = c;
  }
  return fromBase64Bytes(codes, 0, codes.length);
}

/** `fromBase64` of the ASCII text in `bytes[start, end)`. */
export function fromBase64Bytes(bytes: Uint8Array, start: number, end: number): Uint8Array | null {
  const n = end - start;
  if (n % 4 !== 0) return null;
  if (n === 0) return new Uint8Array(0);
  const pad = bytes[end - 1] === 0x3d ? (bytes[end - 2] === 0x3d ? 2 : 1) : 0;
  const out = new Uint8Array((n / 4) * 3 - pad);
  const full = pad === 0 ? end : end - 4;
  let o = 0;
  for (let i = start; i < full; i += 4) {
    const a = b64(bytes[i]!);
    const b = b64(bytes[i + 1]!);
    const c = b64(bytes[i + 2]!);
    const d = b64(bytes[i + 3]!);
    if ((a | b | c | d) < 0) return null;
    const v = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = v >> 16;
    out[o++] = (v >> 8) & 0xff;
    out[o++] = v & 0xff;
  }
  if (pad === 0) return out;
  const a = b64(bytes[full]!);
  const b = b64(bytes[full + 1]!);
  if ((a | b) < 0) return null;
  if (pad === 2) {
    if ((b & 0x0f) !== 0) return null;
    out[o] = (a << 2) | (b >> 4);
    return out;
  }
  const c = b64(bytes[full + 2]!);
  if (c < 0 || (c & 0x03) !== 0) return null;
  out[o++] = (a << 2) | (b >> 4);
  out[o] = ((b & 0x0f) << 4) | (c >> 2);
  return out;
}
