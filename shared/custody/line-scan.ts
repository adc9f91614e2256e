import { fromBase64Bytes, utf8Encode } from './bytes';
import { MAX_JSON_DEPTH } from './canonical';
import type { LedgerAction } from './record';

/**
 * The line-check workers' first try at a line (FORMAT.md §9 steps 2.1–2.4), on its UTF-8 bytes,
 * with no decoding, no JSON.parse and no object built: one pass that accepts only the plainest
 * canonical records — members in canonical order, no whitespace, strings without escapes (their
 * bytes are strict UTF-8, checked here, and are their own JCS), integers of at most 15 digits,
 * ASCII keys in strictly ascending order, nesting within the bound, and an action whose rules
 * need no `details` member (`case.created`, `artefact.acquired`, `artefact.verified`,
 * `export.created`).
 *
 * It proves, never decides: `null` means "not proven" and the caller runs the general check
 * (`checkSegment` on the decoded line), which decides and words every finding. A line it accepts
 * is one the plain path (strict UTF-8, canonicalize, zod) accepts, with the same fields and the
 * same sig member (property-tested in tests/unit/shared/custody/line-scan.test.ts). Call it on a
 * complete line (without its "\n") within the size bound.
 */
export interface ScannedLine {
  readonly seq: number;
  readonly action: LedgerAction;
  /** Byte offset of `actor.cert`'s 64 hex digits. */
  readonly certAt: number;
  /** Byte offset of `prev`'s 64 hex digits. */
  readonly prevAt: number;
  /** `at` in ms since the epoch (what `Date.parse` gives). */
  readonly atMs: number;
  /** The member `,"sig":"…"` (byte offsets, end exclusive). */
  readonly sigStart: number;
  readonly sigEnd: number;
  /** The decoded signature (canonical base64, at least one byte). */
  readonly signature: Uint8Array;
}

/** `fromBase64Bytes`'s exact contract, perhaps faster where the runtime has a decoder. */
export type Base64BytesDecoder = (
  bytes: Uint8Array,
  start: number,
  end: number,
) => Uint8Array | null;

const NO = -1;
const QUOTE = 0x22;

/** The actions whose §2.1 rules the scan checks itself (none reads `details`). */
const SCANNED_ACTIONS: ReadonlyArray<readonly [Uint8Array, LedgerAction, boolean]> = (
  [
    ['case.created', false],
    ['artefact.acquired', true],
    ['artefact.verified', true],
    ['export.created', false],
  ] as const
).map(([action, needsArtefacts]) => [
  utf8Encode(`${action}","actor":{"cert":"`)!,
  action,
  needsArtefacts,
]);

const OPEN = utf8Encode('{"action":"')!;
const NAME = utf8Encode('","name":')!;
const AT = utf8Encode('},"at":"')!;
const DETAILS = utf8Encode('","details":')!;
const PREV = utf8Encode(',"prev":"')!;
const REASON = utf8Encode('","reason":')!;
const SEQ = utf8Encode(',"seq":')!;
const SIG = utf8Encode(',"sig":"')!;
const SUBJECT = utf8Encode(',"subject":{')!;
const ARTEFACTS = utf8Encode('"artefacts":[')!;
const IDS = utf8Encode('"ids":[')!;
const TOOL = utf8Encode(',"tool":')!;
const END = utf8Encode(',"v":1}')!;
const TRUE = utf8Encode('true')!;
const FALSE = utf8Encode('false')!;
const NULL = utf8Encode('null')!;
const PROTO = utf8Encode('__proto__')!;
const SEALCASE = utf8Encode('sealcase')!;

/** `lit` at `at` (within `end`): the offset after it. */
function literal(b: Uint8Array, at: number, end: number, lit: Uint8Array): number {
  if (at === NO || at + lit.length > end) return NO;
  for (let i = 0; i < lit.length; i++) if (b[at + i] !== lit[i]) return NO;
  return at + lit.length;
}

/** UTF-16 length of the last string `plainString` accepted, and whether it was all ASCII. */
let units = 0;
let asciiOnly = true;

function isContinuation(c: number | undefined): boolean {
  return c !== undefined && (c & 0xc0) === 0x80;
}

