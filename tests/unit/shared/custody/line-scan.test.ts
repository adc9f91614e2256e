import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkRecordLinePlain,
  fromBase64,
  fromBase64Bytes,
  scanRecordLine,
  toBase64,
  utcMsAt,
} from '../../../../shared/custody';
import { utf8Decode, utf8Encode } from '../../../../shared/custody/bytes';
import { UtcMs } from '../../../../shared/custody/record';
import { golden, lineEdits, reserialisedLine } from './fixture';

/**
 * The workers' byte scan proves lines, never decides them: whenever it accepts a line, the plain
 * path (strict UTF-8, canonicalize, zod) must accept it too, with the same seq, action, cert,
 * prev, time, signature and sig member. It must also accept the plain records a ledger is made
 * of, or it is no fast path at all.
 */
const lines = golden.ledgerText.split('\n').slice(0, -1);
const SCANNED = new Set([
  'case.created',
  'artefact.acquired',
  'artefact.verified',
  'export.created',
]);

const latin1 = (b: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...b.subarray(from, to));

/** Scans `bytes`; when it accepts, checks the plain path agrees. Returns whether it accepted. */
function agree(bytes: Uint8Array): boolean {
  const scanned = scanRecordLine(bytes, 0, bytes.length);
  if (scanned === null) return false;
  const text = utf8Decode(bytes);
  expect(text, 'the scan accepted bytes that are not strict UTF-8').not.toBeNull();
  const plain = checkRecordLinePlain(text!, false);
  expect(plain.ok, text!.slice(0, 120)).toBe(true);
  if (!plain.ok) return true;
  const r = plain.record;
  expect({
    seq: scanned.seq,
    action: scanned.action,
    cert: latin1(bytes, scanned.certAt, scanned.certAt + 64),
    prev: latin1(bytes, scanned.prevAt, scanned.prevAt + 64),
    atMs: scanned.atMs,
    head: utf8Decode(bytes, 0, scanned.sigStart),
    tail: utf8Decode(bytes, scanned.sigEnd, bytes.length),
  }).toEqual({
    seq: r.seq,
    action: r.action,
    cert: r.actor.cert,
    prev: r.prev,
    atMs: Date.parse(r.at),
    head: text!.slice(0, plain.sigStart),
    tail: text!.slice(plain.sigEnd),
  });
  expect(scanned.signature).toEqual(plain.signature);
  return true;
}

const enc = (text: string) => utf8Encode(text)!;

