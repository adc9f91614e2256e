import { appendFile, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CustodyLedger,
  LOCK_FILE,
  trustIssuerOf,
  verifyCaseLedger,
  withLedgerLock,
} from '../../../../../electron/services/custody';
import type { UnlockedIdentity } from '../../../../../electron/services/identity';
import { isSealcaseError } from '../../../../../shared/errors';
import { tempDir } from '../../../../helpers/temp-dir';
import { testIdentity } from '../../../../helpers/test-identity';

let ann: UnlockedIdentity;
let bob: UnlockedIdentity;
let dir: string;
let cleanup: () => Promise<void>;
let clock = Date.now();
const deps = { now: () => new Date((clock += 1000)), toolVersion: '0.1.0-test' };

beforeAll(() => {
  ann = testIdentity('Ann Tamm').identity;
  bob = testIdentity('Bob Kask').identity;
}, 60_000);

afterAll(() => {
  ann.lock();
  bob.lock();
});

beforeEach(async () => {
  ({ path: dir, cleanup } = await tempDir());
  await trustIssuerOf(dir, ann);
  await trustIssuerOf(dir, bob);
});

afterEach(async () => {
  await cleanup();
});

const acquired = (n: number) => ({
  action: 'artefact.acquired' as const,
  subject: { artefacts: [n.toString(16).padStart(64, '0')] },
  reason: `test artefact ${n}`,
  details: { n },
});

const created = {
  action: 'case.created' as const,
  subject: { ids: ['case-1'] },
  reason: 'test case opened',
};

/** A ledger begins with case.created (FORMAT.md); its creator is introduced right after. */
async function start(signer: UnlockedIdentity) {
  const opened = await CustodyLedger.open(dir, deps, signer);
  await opened.ledger.append(signer, created);
  return opened;
}

describe('CustodyLedger', () => {
  it('appends signed records that verify, introducing each new signer once', async () => {
    const { ledger, recovery } = await start(ann);
    expect(recovery).toBeNull();
    await ledger.append(ann, acquired(1));
    await ledger.append(bob, acquired(2));
    await ledger.append(ann, acquired(3));
    await ledger.checkpoint(bob, 'test');

    const lines = (await readFile(join(dir, 'ledger.jsonl'), 'utf8')).trim().split('\n');
    const actions = lines.map((l) => (JSON.parse(l) as { action: string }).action);
    expect(actions).toEqual([
      'case.created',
      'examiner.added',
      'artefact.acquired',
      'examiner.added',
      'artefact.acquired',
      'artefact.acquired',
      'checkpoint.signed',
    ]);
    expect(await readdir(join(dir, 'checkpoints'))).toEqual(['00000006.json']);
    const result = await verifyCaseLedger(dir);
    expect(result.firstBad).toBeNull();
    expect(result.records).toHaveLength(7);
    expect(ledger.size).toBe(7);
  });

  it('serialises concurrent appends: every record chained, none lost', async () => {
    const { ledger } = await start(ann);
    await Promise.all(Array.from({ length: 25 }, (_, i) => ledger.append(ann, acquired(i))));
    const result = await verifyCaseLedger(dir);
    expect(result.firstBad).toBeNull();
    expect(result.records).toHaveLength(27);
    const ns = result.records.slice(2).map((r) => (r.record.details as { n: number }).n);
    expect(new Set(ns).size).toBe(25);
  });

  it('continues a ledger after reopening', async () => {
    const first = await start(ann);
    await first.ledger.append(ann, acquired(1));
    const second = await CustodyLedger.open(dir, deps, ann);
    expect(second.ledger.size).toBe(3);
    await second.ledger.append(ann, acquired(2));
    await second.ledger.checkpoint(ann, 'after reopen');
    const result = await verifyCaseLedger(dir);
    expect(result.firstBad).toBeNull();
    expect(result.records.map((r) => r.record.action)).toEqual([
      'case.created',
      'examiner.added',
      'artefact.acquired',
      'artefact.acquired',
      'checkpoint.signed',
    ]);
  });

  it('quarantines a torn last line on open and records ledger.recovered', async () => {
    const { ledger } = await start(ann);
    await ledger.append(ann, acquired(1));
    const torn = '{"action":"artefact.acquired","actor":{"ce';
    await appendFile(join(dir, 'ledger.jsonl'), torn);
    expect((await verifyCaseLedger(dir)).firstBad?.code).toBe('TORN_RECORD');

    const reopened = await CustodyLedger.open(dir, deps, ann);
    expect(reopened.recovery).toMatchObject({ bytes: torn.length });
    const quarantined = await readFile(join(dir, reopened.recovery!.file), 'utf8');
    expect(quarantined).toBe(torn);

    const result = await verifyCaseLedger(dir);
    expect(result.firstBad).toBeNull();
    const last = result.records.at(-1)!.record;
    expect(last.action).toBe('ledger.recovered');
    expect(last.details).toMatchObject({
      quarantine: { file: reopened.recovery!.file, bytes: torn.length },
    });
  });

  it('refuses to append to a ledger damaged beyond a torn tail, and changes nothing', async () => {
    const { ledger } = await start(ann);
    await ledger.append(ann, acquired(1));
    const path = join(dir, 'ledger.jsonl');
    const damaged = (await readFile(path, 'utf8')).replace('"seq":2', '"seq":7');
    await writeFile(path, damaged);
    const error = await CustodyLedger.open(dir, deps, ann).catch((e: unknown) => e);
    expect(isSealcaseError(error) && error.code).toBe('CUSTODY_LEDGER_INVALID');
    expect(await readFile(path, 'utf8')).toBe(damaged);
  });

  it('takes over the lock of a dead process, and waits for none held by itself', async () => {
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, LOCK_FILE), '2147483646');
    const value = await withLedgerLock(dir, async () => 'ran');
    expect(value).toBe('ran');
    expect(await readdir(dir)).not.toContain(LOCK_FILE);
  });

  it('a failed signature leaves no record behind', async () => {
    const { ledger } = await start(ann);
    await ledger.append(ann, acquired(1));
    const before = await readFile(join(dir, 'ledger.jsonl'));
    const broken = {
      ...ann,
      sign: () => {
        throw new Error('token removed');
      },
    };
    await expect(ledger.append(broken, acquired(2))).rejects.toThrow('token removed');
    expect(await readFile(join(dir, 'ledger.jsonl'))).toEqual(before);
    await ledger.append(ann, acquired(3));
    expect((await verifyCaseLedger(dir)).firstBad).toBeNull();
  });
});

describe('CustodyLedger signer checks', () => {
  it('refuses to sign with a certificate outside its validity period, writing nothing', async () => {
    const late = { now: () => new Date(ann.notAfter.getTime() + 1000), toolVersion: 'x' };
    const { ledger } = await CustodyLedger.open(dir, late, ann);
    const error = await ledger.append(ann, created).catch((e: unknown) => e);
    expect(isSealcaseError(error) && error.code).toBe('CUSTODY_SIGNER_INVALID');
    expect(await readdir(dir)).not.toContain('ledger.jsonl');
  });
});

describe('ledger lock', () => {
  it('takes over an empty lock left by a process killed before it wrote its pid', async () => {
    const { utimes } = await import('node:fs/promises');
    await writeFile(join(dir, LOCK_FILE), '');
    const old = new Date(Date.now() - 5000);
    await utimes(join(dir, LOCK_FILE), old, old);
    expect(await withLedgerLock(dir, async () => 'ran')).toBe('ran');
  });
});
