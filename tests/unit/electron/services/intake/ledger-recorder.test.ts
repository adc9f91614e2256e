import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readCaseFolder } from '../../../../../electron/services/cases';
import {
  CustodyLedger,
  LedgerAcquisitionRecorder,
  recordCaseCreated,
  verifyCaseLedger,
} from '../../../../../electron/services/custody';
import type { UnlockedIdentity } from '../../../../../electron/services/identity';
import {
  JsonlAcquisitionRecorder,
  readArtefacts,
  type AcquisitionRecorder,
} from '../../../../../electron/services/intake';
import type { ArtefactRecord } from '../../../../../shared/model';
import { tempDir } from '../../../../helpers/temp-dir';
import { testIdentity } from '../../../../helpers/test-identity';
import { makeCase } from '../vault/support';

let ann: UnlockedIdentity;
let tmp: { path: string; cleanup: () => Promise<void> };
let caseDir: string;
const deps = { now: () => new Date(), toolVersion: '0.0.0-test' };

beforeAll(() => {
  ann = testIdentity('Ann Tamm').identity;
}, 60_000);
afterAll(() => ann.lock());
beforeEach(async () => {
  tmp = await tempDir('sealcase-ledger-recorder-');
  caseDir = await makeCase(tmp.path);
});
afterEach(async () => tmp.cleanup());

function artefact(sha256: string): Extract<ArtefactRecord, { entry: 'file' }> {
  return {
    format: 'sealcase/artefact',
    version: 1,
    id: randomUUID(),
    intakeId: randomUUID(),
    acquiredBy: 'Ann Tamm',
    receivedFrom: 'ISP X via LE portal, ref 7',
    source: null,
    method: 'logical-file-copy',
    note: null,
    tool: { name: 'sealcase', version: '0.0.0-test' },
    entry: 'file',
    original: {
      path: '/evidence/a.log',
      name: 'a.log',
      input: '/evidence/a.log',
      relativePath: 'a.log',
      mtime: '2026-11-01T00:00:00.000Z',
    },
    acquiredAt: new Date().toISOString(),
    size: 5,
    digests: { md5: '0'.repeat(32), sha1: '0'.repeat(40), sha256 },
    blob: `vault/sha256/${sha256.slice(0, 2)}/${sha256}`,
    contentKind: 'unknown',
  };
}

describe('LedgerAcquisitionRecorder', () => {
  it('signs artefact.acquired with the provenance, then writes the index line', async () => {
    const { ledger } = await CustodyLedger.open(caseDir, deps, ann);
    await recordCaseCreated(ledger, await readCaseFolder(caseDir), ann);
    const recorder = new LedgerAcquisitionRecorder(
      ledger,
      ann,
      new JsonlAcquisitionRecorder(caseDir),
    );
    const a = artefact('a'.repeat(64));
    await recorder.recordAcquired(a);
    const verified = await verifyCaseLedger(caseDir);
    expect(verified.firstBad).toBeNull();
    const last = verified.records.at(-1)!.record;
    expect(last.action).toBe('artefact.acquired');
    expect(last.subject.artefacts).toEqual([a.digests.sha256]);
    expect(last.details).toMatchObject({ artefact: { id: a.id, receivedFrom: a.receivedFrom } });
    expect((await readArtefacts(caseDir)).records.map((r) => r.id)).toEqual([a.id]);
  });

  it('the ledger is the record of truth: an index line lost in a crash is written again', async () => {
    const { ledger } = await CustodyLedger.open(caseDir, deps, ann);
    await recordCaseCreated(ledger, await readCaseFolder(caseDir), ann);
    const lostIndex: AcquisitionRecorder = {
      recordAcquired: () => Promise.reject(new Error('killed before the index line')),
      recordCleanup: async () => undefined,
      recordedBlobs: async () => new Set(),
    };
    const a = artefact('b'.repeat(64));
    await expect(
      new LedgerAcquisitionRecorder(ledger, ann, lostIndex).recordAcquired(a),
    ).rejects.toThrow('killed');
    expect((await readArtefacts(caseDir)).records).toEqual([]);

    const recorder = new LedgerAcquisitionRecorder(
      ledger,
      ann,
      new JsonlAcquisitionRecorder(caseDir),
    );
    const blobs = await recorder.recordedBlobs();
    expect([...blobs]).toEqual([a.digests.sha256]);
    expect((await readArtefacts(caseDir)).records.map((r) => r.id)).toEqual([a.id]);
  });
});
