import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  MAX_JSON_DEPTH,
  prepareRecord,
  rootHash,
  fromHex,
  toHex,
  verifyLedger,
  leafHash,
  type RecordFields,
} from '../../../../shared/custody';
import { CustodyError } from '../../../../shared/errors';
import { nodeCustodyCrypto } from '../../../helpers/custody-crypto';
import {
  actorA,
  actorB,
  buildLedger,
  der,
  fields,
  golden,
  options,
  signCheckpoint,
} from './fixture';

const sha256 = nodeCustodyCrypto.sha256;

const base: RecordFields[] = [
  fields('case.created'),
  fields('examiner.added', { details: { examiner: actorB } }),
  fields('artefact.acquired', { subject: { artefacts: ['ab'.repeat(32)] } }),
];

async function rootOf(hashes: string[], size = hashes.length): Promise<string> {
  const leaves = await Promise.all(hashes.slice(0, size).map((h) => leafHash(sha256, fromHex(h)!)));
  return toHex(await rootHash(sha256, leaves));
}

describe('verifyLedger failure codes', () => {
  it('UNKNOWN_SIGNER when the signing certificate is not supplied', async () => {
    const result = await verifyLedger(
      golden.ledgerText,
      options({ trust: { certificates: [der.a], anchors: [der.ca] } }),
    );
    expect(result.firstBad).toMatchObject({ seq: 5, code: 'UNKNOWN_SIGNER' });
  });

  it('CERT_UNTRUSTED without the lab CA; a certificate listed as an anchor is trusted directly', async () => {
    const none = await verifyLedger(
      golden.ledgerText,
      options({ trust: { certificates: [der.a, der.b], anchors: [] } }),
    );
    expect(none.firstBad).toMatchObject({ seq: 0, code: 'CERT_UNTRUSTED' });
    const onlyA = await verifyLedger(
      golden.ledgerText,
      options({ trust: { certificates: [der.b], anchors: [der.a] } }),
    );
    expect(onlyA.firstBad).toMatchObject({ seq: 5, code: 'CERT_UNTRUSTED' });
  });

  it('CERT_INVALID_AT_TIME for a record dated outside the certificate validity', async () => {
    const { text } = await buildLedger([
      ...base,
      fields('artefact.verified', {
        at: '2037-01-01T00:00:00.000Z',
        subject: { artefacts: ['ab'.repeat(32)] },
      }),
    ]);
    expect((await verifyLedger(text, options())).firstBad).toMatchObject({
      seq: 3,
      code: 'CERT_INVALID_AT_TIME',
    });
    const early = await buildLedger([fields('case.created', { at: '2025-12-31T23:59:59.999Z' })]);
    expect((await verifyLedger(early.text, options())).firstBad).toMatchObject({
      seq: 0,
      code: 'CERT_INVALID_AT_TIME',
    });
  });

  it('custody.accepted must reference a transfer to its signer (BAD_REFERENCE)', async () => {
    const { hashes } = await buildLedger([
      ...base,
      fields('custody.transferred', { details: { to: actorB } }),
    ]);
    const transfer = hashes[3]!;
    const good = await buildLedger([
      ...base,
      fields('custody.transferred', { details: { to: actorB } }),
      fields('custody.accepted', { actor: actorB, details: { transfer } }),
    ]);
    expect((await verifyLedger(good.text, options())).ok).toBe(true);
    for (const bad of [
      fields('custody.accepted', { actor: actorA, details: { transfer } }),
      fields('custody.accepted', { actor: actorB, details: { transfer: 'cd'.repeat(32) } }),
    ]) {
      const { text } = await buildLedger([
        ...base,
        fields('custody.transferred', { details: { to: actorB } }),
        bad,
      ]);
      expect((await verifyLedger(text, options())).firstBad).toMatchObject({
        seq: 4,
        code: 'BAD_REFERENCE',
      });
    }
    const twice = await buildLedger([
      ...base,
      fields('custody.transferred', { details: { to: actorB } }),
      fields('custody.accepted', { actor: actorB, details: { transfer } }),
      fields('custody.accepted', { actor: actorB, details: { transfer } }),
    ]);
    expect((await verifyLedger(twice.text, options())).firstBad).toMatchObject({
      seq: 5,
      code: 'BAD_REFERENCE',
    });
    const pending = await buildLedger([
      ...base,
      fields('custody.transferred', { details: { to: actorB } }),
    ]);
    expect((await verifyLedger(pending.text, options())).warnings.map((w) => w.code)).toContain(
      'PENDING_TRANSFER',
    );
  });

  it('checkpoint.signed with a wrong root is CHECKPOINT_MISMATCH', async () => {
    const { hashes } = await buildLedger(base);
    const root = await rootOf(hashes);
    const cp = await signCheckpoint(3, root, actorA);
    const good = await buildLedger([
      ...base,
      fields('checkpoint.signed', { details: { size: 3, root, checkpoint: cp.hash } }),
    ]);
    expect((await verifyLedger(good.text, options({ checkpoints: [cp.text] }))).ok).toBe(true);
    const wrongRoot = await rootOf(hashes, 2);
    const bad = await buildLedger([
      ...base,
      fields('checkpoint.signed', { details: { size: 3, root: wrongRoot, checkpoint: cp.hash } }),
    ]);
    expect((await verifyLedger(bad.text, options())).firstBad).toMatchObject({
      seq: 3,
      code: 'CHECKPOINT_MISMATCH',
    });
    const older = await buildLedger([
      ...base,
      fields('checkpoint.signed', { details: { size: 2, root: wrongRoot, checkpoint: cp.hash } }),
    ]);
    expect((await verifyLedger(older.text, options())).ok).toBe(true);
  });

  it('checkpoint files: CHECKPOINT_MISMATCH, BAD_CHECKPOINT_SIGNATURE, LEDGER_TRUNCATED', async () => {
    const [cp7, cp8] = golden.checkpoints as [string, string];
    const otherRoot = (await signCheckpoint(8, 'ee'.repeat(32), actorB)).text;
    expect(
      (await verifyLedger(golden.ledgerText, options({ checkpoints: [otherRoot] }))).firstBad,
    ).toMatchObject({
      seq: 7,
      code: 'CHECKPOINT_MISMATCH',
      checkpoint: 0,
    });
    const moved = cp7.replace('"at":"2026-03-02T13:31:00.000Z"', '"at":"2026-03-02T13:31:00.001Z"');
    expect(moved).not.toBe(cp7);
    expect(
      (await verifyLedger(golden.ledgerText, options({ checkpoints: [cp8, moved] }))).firstBad,
    ).toMatchObject({
      seq: 6,
      code: 'BAD_CHECKPOINT_SIGNATURE',
      checkpoint: 1,
    });
    const sevenLines = golden.ledgerText.split('\n').slice(0, 7).join('\n') + '\n';
    expect(
      (await verifyLedger(sevenLines, options({ checkpoints: [cp7, cp8] }))).firstBad,
    ).toMatchObject({
      seq: 7,
      code: 'LEDGER_TRUNCATED',
      checkpoint: 1,
    });
    // A checkpoint for size 7 other than the one the ledger records at seq 7.
    const resigned = (
      await signCheckpoint(
        7,
        golden.expected.checkpoints[0]!.root,
        actorB,
        '2026-03-02T13:31:05.000Z',
      )
    ).text;
    expect(
      (await verifyLedger(golden.ledgerText, options({ checkpoints: [resigned] }))).firstBad,
    ).toMatchObject({
      code: 'CHECKPOINT_MISMATCH',
    });
    expect(
      (await verifyLedger(golden.ledgerText, options({ checkpoints: [cp8.trimEnd()] }))).firstBad
        ?.code,
    ).toBe('MALFORMED_RECORD');
  });

  it('HASH_MISMATCH against an expected head; LEDGER_TRUNCATED when the head is beyond the end', async () => {
    const head = golden.expected.records[7]!.hash;
    expect(
      (await verifyLedger(golden.ledgerText, options({ expectedHead: { size: 8, hash: head } })))
        .ok,
    ).toBe(true);
    expect(
      (
        await verifyLedger(
          golden.ledgerText,
          options({ expectedHead: { size: 8, hash: 'ff'.repeat(32) } }),
        )
      ).firstBad,
    ).toMatchObject({ seq: 7, code: 'HASH_MISMATCH' });
    expect(
      (await verifyLedger(golden.ledgerText, options({ expectedHead: { size: 9, hash: head } })))
        .firstBad,
    ).toMatchObject({
      seq: 8,
      code: 'LEDGER_TRUNCATED',
    });
  });

  it('NOT_CANONICAL for JSON that is not JCS (spacing, key order, escapes, CRLF)', async () => {
    const lines = golden.ledgerText.split('\n').slice(0, -1);
    const variants = [
      JSON.stringify(JSON.parse(lines[2]!), null, 1).replace(/\n/g, ''),
      lines[2]!
        .replace('{"action":"artefact.acquired",', '{"v":1,"action":"artefact.acquired",')
        .replace(',"v":1}', '}'),
      lines[2]!.replace('Näide', 'N\\u00e4ide'),
      `${lines[2]!}\r`,
    ];
    for (const v of variants) {
      expect(v).not.toBe(lines[2]);
      const text = [...lines.slice(0, 2), v, ...lines.slice(3)].join('\n') + '\n';
      expect((await verifyLedger(text, options())).firstBad, v.slice(0, 40)).toMatchObject({
        seq: 2,
        code: 'NOT_CANONICAL',
      });
    }
  });

  it('MALFORMED_RECORD, TORN_RECORD and EMPTY_LEDGER', async () => {
    const lines = golden.ledgerText.split('\n').slice(0, -1);
    const withExtra = lines[1]!.replace('"v":1}', '"v":1,"x":1}');
    const t = (ls: string[]) => ls.join('\n') + '\n';
    expect((await verifyLedger(t([lines[0]!, withExtra]), options())).firstBad).toMatchObject({
      seq: 1,
      code: 'MALFORMED_RECORD',
    });
    expect((await verifyLedger(t([lines[0]!, '', lines[1]!]), options())).firstBad).toMatchObject({
      seq: 1,
      code: 'MALFORMED_RECORD',
    });
    expect(
      (await verifyLedger(t([lines[0]!, '{"a":', lines[1]!]), options())).firstBad,
    ).toMatchObject({ seq: 1, code: 'MALFORMED_RECORD' });
    expect(
      (await verifyLedger(t(lines) + lines[0]!.slice(0, 50), options())).firstBad,
    ).toMatchObject({ seq: 8, code: 'TORN_RECORD' });
    expect(
      (await verifyLedger(t(lines) + '\u0000'.repeat(40) + '\n', options())).firstBad,
    ).toMatchObject({ seq: 8, code: 'TORN_RECORD' });
    const badUtf8 = new Uint8Array([...golden.ledgerBytes, 0xff, 0x0a]);
    expect((await verifyLedger(badUtf8, options())).firstBad).toMatchObject({
      seq: 8,
      code: 'TORN_RECORD',
    });
    expect((await verifyLedger('', options())).firstBad).toMatchObject({
      seq: 0,
      code: 'EMPTY_LEDGER',
    });
    const notFirst = await buildLedger([
      fields('examiner.added', { details: { examiner: actorB } }),
    ]);
    expect((await verifyLedger(notFirst.text, options())).firstBad).toMatchObject({
      seq: 0,
      code: 'MALFORMED_RECORD',
    });
    const deep = lines[0]!.replace(
      '"details":{',
      `"details":{"d":${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)},`,
    );
    expect((await verifyLedger(t([deep]), options())).firstBad).toMatchObject({
      seq: 0,
      code: 'MALFORMED_RECORD',
    });
  });

  it('warns about clocks that go backwards and names that differ from the certificate', async () => {
    const { text } = await buildLedger([
      fields('case.created', {
        at: '2026-05-01T10:00:00.000Z',
        actor: { ...actorA, name: 'A. Tamm' },
      }),
      fields('examiner.added', { at: '2026-05-01T09:00:00.000Z', details: { examiner: actorB } }),
    ]);
    const result = await verifyLedger(text, options());
    expect(result.ok).toBe(true);
    expect(result.warnings.map((w) => [w.code, w.seq])).toEqual([
      ['ACTOR_NAME_MISMATCH', 0],
      ['CLOCK_BACKWARDS', 1],
      ['TAIL_NOT_CHECKPOINTED', 0],
    ]);
  });
});

