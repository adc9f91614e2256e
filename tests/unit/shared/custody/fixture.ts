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
