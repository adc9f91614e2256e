import { tlvLength } from './bytes';
import type { PdfFinding } from './findings';
import { MAX_CMS_BYTES } from './verify-signed-data';

/**
 * A bounded, hand-written scanner for PDF signature dictionaries. It looks only at what a
 * signature needs — `/ByteRange [a b c d]` and the `/Contents <hex>` hole between the ranges —
 * in one forward pass with fixed look-ahead; no regular expressions over the file.
 */

/** More signature dictionaries than this is refused. */
export const MAX_PDF_SIGNATURES = 16;
/** Bytes allowed between `/ByteRange` and the edge of its `/Contents` hole (one dictionary). */
export const MAX_SIG_DICT_SPAN = 64 * 1024;
const MAX_INTEGER_DIGITS = 15;

const BYTE_RANGE = ascii('/ByteRange');
const CONTENTS = ascii('/Contents');
const ENDOBJ = ascii('endobj');

function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

function isWhite(b: number | undefined): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0x0c || b === 0x00;
}

function matchesAt(bytes: Uint8Array, offset: number, word: Uint8Array): boolean {
  if (offset < 0 || offset + word.length > bytes.length) return false;
  for (let i = 0; i < word.length; i++) if (bytes[offset + i] !== word[i]) return false;
  return true;
}

/** Offsets of `word` in [from, to), found by the native first-byte search. */
function* occurrences(bytes: Uint8Array, word: Uint8Array, from = 0, to = bytes.length) {
  const first = word[0]!;
  let i = bytes.indexOf(first, from);
  while (i !== -1 && i + word.length <= to) {
    if (matchesAt(bytes, i, word)) yield i;
    i = bytes.indexOf(first, i + 1);
  }
}

export interface ScannedSignature {
  /** Offset of `/ByteRange`. */
  readonly offset: number;
  readonly byteRange: readonly [number, number, number, number] | null;
  /** True when the ranges cover every byte of the file except the /Contents hole. */
  readonly wholeFile: boolean;
  /** The CMS DER from the hole (zero padding removed), when the hole is well-formed. */
  readonly cms: Uint8Array | null;
  readonly findings: readonly PdfFinding[];
}

export interface PdfScan {
  readonly signatures: readonly ScannedSignature[];
  readonly findings: readonly PdfFinding[];
}

/** Finds every `/ByteRange` signature dictionary and reads its ranges and CMS. */
export function scanPdfSignatures(pdf: Uint8Array): PdfScan {
  const signatures: ScannedSignature[] = [];
  for (const offset of occurrences(pdf, BYTE_RANGE)) {
    const next = pdf[offset + BYTE_RANGE.length];
    if (!isWhite(next) && next !== 0x5b) continue; // `/ByteRangeX` is another name
    if (signatures.length === MAX_PDF_SIGNATURES) {
      return {
        signatures,
        findings: [
          {
            code: 'PDF_TOO_MANY_SIGNATURES',
            message: `more than ${MAX_PDF_SIGNATURES} signature dictionaries`,
            where: `byte ${offset}`,
          },
        ],
      };
    }
    signatures.push(readSignature(pdf, offset));
  }
  if (signatures.length === 0) {
    return {
      signatures,
      findings: [{ code: 'PDF_NO_SIGNATURE', message: 'the PDF has no /ByteRange signature' }],
    };
  }
  return { signatures, findings: [] };
}

function invalid(
  offset: number,
  code: 'PDF_BYTERANGE_INVALID' | 'PDF_CONTENTS_INVALID' | 'CMS_TOO_LARGE' | 'CMS_MALFORMED',
  message: string,
  byteRange: ScannedSignature['byteRange'] = null,
  where = `byte ${offset}`,
): ScannedSignature {
  return { offset, byteRange, wholeFile: false, cms: null, findings: [{ code, message, where }] };
}

/** `[ int int int int ]` after `/ByteRange`, or null. */
function readByteRange(pdf: Uint8Array, offset: number): [number, number, number, number] | null {
  let i = offset + BYTE_RANGE.length;
  while (isWhite(pdf[i])) i++;
  if (pdf[i] !== 0x5b) return null;
  i++;
  const values: number[] = [];
  for (;;) {
    while (isWhite(pdf[i])) i++;
    if (pdf[i] === 0x5d) break;
    if (values.length === 4) return null;
    let value = 0;
    let digits = 0;
    while (pdf[i] !== undefined && pdf[i]! >= 0x30 && pdf[i]! <= 0x39) {
      value = value * 10 + (pdf[i]! - 0x30);
      i++;
      if (++digits > MAX_INTEGER_DIGITS) return null;
    }
    if (digits === 0) return null;
    values.push(value);
  }
  const [a, b, c, d] = values;
  return a === undefined || b === undefined || c === undefined || d === undefined
    ? null
    : [a, b, c, d];
}

