import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createTableSink,
  ispReplyParser,
  ispTableSpec,
  parseAll,
  parseText,
  validateParseOptions,
  type IspProfile,
} from '../../../../../shared/parsers';

const fixture = readFileSync(
  new URL('../../../../fixtures/isp-reply/example-semicolon.csv', import.meta.url),
  'utf8',
);

function run(text: string, raw: Record<string, unknown> = {}) {
  return parseText(ispReplyParser, text, {
    options: validateParseOptions(raw),
    validateEvents: true,
  });
}

const profile: IspProfile = {
  v: 1,
  name: 'Example Telecom',
  format: 'isp-reply',
  dateOrder: 'dmy',
  zone: 'Europe/Berlin',
  columns: {
    ip: 'Requested IP',
    port: 'Requested port',
    time: 'Requested time',
    zone: 'Zone',
    subscriber: 'Account',
  },
};

describe('isp-reply on the formats.md §7 example', () => {
  it('reads every row, keeps leading zeros, identity columns and "no match" rows', () => {
    const { events, warnings } = run(fixture, { profile });
    expect(events).toHaveLength(3);
    const [hit, noPort, noMatch] = events;
    expect(hit).toMatchObject({
      type: 'isp:assignment',
      ip: '203.0.113.25',
      portStart: 4100,
      portEnd: 4100,
      // 14:07:09 CET (checked against Europe/Berlin, winter) = 13:07:09Z
      ts: '2024-03-05T13:07:09.000Z',
      start: '2024-03-05T13:07:09.000Z',
      end: '2024-03-05T13:07:09.000Z',
      tsRaw: '05/03/2024 14:07:09 CET',
      subscriber: '0012345',
      locator: { line: 2 },
      identity: {
        'Internal IP': '100.64.12.7',
        Holder: 'J. Example',
        Address: '1 Example St',
        'Line id': 'DSL-77812',
        Notes: 'match on IP+port',
      },
    });
    expect(hit?.flags).toEqual(['documentation-ip', 'point-in-time']);
    // No zone cell: the profile's zone is declared for it.
    expect(noPort).toMatchObject({
      ts: '2024-03-05T13:07:09.000Z',
      zone: { source: 'declared', name: 'Europe/Berlin', offset: '+01:00' },
    });
    expect(noPort?.flags).toEqual([
      'documentation-ip',
      'no-port',
      'no-subscriber',
      'point-in-time',
    ]);
    expect(noMatch).toMatchObject({
      ip: '198.51.100.9',
      portStart: 51514,
      ts: '2024-03-05T13:07:00.000Z',
      zone: { source: 'in-band', offset: '+00:00' },
      identity: { Notes: 'no match' },
    });
    expect(warnings).toEqual([]);
  });

  it('infers the columns by name without a profile, says so, and refuses to guess dd/mm', () => {
    const { events, warnings } = run(fixture);
    expect(warnings.map((w) => w.code)).toEqual([
      'TABLE_COLUMNS_INFERRED',
      'TABLE_DATE_ORDER_UNKNOWN',
      'TABLE_DATE_ORDER_UNKNOWN',
    ]);
    expect(warnings[0]?.message).toContain('ip ← "Requested IP"');
    expect(events.map((e) => e.ts)).toEqual([null, null, '2024-03-05T13:07:00.000Z']);
    expect(events[0]?.type === 'isp:assignment' && events[0].subscriber).toBe('0012345');
  });

  it('detects the reply by its header and leaves an access log alone', () => {
    expect(ispReplyParser.detect({ head: fixture, fileName: 'reply.csv' })).toBeGreaterThanOrEqual(
      0.5,
    );
    expect(
      ispReplyParser.detect({
        head: '198.51.100.1 - - [05/Mar/2024:14:07:09 +0100] "GET / HTTP/1.1" 200 1',
      }),
    ).toBeLessThan(0.5);
  });
});