/**
 * A string at `at` with no escape and no control character, its bytes strict UTF-8 (RFC 3629: no
 * overlong form, no surrogate, nothing past U+10FFFF): its JCS is its own bytes. Sets `units` and
 * `asciiOnly`; returns the offset after the closing quote.
 */
function plainString(b: Uint8Array, at: number, end: number): number {
  if (at === NO || b[at] !== QUOTE) return NO;
  let n = 0;
  let plain = true;
  for (let i = at + 1; i < end; i++) {
    const c = b[i]!;
    if (c === QUOTE) {
      units = n;
      asciiOnly = plain;
      return i + 1;
    }
    n++;
    if (c < 0x80) {
      if (c < 0x20 || c === 0x5c) return NO;
      continue;
    }
    plain = false;
    const c1 = b[i + 1];
    if (c >= 0xc2 && c <= 0xdf) {
      if (!isContinuation(c1)) return NO;
      i += 1;
    } else if (c >= 0xe0 && c <= 0xef) {
      const low = c === 0xe0 ? 0xa0 : 0x80;
      const high = c === 0xed ? 0x9f : 0xbf;
      if (c1 === undefined || c1 < low || c1 > high || !isContinuation(b[i + 2])) return NO;
      i += 2;
    } else if (c >= 0xf0 && c <= 0xf4) {
      const low = c === 0xf0 ? 0x90 : 0x80;
      const high = c === 0xf4 ? 0x8f : 0xbf;
      if (c1 === undefined || c1 < low || c1 > high) return NO;
      if (!isContinuation(b[i + 2]) || !isContinuation(b[i + 3])) return NO;
      n++; // a surrogate pair
      i += 3;
    } else return NO;
  }
  return NO;
}

/** A plain string (see plainString) whose value is `min`..`max` UTF-16 units long. */
function boundedString(b: Uint8Array, at: number, end: number, min: number, max: number): number {
  const after = plainString(b, at, end);
  return after !== NO && units >= min && units <= max ? after : NO;
}

function isDigit(c: number | undefined): boolean {
  return c !== undefined && c >= 0x30 && c <= 0x39;
}

/** 64 lower-case hex digits at `at`. Returns the offset after them. */
function hex64(b: Uint8Array, at: number, end: number): number {
  if (at === NO || at + 64 > end) return NO;
  for (let i = at; i < at + 64; i++) {
    const c = b[i]!;
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return NO;
  }
  return at + 64;
}

/**
 * An integer in canonical form (`0`, or an optional `-` and a non-zero digit, at most 15 digits:
 * exact, and printed back the same by ECMAScript). `-0`, fractions and exponents are not proven.
 */
function integer(b: Uint8Array, at: number, negative: boolean): number {
  if (at === NO) return NO;
  let i = at;
  if (negative && b[i] === 0x2d) i++;
  if (b[i] === 0x30) return i === at && !isDigit(b[i + 1]) ? i + 1 : NO;
  if (!isDigit(b[i])) return NO;
  let j = i + 1;
  while (isDigit(b[j])) j++;
  return j - i <= 15 ? j : NO;
}

/** Any plain canonical JSON value at `at`, whose containers sit at nesting `depth`. */
function value(b: Uint8Array, at: number, end: number, depth: number): number {
  const c = b[at];
  if (c === 0x7b) return object(b, at, end, depth);
  if (c === 0x5b) return array(b, at, end, depth);
  if (c === QUOTE) return plainString(b, at, end);
  if (c === 0x74) return literal(b, at, end, TRUE);
  if (c === 0x66) return literal(b, at, end, FALSE);
  if (c === 0x6e) return literal(b, at, end, NULL);
  return integer(b, at, true);
}

/**
 * The key at `at` (a plain ASCII string, not `__proto__`: JSON.parse makes that an own member and
 * zod's copies drop it) is after the key at `previous` (NO: none) in byte order, which for ASCII is
 * UTF-16 order, so keys are strictly ascending and none is repeated. Returns the offset after it.
 */
function nextKey(b: Uint8Array, at: number, end: number, previous: number): number {
  const after = plainString(b, at, end);
  if (after === NO || !asciiOnly || b[after] !== 0x3a) return NO;
  const n = after - at - 2;
  if (n === PROTO.length && literal(b, at + 1, end, PROTO) !== NO) return NO;
  if (previous === NO) return after;
  for (let i = 1; ; i++) {
    const p = b[previous + i]!;
    const c = b[at + i]!;
    if (p === QUOTE) return c === QUOTE ? NO : after; // a proper prefix comes first
    if (c === QUOTE || c < p) return NO;
    if (c > p) return after;
  }
}