/** More edits: bounds, byte order of keys, numbers, UTF-8, the subject and tool rules. */
const scanEdits: ReadonlyArray<[RegExp | string, string]> = [
  [',"v":1}', ',"v":01}'],
  [',"v":1}', ',"v":1},'],
  ['"seq":', '"seq":-'],
  ['"seq":', '"seq":0'],
  ['"reason":"', '"reason":"\\"'],
  ['"reason":"', '"reason":"𝄞'],
  ['"reason":"', '"reason":"\u007f'],
  ['"reason":"', '"reason":"\t'],
  [/"reason":"[^"]*"/, '"reason":""'],
  [/"reason":"[^"]*"/, `"reason":"${'x'.repeat(4001)}"`],
  [/"reason":"[^"]*"/, `"reason":"${'x'.repeat(4000)}"`],
  [/"reason":"[^"]*"/, `"reason":"${'𝄞'.repeat(2000)}"`],
  [/"reason":"[^"]*"/, `"reason":"${'𝄞'.repeat(2001)}"`],
  [/"name":"[^"]*"/, `"name":"${'é'.repeat(200)}"`],
  [/"name":"[^"]*"/, `"name":"${'é'.repeat(201)}"`],
  [/"name":"[^"]*"/, '"name":"a\u007fb"'],
  [/"name":"[^"]*"/, '"name":"a\u0085b"'],
  ['"details":{', '"details":{"a":1,"ab":2,'],
  ['"details":{', '"details":{"ab":1,"a":2,'],
  ['"details":{', '"details":{"é":1,'],
  ['"details":{', '"details":{"a":[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]],'],
  [
    '"details":{',
    '"details":{"a":{"b":{"c":{"d":{"e":{"f":{"g":{"h":{"i":{"j":{"k":{"l":{"m":{"n":1}}}}}}}}}}}}}},',
  ],
  [
    '"details":{',
    '"details":{"a":{"b":{"c":{"d":{"e":{"f":{"g":{"h":{"i":{"j":{"k":{"l":{"m":{"n":{}}}}}}}}}}}}}}},',
  ],
  ['"details":{', '"details":{"a":-0,'],
  ['"details":{', '"details":{"a":-1,'],
  ['"details":{', '"details":{"a":1e3,'],
  ['"details":{', '"details":{"a":0.5,'],
  ['"details":{', '"details":{"a":999999999999999,'],
  ['"details":{', '"details":{"a":9999999999999999,'],
  ['"details":{', '"details":{"a":[],"b":{},"c":[1,"x",true,false,null],'],
  ['"details":{', '"details":{"a":[1,],'],
  ['"details":{', '"details":{"a":tru,'],
  ['"tool":{', '"tool":{"aa":"2","zz":"1",'],
  ['"tool":{', '"tool":{"zz":"1",'],
  ['"tool":{', '"tool":{"engine":1,'],
  ['"tool":{', `"tool":{"engine":"${'x'.repeat(201)}",`],
  [/"tool":\{[^}]*\}/, '"tool":{}'],
  [/"tool":\{[^}]*\}/, '"tool":{"sealcase":""}'],
  [/"tool":\{[^}]*\}/, `"tool":{"sealcase":"${'x'.repeat(101)}"}`],
  [/"subject":\{[^}]*\}/, '"subject":{}'],
  [/"subject":\{[^}]*\}/, '"subject":{"artefacts":[]}'],
  [/"subject":\{[^}]*\}/, `"subject":{"artefacts":["${'ab'.repeat(32)}"],}`],
  [/"subject":\{[^}]*\}/, `"subject":{"artefacts":["${'ab'.repeat(32)}"],"ids":["x"]}`],
  [/"subject":\{[^}]*\}/, `"subject":{"ids":["x"],"artefacts":["${'ab'.repeat(32)}"]}`],
  [/"subject":\{[^}]*\}/, `"subject":{"artefacts":["${'AB'.repeat(32)}"]}`],
  [/"subject":\{[^}]*\}/, '"subject":{"ids":[""]}'],
  [/"subject":\{[^}]*\}/, '"subject":{"ids":["x"],"zz":[]}'],
  [/"sig":"[^"]*"/, '"sig":"QQ=="'],
  [/"at":"[^"]*"/, '"at":"2100-02-29T10:00:00.000Z"'],
  [/"at":"[^"]*"/, '"at":"2000-02-29T10:00:00.000Z"'],
  [/"at":"[^"]*"/, '"at":"0099-12-31T23:59:59.999Z"'],
  [/"at":"[^"]*"/, '"at":"2026-03-02T09:00:00.000+00:00"'],
  [/"action":"[^"]*"/, '"action":"export.created"'],
];