function readSignature(pdf: Uint8Array, offset: number): ScannedSignature {
  const byteRange = readByteRange(pdf, offset);
  if (byteRange === null) {
    return invalid(offset, 'PDF_BYTERANGE_INVALID', '/ByteRange is not an array of four integers');
  }
  const [a, b, c, d] = byteRange;
  if (a !== 0 || b < 2 || c <= b + 1 || c > pdf.length || c + d > pdf.length) {
    return invalid(
      offset,
      'PDF_BYTERANGE_INVALID',
      `/ByteRange [${byteRange.join(' ')}] does not fit a file of ${pdf.length} bytes`,
      byteRange,
    );
  }
  const where = `/Contents at byte ${b}`;

  // The hole is `<hex>`, preceded by `/Contents`, in the same dictionary as /ByteRange.
  if (pdf[b] !== 0x3c || pdf[c - 1] !== 0x3e) {
    return invalid(
      offset,
      'PDF_CONTENTS_INVALID',
      'the gap between the ranges is not a <hex> string',
      byteRange,
      where,
    );
  }
  let k = b - 1;
  while (k > b - 256 && isWhite(pdf[k])) k--;
  if (!matchesAt(pdf, k - CONTENTS.length + 1, CONTENTS)) {
    return invalid(
      offset,
      'PDF_CONTENTS_INVALID',
      'the gap between the ranges is not the value of /Contents',
      byteRange,
      where,
    );
  }
  const [spanStart, spanEnd] = offset < b ? [offset, b] : [c, offset];
  if (
    spanEnd - spanStart > MAX_SIG_DICT_SPAN ||
    occurrences(pdf, ENDOBJ, spanStart, spanEnd).next().done !== true
  ) {
    return invalid(
      offset,
      'PDF_CONTENTS_INVALID',
      '/ByteRange and /Contents are not in the same dictionary',
      byteRange,
      where,
    );
  }

  const hexLength = c - b - 2;
  if (hexLength % 2 !== 0) {
    return invalid(
      offset,
      'PDF_CONTENTS_INVALID',
      'odd number of hex digits in /Contents',
      byteRange,
      where,
    );
  }
  if (hexLength / 2 > MAX_CMS_BYTES) {
    return invalid(
      offset,
      'CMS_TOO_LARGE',
      `/Contents holds ${hexLength / 2} bytes; at most ${MAX_CMS_BYTES}`,
      byteRange,
      where,
    );
  }
  const raw = decodeHex(pdf, b + 1, c - 1);
  if (raw === null) {
    return invalid(
      offset,
      'PDF_CONTENTS_INVALID',
      '/Contents holds a non-hex digit or mixes upper and lower case',
      byteRange,
      where,
    );
  }
  const length = tlvLength(raw);
  if (length === null || length > raw.length) {
    return invalid(
      offset,
      'CMS_MALFORMED',
      '/Contents does not start with a complete DER object',
      byteRange,
      where,
    );
  }
  for (let i = length; i < raw.length; i++) {
    if (raw[i] !== 0) {
      return invalid(
        offset,
        'PDF_CONTENTS_INVALID',
        'bytes other than zero padding follow the CMS in /Contents',
        byteRange,
        where,
      );
    }
  }
  const wholeFile = c + d === pdf.length;
  return {
    offset,
    byteRange,
    wholeFile,
    cms: raw.subarray(0, length),
    findings: wholeFile
      ? []
      : [
          {
            code: 'PDF_NOT_WHOLE_FILE_SIGNED',
            message: `the signature covers ${b + d} of ${pdf.length} bytes besides its /Contents`,
            where: `byte ${c + d}`,
          },
        ],
  };
}

/** Hex digits in [from, to) → bytes; null for a non-hex digit or mixed letter case. */
function decodeHex(pdf: Uint8Array, from: number, to: number): Uint8Array | null {
  const out = new Uint8Array((to - from) / 2);
  let lower = false;
  let upper = false;
  const nibble = (x: number): number => {
    if (x >= 0x30 && x <= 0x39) return x - 0x30;
    if (x >= 0x61 && x <= 0x66) {
      lower = true;
      return x - 0x57;
    }
    if (x >= 0x41 && x <= 0x46) {
      upper = true;
      return x - 0x37;
    }
    return -1;
  };
  for (let i = from, o = 0; i < to; i += 2, o++) {
    const hi = nibble(pdf[i]!);
    const lo = nibble(pdf[i + 1]!);
    if (hi < 0 || lo < 0) return null;
    out[o] = (hi << 4) | lo;
  }
  return lower && upper ? null : out;
}
