import canonicalize from 'canonicalize';
import { fromBase64 } from './bytes';
import { jsonProblem, MAX_JSON_DEPTH } from './canonical';
import { describeIssues, LedgerRecordV1, type LedgerRecord } from './record';
import { isUnsignedRecordShape } from './record-shape';

/**
 * The checks of one ledger line that need no other line (FORMAT.md §9 steps 2.1–2.4): JSON,
 * bounded depth, RFC 8785 canonical form, the record rules of §2. Pure and synchronous, so the
 * same code runs in the verifier's thread and in worker threads.
 *
 * Fast path (`fastCheck`): the sig member cut out where the format puts it, `JSON.parse` of the
 * rest, the hand-written shape check, and a proof that the line is canonical (keys sorted, and
 * `JSON.stringify` gives the line back).
 * Anything the fast path does not prove goes through the plain path (canonicalize and zod), which
 * decides and words every finding — so both give the same verdicts (property-tested).
 */

export type LineFailureCode = 'TORN_RECORD' | 'MALFORMED_RECORD' | 'NOT_CANONICAL';

export type LineVerdict =
  | {
      readonly ok: true;
      readonly record: LedgerRecord;
      /**
       * Where the member `,"sig":"…"` is in the line (UTF-16 offsets, end exclusive): the line
       * without it is JCS of the record without `sig`, what the hash and signature cover (§3).
       */
      readonly sigStart: number;
      readonly sigEnd: number;
      /** The decoded `sig`; null when it is not canonical base64 (a BAD_SIGNATURE, step 2.8). */
      readonly signature: Uint8Array | null;
    }
  | { readonly ok: false; readonly code: LineFailureCode; readonly message: string };

function failure(code: LineFailureCode, message: string): LineVerdict {
  return { ok: false, code, message };
}

