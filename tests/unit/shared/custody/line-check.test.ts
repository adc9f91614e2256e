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
import { golden, lineEdits as edits, reserialisedLine } from './fixture';

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
    fc.assert(
      fc.property(reserialisedLine, (text) => {
        if (text !== null) agree(text);
      }),
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
