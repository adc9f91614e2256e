import { LEDGER_ACTIONS, LEDGER_VERSION, type LedgerAction, type LedgerRecord } from './record';

/**
 * A hand-written check of the record rules of FORMAT.md §2 for the verifier's hot path: about
 * 20× cheaper than `LedgerRecordV1.safeParse`. It is never laxer than the zod schema (property
 * test in tests/unit/shared/custody/record-shape.test.ts); when it says no, the caller asks zod,
 * which decides and words the finding.
 */

type Obj = Record<string, unknown>;

const ACTIONS: ReadonlySet<string> = new Set(LEDGER_ACTIONS);

function isObject(v: unknown): v is Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * Own keys are exactly `keys`, in that order (the canonical order: a record whose members are in
 * another order is not canonical, and the plain path words that).
 */
function hasExactly(v: Obj, keys: readonly string[]): boolean {
  const own = Object.keys(v);
  if (own.length !== keys.length) return false;
  for (let i = 0; i < keys.length; i++) if (own[i] !== keys[i]) return false;
  return true;
}

function isHex64(v: unknown): boolean {
  if (typeof v !== 'string' || v.length !== 64) return false;
  for (let i = 0; i < 64; i++) {
    const c = v.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return false;
  }
  return true;
}

function isString(v: unknown, min: number, max: number): v is string {
  return typeof v === 'string' && v.length >= min && v.length <= max;
}

function noControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return false;
  }
  return true;
}

const UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + (s.charCodeAt(i) - 0x30);
  return n;
}

/**
 * `YYYY-MM-DDTHH:MM:SS.mmmZ` naming a real instant: what `new Date(Date.parse(s)).toISOString()
 * === s` accepts (the schema's test), by field ranges (proleptic Gregorian, no 24:00, no :60).
 */
function isUtcMs(v: unknown): boolean {
  if (typeof v !== 'string' || !UTC_MS.test(v)) return false;
  const year = digits(v, 0, 4);
  const month = digits(v, 5, 7);
  const day = digits(v, 8, 10);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && leap ? 29 : DAYS[month - 1]!;
  return day <= days && digits(v, 11, 13) < 24 && digits(v, 14, 16) < 60 && digits(v, 17, 19) < 60;
}

const ACTOR_KEYS = ['cert', 'name'];

function isActor(v: unknown): boolean {
  return (
    isObject(v) &&
    hasExactly(v, ACTOR_KEYS) &&
    isString(v.name, 1, 200) &&
    noControl(v.name) &&
    isHex64(v.cert)
  );
}

function isSafeNat(v: unknown, min: number): boolean {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= min;
}

function isSubject(v: unknown): boolean {
  if (!isObject(v)) return false;
  const keys = Object.keys(v);
  if (keys.length > 2) return false;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const list = v[k];
    if (!Array.isArray(list) || list.length > 100_000) return false;
    if (k === 'artefacts' && i === 0) {
      for (const a of list) if (!isHex64(a)) return false;
    } else if (k === 'ids' && i === keys.length - 1) {
      for (const id of list) if (!isString(id, 1, 500)) return false;
    } else return false;
  }
  return true;
}

function isTool(v: unknown): boolean {
  if (!isObject(v) || !isString(v.sealcase, 1, 100)) return false;
  for (const k of Object.keys(v)) {
    if (k !== 'sealcase' && !isString(v[k], 0, 200)) return false;
  }
  return true;
}

const QUARANTINE_KEYS = ['bytes', 'file', 'sha256'];

/** The action-specific rules of §2.1 (the schema's superRefine). */
function actionRulesHold(action: LedgerAction, details: Obj, subject: Obj): boolean {
  switch (action) {
    case 'examiner.added':
      return isActor(details.examiner);
    case 'analysis.recorded':
      return isHex64(details.sha256);
    case 'custody.transferred':
      return isActor(details.to);
    case 'custody.accepted':
      return isHex64(details.transfer);
    case 'ledger.recovered': {
      const q = details.quarantine;
      return (
        isObject(q) &&
        hasExactly(q, QUARANTINE_KEYS) &&
        isString(q.file, 1, Infinity) &&
        isHex64(q.sha256) &&
        isSafeNat(q.bytes, 1)
      );
    }
    case 'checkpoint.signed':
      return isSafeNat(details.size, 1) && isHex64(details.root) && isHex64(details.checkpoint);
    case 'artefact.acquired':
    case 'artefact.verified':
      return Array.isArray(subject.artefacts) && subject.artefacts.length > 0;
    case 'case.created':
    case 'export.created':
      return true;
  }
}

const UNSIGNED_KEYS = [
  'action',
  'actor',
  'at',
  'details',
  'prev',
  'reason',
  'seq',
  'subject',
  'tool',
  'v',
];
const RECORD_KEYS = [...UNSIGNED_KEYS.slice(0, 7), 'sig', ...UNSIGNED_KEYS.slice(7)];

/** The member rules of §2 other than `sig`, on an object whose keys were checked. */
function membersHold(v: Obj): boolean {
  if (v.v !== LEDGER_VERSION || !isSafeNat(v.seq, 0) || !isHex64(v.prev)) return false;
  if (!isUtcMs(v.at) || !isActor(v.actor)) return false;
  if (typeof v.action !== 'string' || !ACTIONS.has(v.action)) return false;
  if (!isSubject(v.subject) || !isString(v.reason, 1, 4000)) return false;
  if (!isObject(v.details) || !isTool(v.tool)) return false;
  return actionRulesHold(v.action as LedgerAction, v.details, v.subject as Obj);
}

/**
 * True only for values `LedgerRecordV1` accepts, members in canonical order (it may say false for
 * some the schema accepts) — except that `sig` is only checked to be a string: the caller decodes
 * it (`fromBase64`), and a `sig` that decodes to at least one byte satisfies the schema's Base64.
 */
export function isLedgerRecordShape(v: unknown): v is LedgerRecord {
  return isObject(v) && hasExactly(v, RECORD_KEYS) && typeof v.sig === 'string' && membersHold(v);
}

/** The same for a record without its `sig` member (members in canonical order). */
export function isUnsignedRecordShape(v: unknown): v is Omit<LedgerRecord, 'sig'> {
  return isObject(v) && hasExactly(v, UNSIGNED_KEYS) && membersHold(v);
}
