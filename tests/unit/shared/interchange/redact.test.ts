import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AttributionResult } from '../../../../shared/attribution';
import { InterchangeError } from '../../../../shared/errors';
import {
  DEFAULT_WITHHELD_FIELDS,
  RedactionStatementV1,
  Redactor,
} from '../../../../shared/interchange';
import { SealcaseEvent, type SealcaseEvent as Event } from '../../../../shared/model';
import { EVENTS_OF_EVERY_TYPE, sha256 } from './fixture';

const SALT = new Uint8Array(32).map((_, i) => i + 1);
const MANIFEST = 'ab'.repeat(32);
const redactor = (fields?: string[]) =>
  new Redactor({ salt: SALT, sha256, ...(fields === undefined ? {} : { fields }) });

/** SHA-256(salt ‖ field ‖ 0x00 ‖ value) computed by `openssl dgst`, not by our code. */
function opensslCommitment(salt: Uint8Array, field: string, value: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'sealcase-redact-'));
  try {
    const file = join(dir, 'input.bin');
    writeFileSync(
      file,
      Buffer.concat([
        salt,
        Buffer.from(field, 'utf8'),
        Buffer.from([0]),
        Buffer.from(value, 'utf8'),
      ]),
    );
    const out = execFileSync('openssl', ['dgst', '-sha256', '-r', file], { encoding: 'utf8' });
    return `sha256:${out.split(' ')[0]}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const result = (account: string, field: string): AttributionResult => ({
  observation: { ip: '203.0.113.7', port: 40001, ts: '2025-03-04T08:00:05.000Z', source: 'csv' },
  status: 'unique',
  subscribers: [account],
  path: [
    {
      kind: 'aaa-session',
      depth: 0,
      parent: null,
      from: { ip: '100.64.1.2' },
      to: { account, accountField: field },
      locator: { line: 1 },
      records: [],
      interval: { start: null, end: null, startInferred: false, endInferred: false },
      note: `session of ${account}`,
    },
  ],
  sharedBy: null,
  reasons: [{ code: 'TIME_TOLERANCE', message: `matched ${account} within 2 s` }],
  caveat: 'account holder, not a person',
  window: { start: '2025-03-04T08:00:03.000Z', end: '2025-03-04T08:00:07.000Z' },
});

describe('Redactor commitments', () => {
  it('matches a golden vector computed independently with openssl dgst -sha256', async () => {
    for (const [field, value] of [
      ['user', 'alice'],
      ['identity.Name', 'Ülle Õunapuu'],
      ['mac', ''],
    ] as const) {
      expect(await redactor().commit(field, value)).toBe(opensslCommitment(SALT, field, value));
    }
  });

  it('gives the same value the same commitment under the same salt, another under another salt', async () => {
    const a = await redactor().commit('user', 'alice');
    expect(await redactor().commit('user', 'alice')).toBe(a);
    const other = new Redactor({ salt: SALT.map((b) => b ^ 0xff), sha256 });
    expect(await other.commit('user', 'alice')).not.toBe(a);
    // The field is part of the commitment: the same text in another field does not correlate.
    expect(await redactor().commit('subscriber', 'alice')).not.toBe(a);
  });

  it('refuses a salt that is not 32 bytes, an unknown field and a bad manifest hash', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof InterchangeError ? e.code : 'other';
      }
      return 'none';
    };
    expect(code(() => new Redactor({ salt: new Uint8Array(16), sha256 }))).toBe(
      'INTERCHANGE_SALT_INVALID',
    );
    expect(code(() => redactor(['clientIp']))).toBe('INTERCHANGE_FIELD_INVALID');
    expect(code(() => redactor(['ts']))).toBe('INTERCHANGE_FIELD_INVALID');
    expect(code(() => redactor(['identity.*']).statement({ manifestSha256: 'nope' }))).toBe(
      'INTERCHANGE_INPUT_INVALID',
    );
  });
});

describe('Redactor on events and results', () => {
  it('withholds the default fields of every event type, leaves the rest, and keeps events valid', async () => {
    const r = redactor();
    for (const e of EVENTS_OF_EVERY_TYPE) {
      const out = (await r.redactEvent(e)) as Record<string, unknown>;
      expect(SealcaseEvent.safeParse(out).success, e.type).toBe(true);
      for (const [k, v] of Object.entries(e)) {
        const withheld = DEFAULT_WITHHELD_FIELDS.includes(k) || k === 'identity';
        if (!withheld) expect(out[k], `${e.type}.${k}`).toEqual(v);
        else if (typeof v === 'string') expect(out[k]).toBe(await r.commit(k, v));
      }
    }
    const isp = (await r.redactEvent(EVENTS_OF_EVERY_TYPE[8]!)) as {
      identity: Record<string, string>;
    };
    expect(isp.identity['Name']).toBe(await r.commit('identity.Name', 'Alice Example'));
    const mail = (await r.redactEvent(EVENTS_OF_EVERY_TYPE[2]!)) as { to: string[] };
    expect(mail.to).toEqual([
      await r.commit('to', 'bob@example.net'),
      await r.commit('to', 'carol@example.net'),
    ]);
  });

  it('commits an attributed account under the field it came from, matching the events', async () => {
    const r = redactor();
    const aaa = (await r.redactEvent(EVENTS_OF_EVERY_TYPE[6]!)) as { user: string };
    const out = await r.redactResult(result('alice', 'user'));
    expect(out.subscribers).toEqual([aaa.user]);
    expect(out.path[0]!.to.account).toBe(aaa.user);
    expect(out.path[0]!.note).toBe(`session of ${aaa.user}`);
    expect(out.reasons[0]!.message).not.toContain('alice');
    expect(out.observation).toEqual(result('alice', 'user').observation);
  });

  it('states what was withheld, how many, by which scheme, from which package', async () => {
    const r = redactor();
    for (const e of EVENTS_OF_EVERY_TYPE) await r.redactEvent(e);
    await r.redactEvent(EVENTS_OF_EVERY_TYPE[6]!); // the same user again
    await r.redactResult(result('alice', 'user'));
    const s = r.statement({ manifestSha256: MANIFEST, packageId: 'SC-1' });
    expect(RedactionStatementV1.parse(s)).toEqual(s);
    expect(s.derivedFrom).toEqual({ manifestSha256: MANIFEST, packageId: 'SC-1' });
    expect(s.records).toEqual({ events: 10, results: 1 });
    const user = s.withheld.find((w) => w.field === 'user')!;
    // http:access user, ssh:auth user, aaa user twice, the result's subscriber and path account.
    expect(user).toEqual({ field: 'user', values: 6, distinct: 3 });
    expect(s.withheld.map((w) => w.field)).toEqual([
      'callingStationId',
      'for',
      'from',
      'hostname',
      'identity.Address',
      'identity.Name',
      'mac',
      'subscriber',
      'to',
      'user',
    ]);
    expect(s.scheme.saltDisclosed).toBe(false);
  });
});

/** Withheld values carry a `W` and a non-hex letter so they cannot occur by chance in hashes or IPs. */
const secret = fc.string({ minLength: 1, maxLength: 12 }).map((s) => `W${s}ǂ`);
const clear = fc.string({ maxLength: 20 }).filter((s) => !s.includes('ǂ'));

describe('Redactor properties', () => {
  it('no withheld value appears anywhere in the output; non-withheld fields are unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          user: secret,
          mac: secret,
          subscriber: secret,
          name: secret,
          path: clear,
          embed: fc.boolean(),
        }),
        async (v) => {
          const r = redactor();
          const http = {
            ...EVENTS_OF_EVERY_TYPE[0]!,
            user: v.user,
            path: v.embed ? `/u/${v.user}/inbox` : v.path,
          } as Event;
          const dhcp = { ...EVENTS_OF_EVERY_TYPE[7]!, mac: v.mac, hostname: v.name } as Event;
          const isp = {
            ...EVENTS_OF_EVERY_TYPE[8]!,
            subscriber: v.subscriber,
            identity: { Name: v.name },
          } as Event;
          const outs = [
            await r.redactEvent(http),
            await r.redactEvent(dhcp),
            await r.redactEvent(isp),
          ];
          const res = await r.redactResult(result(v.subscriber, 'subscriber'));
          const text = JSON.stringify([outs, res, r.statement({ manifestSha256: MANIFEST })]);
          for (const s of [v.user, v.mac, v.subscriber, v.name]) expect(text).not.toContain(s);
          const o = outs[0] as Record<string, unknown>;
          if (!v.embed) expect(o['path']).toBe(v.path);
          for (const k of [
            'ts',
            'tsRaw',
            'zone',
            'locator',
            'clientIp',
            'clientPort',
            'status',
            'userAgent',
          ]) {
            expect(o[k]).toEqual((http as Record<string, unknown>)[k]);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