/** Keys in strictly ascending UTF-16 order at every level, and no container deeper than 16. */
function sortedAndBounded(value: unknown, depth: number): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (depth > MAX_JSON_DEPTH) return false;
  if (Array.isArray(value)) {
    for (const item of value) if (!sortedAndBounded(item, depth + 1)) return false;
    return true;
  }
  let previous: string | null = null;
  for (const key in value) {
    if (previous !== null && !(previous < key)) return false;
    previous = key;
    if (!sortedAndBounded((value as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}

/**
 * The offsets of `,"sig":"…"` in the canonical line of record `r`. After `sig` come exactly
 * `subject` (arrays of strings), `tool` (strings) and `v` (§2): no object opens there, and no
 * string holds an unescaped quote, so the last `","subject":{` in the line is where the sig value
 * ends and the subject member starts.
 */
function sigSpan(text: string, r: LedgerRecord): { sigStart: number; sigEnd: number } {
  const sigEnd = text.lastIndexOf('","subject":{') + 1;
  return { sigStart: sigEnd - r.sig.length - 9, sigEnd };
}

/** Decodes canonical base64 (`fromBase64`'s contract), or null. */
export type Base64Decoder = (text: string) => Uint8Array | null;

/**
 * True when `text` is exactly the JCS of `r`, an unsigned record that passed the shape check
 * (false: not proven). With every key in sorted order (the shape check saw the record, actor and
 * subject members in canonical order; details and tool are walked), `JSON.stringify` of a JSON
 * value is its JCS (RFC 8785 §3.2.2 uses ECMAScript's string and number serialisation;
 * canonicalize 4.0.0 calls JSON.stringify for both) except for lone surrogates, which
 * canonicalize refuses: a `\ud` escape in the text sends the line to the plain path.
 */
function provenCanonical(text: string, r: Omit<LedgerRecord, 'sig'>): boolean {
  if (!sortedAndBounded(r.details, 2) || !sortedAndBounded(r.tool, 2)) return false;
  if (text.includes('\\ud')) return false;
  // zod's copies drop a "__proto__" member: the plain path returns what it returns.
  if (text.includes('"__proto__"')) return false;
  return JSON.stringify(r) === text;
}

/**
 * Parses one canonical JSON line: JSON, plain and bounded, and byte-identical to its JCS.
 * `isLast`: the line is the last of the ledger (JSON that does not parse there is a torn write).
 */
export function parseCanonical(
  text: string,
  isLast: boolean,
): { ok: true; value: unknown } | { ok: false; code: LineFailureCode; message: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return {
      ok: false,
      code: isLast ? 'TORN_RECORD' : 'MALFORMED_RECORD',
      message: 'the line is not JSON',
    };
  }
  const problem = jsonProblem(value);
  if (problem !== null) return { ok: false, code: 'MALFORMED_RECORD', message: problem };
  let canonical: string | undefined;
  try {
    canonical = canonicalize(value);
  } catch {
    return {
      ok: false,
      code: 'NOT_CANONICAL',
      message: 'the line cannot be canonicalised (RFC 8785)',
    };
  }
  if (canonical !== text)
    return {
      ok: false,
      code: 'NOT_CANONICAL',
      message: 'the line is not in RFC 8785 canonical form',
    };
  return { ok: true, value };
}

/** The plain path: canonicalize and zod, as FORMAT.md §9 words it. */
export function checkRecordLinePlain(
  text: string,
  isLast: boolean,
  decode: Base64Decoder = fromBase64,
): LineVerdict {
  if (text === '') return failure('MALFORMED_RECORD', 'empty line');
  const parsed = parseCanonical(text, isLast);
  if (!parsed.ok) return parsed;
  const result = LedgerRecordV1.safeParse(parsed.value);
  if (!result.success) return failure('MALFORMED_RECORD', describeIssues(result.error));
  // The line is canonical, so it is JCS(unsigned) with the sig member put in (tested).
  const record = result.data;
  return { ok: true, record, ...sigSpan(text, record), signature: decode(record.sig) };
}

/**
 * The fast path with the sig member taken to start at `sigStart`, or null when that proves
 * nothing. The member is cut out first, so the parse and the canonical proof run on the unsigned
 * line (less than half of a line); the cut is accepted only if its value is canonical base64 and
 * the rest is the JCS of a valid unsigned record whose top-level `subject` member starts exactly at
 * the cut: then the line is the JCS of the record (the sorted place of `sig` is before `subject`).
 */
function fastCheck(text: string, decode: Base64Decoder, sigStart: number): LineVerdict | null {
  if (sigStart < 0) return null;
  const sigValueEnd = text.indexOf('"', sigStart + 8);
  if (sigValueEnd < 0) return null;
  const sig = text.slice(sigStart + 8, sigValueEnd);
  // Decodes to bytes: then `sig` is base64 characters only and matches the schema's pattern.
  const signature = decode(sig);
  if (signature === null || signature.length === 0) return null;
  const sigEnd = sigValueEnd + 1;
  const unsigned = text.slice(0, sigStart) + text.slice(sigEnd);
  let value: unknown;
  try {
    value = JSON.parse(unsigned);
  } catch {
    return null;
  }
  if (!isUnsignedRecordShape(value) || !provenCanonical(unsigned, value)) return null;
  // The cut is where the top-level subject member starts: the last `,"subject":{` of the JCS
  // of a valid unsigned record (after it only arrays of strings, strings and `v`).
  if (unsigned.lastIndexOf(',"subject":{') !== sigStart) return null;
  const record = value as LedgerRecord;
  record.sig = sig;
  return { ok: true, record, sigStart, sigEnd, signature };
}

/**
 * Steps 2.1 (empty line) to 2.4 of one complete, strictly UTF-8-decoded line. `decode`: a faster
 * decoder with `fromBase64`'s exact contract, where the runtime has one.
 */
export function checkRecordLine(
  text: string,
  isLast: boolean,
  decode: Base64Decoder = fromBase64,
): LineVerdict {
  // The first `,"sig":"` is the member's unless details hold one too: then the last is tried.
  const first = text.indexOf(',"sig":"');
  const verdict = fastCheck(text, decode, first);
  if (verdict !== null) return verdict;
  const last = text.lastIndexOf(',"sig":"');
  return (
    (last !== first ? fastCheck(text, decode, last) : null) ??
    checkRecordLinePlain(text, isLast, decode)
  );
}

/** Steps 1–2.4 for one piece of the ledger split at "\n" (`text` null: not strict UTF-8). */
export function checkSegment(
  segment: { readonly text: string | null; readonly bytes: number; readonly complete: boolean },
  isLast: boolean,
  maxBytes: number,
  decode: Base64Decoder = fromBase64,
): LineVerdict {
  if (!segment.complete)
    return failure('TORN_RECORD', 'the last line has no newline (an interrupted write)');
  if (segment.bytes > maxBytes)
    return failure('MALFORMED_RECORD', `the line is longer than ${maxBytes} bytes`);
  if (segment.text === null)
    return failure(isLast ? 'TORN_RECORD' : 'MALFORMED_RECORD', 'the line is not valid UTF-8');
  return checkRecordLine(segment.text, isLast, decode);
}

/** The line without its `sig` member: JCS of the unsigned record (§3). */
export function unsignedText(text: string, verdict: { sigStart: number; sigEnd: number }): string {
  return text.slice(0, verdict.sigStart) + text.slice(verdict.sigEnd);
}