/** An object at nesting `depth`: keys as `nextKey` says, plain values. */
function object(b: Uint8Array, at: number, end: number, depth: number): number {
  if (at === NO || depth > MAX_JSON_DEPTH || b[at] !== 0x7b) return NO;
  let i = at + 1;
  if (b[i] === 0x7d) return i + 1;
  let previous = NO;
  for (;;) {
    const keyEnd = nextKey(b, i, end, previous);
    if (keyEnd === NO) return NO;
    previous = i;
    const after = value(b, keyEnd + 1, end, depth + 1);
    if (after === NO) return NO;
    if (b[after] === 0x7d) return after + 1;
    if (b[after] !== 0x2c) return NO;
    i = after + 1;
  }
}

function array(b: Uint8Array, at: number, end: number, depth: number): number {
  if (depth > MAX_JSON_DEPTH) return NO;
  let i = at + 1;
  if (b[i] === 0x5d) return i + 1;
  for (;;) {
    const after = value(b, i, end, depth + 1);
    if (after === NO) return NO;
    if (b[after] === 0x5d) return after + 1;
    if (b[after] !== 0x2c) return NO;
    i = after + 1;
  }
}

/** Items of the last `list`. */
let items = 0;

/**
 * The items of a list whose `[` is just before `at`: at most 100,000 quoted hex digests
 * (`hex`) or strings of 1–500 UTF-16 units, then `]`. Sets `items`.
 */
function list(b: Uint8Array, at: number, end: number, hex: boolean): number {
  if (at === NO) return NO;
  if (b[at] === 0x5d) {
    items = 0;
    return at + 1;
  }
  let i = at;
  for (let n = 1; n <= 100_000; n++) {
    const after = hex
      ? b[i] === QUOTE && hex64(b, i + 1, end) !== NO && b[i + 65] === QUOTE
        ? i + 66
        : NO
      : boundedString(b, i, end, 1, 500);
    if (after === NO) return NO;
    if (b[after] === 0x5d) {
      items = n;
      return after + 1;
    }
    if (b[after] !== 0x2c) return NO;
    i = after + 1;
  }
  return NO;
}

/** §2 `subject` after its `{`: nothing, `artefacts`, `ids`, or both in that order; then `}`. */
function subject(b: Uint8Array, at: number, end: number, needsArtefacts: boolean): number {
  let i = at;
  let artefacts = 0;
  const a = literal(b, i, end, ARTEFACTS);
  if (a !== NO) {
    i = list(b, a, end, true);
    artefacts = items;
    if (i !== NO && b[i] === 0x2c) i = list(b, literal(b, i + 1, end, IDS), end, false);
  } else {
    const ids = literal(b, i, end, IDS);
    if (ids !== NO) i = list(b, ids, end, false);
  }
  if (i === NO || b[i] !== 0x7d || (needsArtefacts && artefacts === 0)) return NO;
  return i + 1;
}

/** §2 `tool`: string members, `sealcase` present and 1–100 long, the others at most 200. */
function tool(b: Uint8Array, at: number, end: number): number {
  if (at === NO || b[at] !== 0x7b) return NO;
  let i = at + 1;
  let previous = NO;
  let sealcase = false;
  for (;;) {
    const keyEnd = nextKey(b, i, end, previous);
    if (keyEnd === NO) return NO;
    const isSealcase =
      keyEnd - i - 2 === SEALCASE.length && literal(b, i + 1, end, SEALCASE) !== NO;
    previous = i;
    const after = plainString(b, keyEnd + 1, end);
    if (after === NO || units > (isSealcase ? 100 : 200) || (isSealcase && units < 1)) return NO;
    sealcase ||= isSealcase;
    if (b[after] === 0x7d) return sealcase ? after + 1 : NO;
    if (b[after] !== 0x2c) return NO;
    i = after + 1;
  }
}

