import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkRecordLine,
  checkRecordLinePlain,
  fromBase64,
  isLedgerRecordShape,
  LedgerRecordV1,
  unsignedText,
} from '../../../../shared/custody';
import { golden } from './fixture';

/**
 * The verifier's fast line check (JSON.parse, hand-written shape check, canonical form proven by
 * rebuilding the line) must answer exactly as the plain one (canonicalize + zod) — verdict, code,
 * message, record, signed bytes — on the golden lines and on random damage to them.
 */
const lines = golden.ledgerText.split('\n').slice(0, -1);

function agree(text: string, isLast = false): void {
  const fast = checkRecordLine(text, isLast);
  const plain = checkRecordLinePlain(text, isLast);
  expect(fast, text.slice(0, 80)).toEqual(plain);
  if (fast.ok) {
    // The line without its sig member is JCS of the unsigned record (FORMAT.md §3).
    const { sig: _sig, ...unsigned } = JSON.parse(text) as Record<string, unknown>;
    expect(unsignedText(text, fast)).toBe(canonicalize(unsigned));
  }
}

/** Text edits that keep the line JSON-ish: the places a canonical check can go wrong. */
const edits: ReadonlyArray<[RegExp | string, string]> = [
  [',"v":1}', ',"v":1.0}'],
  [',"v":1}', ',"v":1e0}'],
  [',"v":1}', ', "v":1}'],
  ['"seq":', '"seq":-0+'],
  ['{"action"', '{ "action"'],
  ['"reason":"', '"reason":"\\u0041'],
  ['"reason":"', '"reason":"\\ud800'],
  ['"reason":"', '"reason":"\\/'],
  ['"reason":"', '"reason":"é'],
  ['"reason":"', '"reason":"\\u00e9'],
  ['"details":{', '"details":{"10":1,"9":2,'],
  ['"details":{', '"details":{"9":2,"10":1,'],
  ['"details":{', '"details":{"a":[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]],'],
  ['"details":{', '"details":{"a":[[[[[[[[[[[[[[1]]]]]]]]]]]]]],'],
  ['"details":{', '"details":{"__proto__":1,'],
  ['"details":{', '"details":{"a":1,"sig":"QUJD",'],
  ['"details":{', '"details":{"a":1,"sig":"QUJD","subject":{},'],
  ['"details":{', '"details":{"a":{"seq":1,"subject":{}},'],
  ['"details":{', '"details":{"a":",\\"sig\\":\\"QUJD\\"",'],
  ['"details":{', '"details":{"a":1e400,'],
  ['"details":{', '"details":{"a":1,"a":1,'],
  ['"details":{', '"details":{"z":1,"a":1,'],
  ['"tool":{', '"tool":{"zz":"1","aa":"2",'],
  ['"tool":{', '"tool":{"engine":"x",'],
  ['"tool":{', '"tool":{"sig":"x",'],
  ['"subject":{', '"subject":{"ids":["a"],'],
  ['"subject":{', '"subject":{"zz":[],'],
  ['"sig":"', '"sig":"A'],
  ['"sig":"', '"sig":"AAAA'],
  [/"sig":"[^"]*"/, '"sig":""'],
  [/"sig":"[^"]*"/, '"sig":"QR=="'],
  [/"sig":"[^"]*"/, '"sig":"QQ-_"'],
  [/"sig":"[^"]*"/, '"sig":1'],
  [/"at":"[^"]*"/, '"at":"2026-02-29T10:00:00.000Z"'],
  [/"at":"[^"]*"/, '"at":"2028-02-29T10:00:00.000Z"'],
  [/"at":"[^"]*"/, '"at":"2026-03-02T24:00:00.000Z"'],
  [/"at":"[^"]*"/, '"at":"2026-03-02T23:59:60.000Z"'],
  [/"at":"[^"]*"/, '"at":"2026-04-31T10:00:00.000Z"'],
  [/"at":"[^"]*"/, '"at":"0000-01-01T00:00:00.000Z"'],
  [/"at":"[^"]*"/, '"at":"2026-03-02T09:00:00Z"'],
  [/"prev":"[^"]*"/, `"prev":"${'A'.repeat(64)}"`],
  [/"name":"[^"]*"/, '"name":"a\\u0000b"'],
  [/"name":"[^"]*"/, '"name":""'],
  [/"action":"[^"]*"/, '"action":"case.deleted"'],
  [/"action":"[^"]*"/, '"action":"artefact.verified"'],
  [/"action":"[^"]*"/, '"action":"checkpoint.signed"'],
  [/"action":"[^"]*"/, '"action":"ledger.recovered"'],
];