describe('scanRecordLine', () => {
  it('accepts every golden line of a scanned action, as the plain path does', () => {
    for (const line of lines) {
      const accepted = agree(enc(line));
      expect(accepted).toBe(SCANNED.has((JSON.parse(line) as { action: string }).action));
    }
  });

  it('agrees with the plain path on hand-picked edits of every golden line', () => {
    let accepted = 0;
    for (const line of lines) {
      for (const [from, to] of [...lineEdits, ...scanEdits])
        if (agree(enc(line.replace(from, to)))) accepted++;
    }
    expect(accepted).toBeGreaterThan(50); // many edits leave a plain record
  });

  it('agrees on any single-byte change, insertion or deletion (invalid UTF-8 included)', () => {
    fc.assert(
      fc.property(
        fc.nat(lines.length - 1),
        fc.nat(3000),
        fc.constantFrom('delete', 'insert', 'replace'),
        fc.oneof(
          fc.constantFrom(...enc('{}[],:"\\ 0019aefAZ+/=.-eE_\u007f\u0000')),
          fc.integer({ min: 0x80, max: 0xff }),
        ),
        (i, at, kind, byte) => {
          const line = enc(lines[i]!);
          const p = at % (line.length + 1);
          const head = line.subarray(0, p);
          const text =
            kind === 'delete'
              ? [...head, ...line.subarray(p + 1)]
              : kind === 'insert'
                ? [...head, byte, ...line.subarray(p)]
                : [...head, byte, ...line.subarray(p + 1)];
          agree(Uint8Array.from(text));
        },
      ),
      { numRuns: 4000 },
    );
  });

  it('agrees on multi-byte sequences, valid and not, inside strings', () => {
    const sequences = [
      [0xc3, 0xa9],
      [0xc2, 0x80],
      [0xc1, 0xbf],
      [0xe0, 0xa0, 0x80],
      [0xe0, 0x9f, 0xbf],
      [0xed, 0x9f, 0xbf],
      [0xed, 0xa0, 0x80],
      [0xef, 0xbf, 0xbf],
      [0xf0, 0x90, 0x80, 0x80],
      [0xf0, 0x8f, 0xbf, 0xbf],
      [0xf4, 0x8f, 0xbf, 0xbf],
      [0xf4, 0x90, 0x80, 0x80],
      [0xf5, 0x80, 0x80, 0x80],
      [0xc3],
      [0xe2, 0x82],
      [0x80],
    ];
    let accepted = 0;
    for (const line of lines) {
      for (const member of ['"reason":"', '"name":"', '"details":{"a":"']) {
        const at = line.indexOf(member);
        if (at < 0) continue;
        const cut = enc(line.slice(0, at + member.length)).length;
        const bytes = enc(
          member === '"details":{"a":"' ? line.replace('"details":{', '"details":{"a":"",') : line,
        );
        for (const seq of sequences) {
          if (agree(Uint8Array.from([...bytes.subarray(0, cut), ...seq, ...bytes.subarray(cut)])))
            accepted++;
        }
      }
    }
    expect(accepted).toBeGreaterThan(0);
  });

  it('agrees on records re-serialised with random member values', () => {
    fc.assert(
      fc.property(reserialisedLine, (text) => {
        const bytes = text === null ? null : utf8Encode(text);
        if (bytes !== null) agree(bytes);
      }),
      { numRuns: 3000 },
    );
  });

  it('does not prove a line with a __proto__ key, which the plain path accepts with the key dropped', () => {
    let refused = 0;
    for (const line of lines) {
      if (!SCANNED.has((JSON.parse(line) as { action: string }).action)) continue;
      const text = line.replace('"details":{', '"details":{"__proto__":1,');
      const plain = checkRecordLinePlain(text, false);
      if (!plain.ok) continue;
      expect(Object.keys(plain.record.details)).not.toContain('__proto__');
      expect(scanRecordLine(enc(text), 0, enc(text).length)).toBeNull();
      refused++;
    }
    expect(refused).toBeGreaterThan(0);
  });

  it('scans a line inside a larger buffer by its offsets only', () => {
    const line = enc(lines[0]!);
    const padded = Uint8Array.from([0x7b, 0x22, ...line, 0x0a, 0x22]);
    const inner = scanRecordLine(padded, 2, 2 + line.length);
    const alone = scanRecordLine(line, 0, line.length);
    expect(inner).not.toBeNull();
    expect({ ...inner!, certAt: inner!.certAt - 2, prevAt: inner!.prevAt - 2 }).toEqual({
      ...alone!,
      sigStart: alone!.sigStart + 2,
      sigEnd: alone!.sigEnd + 2,
    });
    expect(scanRecordLine(padded, 2, 1 + line.length)).toBeNull();
  });
});

describe('utcMsAt', () => {
  /** What the schema accepts, and Date.parse's value. */
  function want(text: string): number {
    return UtcMs.safeParse(text).success ? Date.parse(text) : NaN;
  }

  it('answers as the schema and Date.parse, for any 24 characters', () => {
    const digit = fc.constantFrom(...'0123456789');
    const d = (n: number) => fc.array(digit, { minLength: n, maxLength: n }).map((a) => a.join(''));
    const stamp = fc
      .tuple(d(4), d(2), d(2), d(2), d(2), d(2), d(3))
      .map(([y, mo, da, h, mi, s, ms]) => `${y}-${mo}-${da}T${h}:${mi}:${s}.${ms}Z`);
    const damaged = fc
      .tuple(stamp, fc.nat(23), fc.constantFrom(...'0-T:.Z /x+'))
      .map(([t, at, ch]) => t.slice(0, at) + ch + t.slice(at + 1));
    fc.assert(
      fc.property(fc.oneof(stamp, damaged), (text) => {
        expect(utcMsAt(enc(text), 0)).toEqual(want(text));
      }),
      { numRuns: 20000 },
    );
    for (const text of [
      '0000-01-01T00:00:00.000Z',
      '0099-12-31T23:59:59.999Z',
      '0100-03-01T00:00:00.000Z',
      '1900-02-29T00:00:00.000Z',
      '2000-02-29T00:00:00.000Z',
      '2024-02-29T12:00:00.000Z',
      '9999-12-31T23:59:59.999Z',
    ]) {
      expect(utcMsAt(enc(text), 0), text).toEqual(want(text));
    }
  });
});

describe('fromBase64Bytes', () => {
  it('answers as fromBase64 on the same text', () => {
    const text = fc.oneof(
      fc.uint8Array({ maxLength: 40 }).map(toBase64),
      fc.string({ unit: fc.constantFrom(...'AQgw+/=-_ .'), maxLength: 12 }),
    );
    fc.assert(
      fc.property(text, (t) => {
        expect(fromBase64Bytes(enc(t), 0, t.length)).toEqual(fromBase64(t));
      }),
      { numRuns: 5000 },
    );
  });
});