function digits(b: Uint8Array, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = b[i]!;
    if (c < 0x30 || c > 0x39) return NaN;
    n = n * 10 + (c - 0x30);
  }
  return n;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** 400 Gregorian years, in ms: Date.UTC reads years 0–99 as 1900–1999. */
const FOUR_CENTURIES_MS = 146_097 * 86_400_000;

/**
 * `YYYY-MM-DDTHH:MM:SS.mmmZ` at `at` naming a real instant (what the schema's `UtcMs` accepts:
 * `new Date(Date.parse(s)).toISOString() === s`), as ms since the epoch; NaN if not.
 */
export function utcMsAt(b: Uint8Array, at: number): number {
  if (b[at + 4] !== 0x2d || b[at + 7] !== 0x2d || b[at + 10] !== 0x54) return NaN;
  if (b[at + 13] !== 0x3a || b[at + 16] !== 0x3a || b[at + 19] !== 0x2e || b[at + 23] !== 0x5a)
    return NaN;
  const year = digits(b, at, at + 4);
  const month = digits(b, at + 5, at + 7);
  const day = digits(b, at + 8, at + 10);
  const hour = digits(b, at + 11, at + 13);
  const minute = digits(b, at + 14, at + 16);
  const second = digits(b, at + 17, at + 19);
  const ms = digits(b, at + 20, at + 23);
  if (!(month >= 1 && month <= 12 && day >= 1 && hour < 24 && minute < 60 && second < 60))
    return NaN;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (!(day <= (month === 2 && leap ? 29 : DAYS[month - 1]!)) || Number.isNaN(ms)) return NaN;
  return Date.UTC(year + 400, month - 1, day, hour, minute, second, ms) - FOUR_CENTURIES_MS;
}

/**
 * The record of the plain canonical line `b[start, end)` (without its "\n"), or null when this
 * scan proves nothing about it. `decode` decodes the sig value.
 */
export function scanRecordLine(
  b: Uint8Array,
  start: number,
  end: number,
  decode: Base64BytesDecoder = fromBase64Bytes,
): ScannedLine | null {
  const actionAt = literal(b, start, end, OPEN);
  if (actionAt === NO) return null;
  let kind: (typeof SCANNED_ACTIONS)[number] | undefined;
  let certAt = NO;
  for (const candidate of SCANNED_ACTIONS) {
    certAt = literal(b, actionAt, end, candidate[0]);
    if (certAt !== NO) {
      kind = candidate;
      break;
    }
  }
  if (kind === undefined) return null;
  const nameAt = literal(b, hex64(b, certAt, end), end, NAME);
  const nameEnd = boundedString(b, nameAt, end, 1, 200);
  if (nameEnd === NO) return null;
  for (let i = nameAt + 1; i < nameEnd - 1; i++) if (b[i] === 0x7f) return null;
  const atAt = literal(b, nameEnd, end, AT);
  if (atAt === NO || atAt + 25 > end || b[atAt + 24] !== QUOTE) return null;
  const atMs = utcMsAt(b, atAt);
  if (Number.isNaN(atMs)) return null;
  const detailsEnd = object(b, literal(b, atAt + 24, end, DETAILS), end, 2);
  const prevAt = literal(b, detailsEnd, end, PREV);
  const reasonAt = literal(b, hex64(b, prevAt, end), end, REASON);
  const seqAt = literal(b, boundedString(b, reasonAt, end, 1, 4000), end, SEQ);
  const sigStart = integer(b, seqAt, false);
  const sigAt = literal(b, sigStart, end, SIG);
  if (sigAt === NO) return null;
  const sigValueEnd = b.indexOf(QUOTE, sigAt);
  if (sigValueEnd === NO || sigValueEnd >= end) return null;
  const signature = decode(b, sigAt, sigValueEnd);
  if (signature === null || signature.length === 0) return null;
  const sigEnd = sigValueEnd + 1;
  const subjectEnd = subject(b, literal(b, sigEnd, end, SUBJECT), end, kind[2]);
  const toolEnd = tool(b, literal(b, subjectEnd, end, TOOL), end);
  if (literal(b, toolEnd, end, END) !== end) return null;
  return {
    seq: digits(b, seqAt, sigStart),
    action: kind[1],
    certAt,
    prevAt,
    atMs,
    sigStart,
    sigEnd,
    signature,
  };
}