describe('fast and plain line checks agree', () => {
  it('on every golden line (and both accept it)', () => {
    for (const line of lines) {
      agree(line);
      expect(checkRecordLine(line, false).ok).toBe(true);
    }
  });

  it('on hand-picked edits of every golden line', () => {
    for (const line of lines) {
      for (const [from, to] of edits) {
        const text = line.replace(from, to);
        agree(text);
        agree(text, true);
      }
    }
  });

  it('on any single-character change, insertion or deletion', () => {
    fc.assert(
      fc.property(
        fc.nat(lines.length - 1),
        fc.nat(2000),
        fc.constantFrom('delete', 'insert', 'replace'),
        fc.constantFrom(...'{}[],:"\\ 0019aefAZ+/=.-eE_\u00e9\u0000'),
        (i, at, kind, ch) => {
          const line = lines[i]!;
          const p = at % (line.length + 1);
          const text =
            kind === 'delete'
              ? line.slice(0, p) + line.slice(p + 1)
              : kind === 'insert'
                ? line.slice(0, p) + ch + line.slice(p)
                : line.slice(0, p) + ch + line.slice(p + 1);
          agree(text, i === lines.length - 1);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('on records re-serialised with random member values', () => {
    const json = fc.jsonValue({ maxDepth: 4 });
    fc.assert(
      fc.property(
        fc.nat(lines.length - 1),
        fc.constantFrom('details', 'tool', 'subject', 'actor', 'reason', 'seq', 'v', 'x'),
        json,
        fc.boolean(),
        (i, member, value, sorted) => {
          const record = JSON.parse(lines[i]!) as Record<string, unknown>;
          record[member] = value;
          const keys = Object.keys(record);
          if (sorted) keys.sort();
          const text = `{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(record[k])}`).join(',')}}`;
          agree(text);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('isLedgerRecordShape', () => {
  /** Never laxer than the zod schema (it may refuse more: the plain path then decides). */
  function neverLaxer(value: unknown): void {
    if (!isLedgerRecordShape(value)) return;
    const sig = fromBase64(value.sig);
    if (sig === null || sig.length === 0) return; // the fast path goes plain for these
    expect(LedgerRecordV1.safeParse(value).success, JSON.stringify(value).slice(0, 200)).toBe(true);
  }

  it('accepts the golden records', () => {
    for (const line of lines) expect(isLedgerRecordShape(JSON.parse(line))).toBe(true);
  });

  it('is never laxer than LedgerRecordV1, for random values of any member', () => {
    const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const anything = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.string(),
      fc.integer(),
      fc.double(),
      fc.constantFrom(
        '2026-02-29T00:00:00.000Z',
        '2024-02-29T00:00:00.000Z',
        '1900-02-29T00:00:00.000Z',
        '2000-02-29T00:00:00.000Z',
        '2026-12-31T23:59:59.999Z',
        '2026-00-10T00:00:00.000Z',
        '2026-13-10T00:00:00.000Z',
        '2026-01-00T00:00:00.000Z',
        'a'.repeat(64),
        'g'.repeat(64),
        Number.MAX_SAFE_INTEGER + 1,
        -1,
        0.5,
      ),
    );
    const paths: string[][] = [
      ['v'],
      ['seq'],
      ['prev'],
      ['at'],
      ['actor'],
      ['actor', 'name'],
      ['actor', 'cert'],
      ['actor', 'extra'],
      ['action'],
      ['subject'],
      ['subject', 'artefacts'],
      ['subject', 'ids'],
      ['subject', 'other'],
      ['reason'],
      ['details'],
      ['details', 'examiner'],
      ['details', 'to'],
      ['details', 'transfer'],
      ['details', 'size'],
      ['details', 'quarantine'],
      ['tool'],
      ['tool', 'sealcase'],
      ['tool', 'engine'],
      ['sig'],
      ['extra'],
    ];
    fc.assert(
      fc.property(
        fc.nat(records.length - 1),
        fc.constantFrom(...paths),
        anything,
        fc.constantFrom(...LedgerRecordV1.def.shape.action.options),
        (i, path, value, action) => {
          const record = structuredClone(records[i]!);
          record.action = action;
          let target: Record<string, unknown> = record;
          for (const key of path.slice(0, -1)) {
            if (typeof target[key] !== 'object' || target[key] === null) target[key] = {};
            target = target[key] as Record<string, unknown>;
          }
          target[path[path.length - 1]!] = value;
          neverLaxer(record);
        },
      ),
      { numRuns: 5000 },
    );
  });
});