describe('prepareRecord and canonicalJson', () => {
  it('refuses invalid fields with CUSTODY_RECORD_INVALID', async () => {
    for (const bad of [
      fields('case.created', { at: '2026-05-01T10:00:00Z' }),
      fields('case.created', { at: '2026-02-30T10:00:00.000Z' }),
      fields('artefact.acquired'),
      fields('custody.transferred'),
      fields('case.created', { reason: '' }),
      { ...fields('case.created'), extra: 1 } as RecordFields,
    ]) {
      await expect(prepareRecord(null, bad, sha256)).rejects.toMatchObject({
        code: 'CUSTODY_RECORD_INVALID',
      });
    }
  });

  it('refuses values that are not plain, bounded JSON with CUSTODY_NOT_CANONICAL', async () => {
    await expect(
      prepareRecord(null, fields('case.created', { details: { when: new Date(0) } }), sha256),
    ).rejects.toMatchObject({
      code: 'CUSTODY_NOT_CANONICAL',
    });
    let deep: unknown = 1;
    for (let i = 0; i < 20_000; i++) deep = [deep];
    expect(() => canonicalJson(deep)).toThrow(CustodyError);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/deeper/);
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(/finite/);
    expect(() => canonicalJson({ s: '\ud800' })).toThrow(CustodyError);
    expect(() => canonicalJson({ s: 'x'.repeat(1_048_577) })).toThrow(/larger/);
    expect(canonicalJson({ b: [1, 1e21, 0.5, -0], a: 'é' })).toBe('{"a":"é","b":[1,1e+21,0.5,0]}');
  });
});

describe('verified records', () => {
  it('carry seq, hash and record as own enumerable members: spread, JSON and clones keep them', async () => {
    const { text, hashes } = await buildLedger(base);
    for (const input of [text, new Uint8Array(Buffer.from(text))]) {
      const result = await verifyLedger(input, options());
      expect(result.ok).toBe(true);
      const r = result.records[2]!;
      const want = { seq: 2, hash: hashes[2], record: JSON.parse(text.split('\n')[2]!) as unknown };
      expect(Object.keys(r)).toEqual(['seq', 'hash', 'record']);
      expect({ ...r }).toEqual(want);
      expect(JSON.parse(JSON.stringify(r))).toEqual(want);
      expect(structuredClone(r)).toEqual(want);
    }
  });
});