describe('isp-reply cells', () => {
  const header = 'IP,Port,Start,End,Customer ID\n';
  it('reads en-dash port ranges, windows, and flags a date that contradicts the profile', () => {
    const text =
      header +
      '203.0.113.7,1024–2047,05/03/2024 14:00,05/03/2024 15:00,A-1\n' +
      '203.0.113.7,2048 - 3071,03/25/2024 14:00,,A-2\n' +
      '2001:DB8::0001,,2024-03-05T14:00:00Z,2024-03-05T15:00:00Z,A-3\n';
    const p: IspProfile = {
      ...profile,
      columns: { ip: 'IP', port: 'Port', start: 'Start', end: 'End', subscriber: 'Customer ID' },
    };
    const { events, warnings } = run(text, { profile: p });
    expect(
      events.map((e) =>
        e.type === 'isp:assignment' ? [e.portStart, e.portEnd, e.start, e.end] : null,
      ),
    ).toEqual([
      [1024, 2047, '2024-03-05T13:00:00.000Z', '2024-03-05T14:00:00.000Z'],
      [2048, 3071, null, undefined],
      [undefined, undefined, '2024-03-05T14:00:00.000Z', '2024-03-05T15:00:00.000Z'],
    ]);
    expect(events[2]?.type === 'isp:assignment' && events[2].ip).toBe('2001:db8::1');
    expect(warnings.map((w) => [w.code, w.locator])).toEqual([
      ['TABLE_DATE_ORDER_CONTRADICTED', { line: 3 }],
    ]);
  });

  it('warns on a bad IP (including one a spreadsheet turned into a number) and a reversed range', () => {
    const text =
      header + '3405803801,1,2024-03-05 14:00Z,,x\n198.51.100.1,9–3,2024-03-05 14:00Z,,y\n';
    const { events, warnings } = run(text);
    expect(warnings.map((w) => w.code)).toEqual([
      'TABLE_COLUMNS_INFERRED',
      'ISP_IP_INVALID',
      'ISP_PORT_INVALID',
    ]);
    expect(warnings[1]?.message).toContain('spreadsheet');
    expect(events).toHaveLength(1);
    expect(events[0]?.flags).toContain('no-port');
  });

  it('reads Excel serials from spreadsheet rows in both date systems', () => {
    const p: IspProfile = { ...profile, columns: { ip: 'IP', time: 'When', subscriber: 'Acct' } };
    for (const [system, serial] of [
      ['1900', 45356.58829861111],
      ['1904', 45356.58829861111 - 1462],
    ] as const) {
      const sink = createTableSink(
        ispTableSpec,
        validateParseOptions({ profile: { ...p, dateSystem: system } }),
      );
      const header = sink.row(['IP', 'When', 'Acct'], { sheet: 'Reply', row: 1 });
      expect(header.warnings).toEqual([]);
      const out = sink.row(['203.0.113.9', serial, 'B-7'], { sheet: 'Reply', row: 2 });
      expect(out.events[0]).toMatchObject({
        ts: '2024-03-05T13:07:09.000Z',
        locator: { sheet: 'Reply', row: 2 },
      });
    }
  });

  it('finds the header below title rows and says how many rows it passed over', () => {
    const text =
      'Reply to request 2026/0417\n\nIP;Account;Requested time\n203.0.113.1;77;2024-03-05 10:00 UTC\n';
    const { events, warnings } = run(text);
    expect(events).toHaveLength(1);
    expect(warnings.map((w) => w.code)).toEqual([
      'TABLE_COLUMNS_INFERRED',
      'TABLE_ROWS_BEFORE_HEADER',
    ]);
  });

  it('names what is missing when no header is found', () => {
    const { events, warnings } = run('a,b,c\n1,2,3\n');
    expect(events).toEqual([]);
    expect(warnings.map((w) => w.code)).toEqual(['ISP_HEADER_NOT_FOUND']);
  });
});

describe('isp-reply robustness', () => {
  it('never throws and gives the same output whatever the chunking', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 300 }),
        fc.integer({ min: 1, max: 17 }),
        async (s, n) => {
          const text = `IP,Account,Time\n${s}`;
          const whole = run(text);
          const chunks: string[] = [];
          for (let i = 0; i < text.length; i += n) chunks.push(text.slice(i, i + n));
          const parts = await parseAll(ispReplyParser, chunks, { validateEvents: true });
          expect(parts.events).toEqual(whole.events);
          expect(parts.warnings).toEqual(whole.warnings);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('refuses a profile with an unknown zone before parsing', () => {
    expect(() => validateParseOptions({ profile: { ...profile, zone: 'Mars/Olympus' } })).toThrow(
      /IANA/,
    );
  });
});
