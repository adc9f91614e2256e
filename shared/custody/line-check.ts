import canonicalize from 'canonicalize';
import { fromBase64 } from './bytes';
import { jsonProblem, MAX_JSON_DEPTH } from './canonical';
import { describeIssues, LedgerRecordV1, type LedgerRecord } from './record';
import { isLedgerRecordShape } from './record-shape';

/**
 * The checks of one ledger line that need no other line (FORMAT.md §9 steps 2.1–2.4): JSON,
 * bounded depth, RFC 8785 canonical form, the record rules of §2. Pure and synchronous, so the
 * same code runs in the verifier's thread and in worker threads.
 *
 * Fast path: `JSON.parse`, the hand-written shape check, then a proof that the line is canonical
 * by rebuilding it with `JSON.stringify` around the fixed-format members (see `canonicalLine`).
 * Anything the fast path does not prove goes through the plain path (canonicalize and zod), which
 * decides and words every finding — so both give the same verdicts (property-tested).
 */

export type LineFailureCode = 'TORN_RECORD' | 'MALFORMED_RECORD' | 'NOT_CANONICAL';

export type LineVerdict =
  | {
      readonly ok: true;
      readonly record: LedgerRecord;
      /** JCS of the record without `sig`: what the record hash and signature cover (§3). */
      readonly unsigned: string;
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
 * For a record that passed the shape check: JCS of it without `sig` if `text` is exactly its
 * JCS, else `null` (not proven; the plain path decides). With every key already sorted,
 * `JSON.stringify` of a JSON value is its JCS (RFC 8785 §3.2.2 uses ECMAScript's string and
 * number serialisation; canonicalize 4.0.0 calls JSON.stringify for both) except for lone
 * surrogates, which canonicalize refuses: a `\ud` escape in the text sends the line to the plain
 * path. The fixed-format members (action, at, prev, seq, sig, v) need no escaping.
 */
function canonicalLine(text: string, r: LedgerRecord): string | null {
  // The shape check saw the members of the record, actor and subject in canonical order.
  if (!sortedAndBounded(r.details, 2) || !sortedAndBounded(r.tool, 2)) return null;
  if (text.includes('\\ud')) return null;
  // zod's copy of `details` drops a "__proto__" member: the plain path returns what it returns.
  if (text.includes('"__proto__"')) return null;
  const head =
    `{"action":"${r.action}","actor":${JSON.stringify(r.actor)},"at":"${r.at}",` +
    `"details":${JSON.stringify(r.details)},"prev":"${r.prev}","reason":${JSON.stringify(r.reason)},` +
    `"seq":${String(r.seq)}`;
  const tail = `,"subject":${JSON.stringify(r.subject)},"tool":${JSON.stringify(r.tool)},"v":1}`;
  const sigAt = head.length + 8; // after ,"sig":"
  if (text.length !== sigAt + r.sig.length + 1 + tail.length) return null;
  if (!text.startsWith(head) || !text.endsWith(tail)) return null;
  if (!text.startsWith(',"sig":"', head.length) || !text.startsWith(r.sig, sigAt)) return null;
  if (text.charCodeAt(sigAt + r.sig.length) !== 0x22) return null;
  return head + tail;
}

function withoutSig<T extends { sig: string }>(value: T): Omit<T, 'sig'> {
  const copy: Partial<T> = { ...value };
  delete copy.sig;
  return copy as Omit<T, 'sig'>;
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
export function checkRecordLinePlain(text: string, isLast: boolean): LineVerdict {
  if (text === '') return failure('MALFORMED_RECORD', 'empty line');
  const parsed = parseCanonical(text, isLast);
  if (!parsed.ok) return parsed;
  const result = LedgerRecordV1.safeParse(parsed.value);
  if (!result.success) return failure('MALFORMED_RECORD', describeIssues(result.error));
  return {
    ok: true,
    record: result.data,
    unsigned: canonicalize(withoutSig(parsed.value as LedgerRecord))!,
    signature: fromBase64(result.data.sig),
  };
}

/** Steps 2.1 (empty line) to 2.4 of one complete, strictly UTF-8-decoded line. */
export function checkRecordLine(text: string, isLast: boolean): LineVerdict {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return checkRecordLinePlain(text, isLast);
  }
  if (isLedgerRecordShape(value)) {
    // Decodes to bytes: then `sig` also matches the schema's Base64 pattern.
    const signature = fromBase64(value.sig);
    const unsigned = signature !== null && signature.length > 0 ? canonicalLine(text, value) : null;
    if (unsigned !== null) return { ok: true, record: value, unsigned, signature };
  }
  return checkRecordLinePlain(text, isLast);
}

/** Steps 1–2.4 for one piece of the ledger split at "\n" (`text` null: not strict UTF-8). */
export function checkSegment(
  segment: { readonly text: string | null; readonly bytes: number; readonly complete: boolean },
  isLast: boolean,
  maxBytes: number,
): LineVerdict {
  if (!segment.complete)
    return failure('TORN_RECORD', 'the last line has no newline (an interrupted write)');
  if (segment.bytes > maxBytes)
    return failure('MALFORMED_RECORD', `the line is longer than ${maxBytes} bytes`);
  if (segment.text === null)
    return failure(isLast ? 'TORN_RECORD' : 'MALFORMED_RECORD', 'the line is not valid UTF-8');
  return checkRecordLine(segment.text, isLast);
}
