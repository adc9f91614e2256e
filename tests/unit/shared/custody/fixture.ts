import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { certDer, nodeCustodyCrypto, rsaSigner } from '../../../helpers/custody-crypto';
import {
  finishCheckpoint,
  finishRecord,
  prepareCheckpoint,
  prepareRecord,
  type ActorRef,
  type PrevRef,
  type RecordFields,
} from '../../../../shared/custody';
import type { LedgerTrust, VerifyLedgerOptions } from '../../../../shared/custody';

/** The committed golden vectors (tests/vectors/custody, TEST ONLY keys). */
export const VECTORS = join(import.meta.dirname, '../../../vectors/custody');

const read = (...p: string[]) => readFileSync(join(VECTORS, ...p), 'utf8');

export const golden = {
  ledgerBytes: new Uint8Array(readFileSync(join(VECTORS, 'case', 'ledger.jsonl'))),
  ledgerText: read('case', 'ledger.jsonl'),
  checkpoints: [
    read('case', 'checkpoints', '00000007.json'),
    read('case', 'checkpoints', '00000008.json'),
  ],
  expected: JSON.parse(read('expected.json')) as {
    certificates: Record<'lab-ca' | 'examiner-a' | 'examiner-b', string>;
    records: { seq: number; action: string; hash: string; leaf: string }[];
    checkpoints: { size: number; root: string; hash: string }[];
    root: string;
  },
  pem: {
    ca: read('keys', 'lab-ca.cert.pem'),
    a: read('keys', 'examiner-a.cert.pem'),
    b: read('keys', 'examiner-b.cert.pem'),
  },
  key: {
    ca: read('keys', 'lab-ca.key.pem'),
    a: read('keys', 'examiner-a.key.pem'),
    b: read('keys', 'examiner-b.key.pem'),
  },
};

export const der = {
  ca: certDer(golden.pem.ca),
  a: certDer(golden.pem.a),
  b: certDer(golden.pem.b),
};

export const trust: LedgerTrust = { certificates: [der.a, der.b], anchors: [der.ca] };

export const options = (extra: Partial<VerifyLedgerOptions> = {}): VerifyLedgerOptions => ({
  crypto: nodeCustodyCrypto,
  trust,
  ...extra,
});

export const signA = rsaSigner(golden.key.a);
export const signB = rsaSigner(golden.key.b);

export const actorA: ActorRef = {
  name: 'Alex Tamm',
  cert: golden.expected.certificates['examiner-a'],
};
export const actorB: ActorRef = {
  name: 'Bea Õunapuu',
  cert: golden.expected.certificates['examiner-b'],
};
const signerOf = (actor: ActorRef) => (actor.cert === actorA.cert ? signA : signB);

/** Minimal valid fields for an action, overridable. */
export function fields(
  action: RecordFields['action'],
  over: Partial<RecordFields> = {},
): RecordFields {
  return {
    at: '2026-05-01T10:00:00.000Z',
    actor: actorA,
    action,
    subject: {},
    reason: `test ${action}`,
    details: {},
    tool: { sealcase: '0.0.0-test' },
    ...over,
  };
}

/** Builds and signs a ledger with the TEST ONLY keys; returns its text and record hashes. */
export async function buildLedger(
  steps: readonly RecordFields[],
): Promise<{ text: string; hashes: string[] }> {
  let prev: PrevRef | null = null;
  const hashes: string[] = [];
  let text = '';
  for (const f of steps) {
    const prepared = await prepareRecord(prev, f, (d) => nodeSha256(d));
    text += finishRecord(prepared, signerOf(f.actor)(prepared.toBeSigned)).line;
    hashes.push(prepared.hash);
    prev = { seq: hashes.length - 1, hash: prepared.hash };
  }
  return { text, hashes };
}

export async function signCheckpoint(
  size: number,
  root: string,
  actor: ActorRef,
  at = '2026-05-01T11:00:00.000Z',
) {
  const prepared = await prepareCheckpoint({ size, root, at, actor }, (d) => nodeSha256(d));
  return {
    ...finishCheckpoint(prepared, signerOf(actor)(prepared.toBeSigned)),
    hash: prepared.hash,
  };
}

function nodeSha256(d: Uint8Array): Uint8Array {
  return nodeCustodyCrypto.sha256(d) as Uint8Array;
}

/** Text edits that keep the line JSON-ish: the places a canonical check can go wrong. */
export const lineEdits: ReadonlyArray<[RegExp | string, string]> = [
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

/**
 * A golden line with one member set to a random JSON value, written as JCS, with sorted keys, or
 * in the record's own key order (null when canonicalize refuses the value).
 */
export const reserialisedLine: fc.Arbitrary<string | null> = fc
  .tuple(
    fc.nat(golden.ledgerText.split('\n').length - 2),
    fc.constantFrom('details', 'tool', 'subject', 'actor', 'reason', 'seq', 'v', 'x'),
    fc.jsonValue({ maxDepth: 4 }),
    fc.constantFrom('jcs', 'sorted', 'as-is'),
  )
  .map(([i, member, value, form]) => {
    const record = JSON.parse(golden.ledgerText.split('\n')[i]!) as Record<string, unknown>;
    record[member] = value;
    if (form === 'jcs') {
      try {
        return canonicalize(record) ?? null;
      } catch {
        return null;
      }
    }
    const keys = Object.keys(record);
    if (form === 'sorted') keys.sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(record[k])}`).join(',')}}`;
  });
