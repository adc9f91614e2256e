import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  natCsvParser,
  parseText,
  readPhase,
  validateParseOptions,
} from '../../../../../shared/parsers';

function run(text: string, raw: Record<string, unknown> = {}) {
  return parseText(natCsvParser, text, {
    options: validateParseOptions(raw),
    validateEvents: true,
  });
}

describe('nat-csv', () => {
  it('turns a port-block interval row into allocate + release, keeping the VRF', () => {
    const text =
      'Inside IP,Outside IP,Port start,Port end,VRF,Start,End\n' +
      '100.64.12.7,203.0.113.25,4096,4159,cust-a,2024-03-05T13:00:00Z,2024-03-05T14:00:00Z\n' +
      '100.64.12.8,203.0.113.25,4160,4223,,2024-03-05T13:05:00Z,\n';
    const { events, warnings } = run(text);
    expect(warnings.map((w) => w.code)).toEqual(['TABLE_COLUMNS_INFERRED']);
    expect(
      events.map((e) =>
        e.type === 'nat:portblock'
          ? [e.event, e.insideIp, e.portStart, e.portEnd, e.vrf, e.ts]
          : e.type,
      ),
    ).toEqual([
      ['allocate', '100.64.12.7', 4096, 4159, 'cust-a', '2024-03-05T13:00:00.000Z'],
      ['release', '100.64.12.7', 4096, 4159, 'cust-a', '2024-03-05T14:00:00.000Z'],
      ['allocate', '100.64.12.8', 4160, 4223, undefined, '2024-03-05T13:05:00.000Z'],
    ]);
    expect(events[0]?.flags).toEqual(['cgn-shared-ip', 'documentation-ip']);
    expect(events[0]?.locator).toEqual({ line: 2 });
  });

  it('reads session rows with an event column and local times in the declared zone', () => {
    const text =
      'time;event;proto;inside ip;inside port;outside ip;outside port;dest ip;dest port\n' +
      '2024-03-31 02:30:00;CREATE;TCP;10.0.0.5;51000;198.51.100.1;1025;192.0.2.80;443\n' +
      '2024-03-05 14:00:00;free;udp;10.0.0.5;51001;198.51.100.1;1026;;\n' +
      '2024-03-05 14:00:00;frobnicate;udp;10.0.0.5;51001;198.51.100.1;1026;;\n';
    const { events, warnings } = run(text, { assumeZone: 'Europe/Berlin' });
    expect(
      events.map((e) =>
        e.type === 'nat:session' ? [e.event, e.protocol, e.outsidePort, e.destIp, e.ts] : e.type,
      ),
    ).toEqual([
      // 02:30 on 2024-03-31 does not exist in Berlin (DST gap): flagged, earlier reading.
      ['create', 'tcp', 1025, '192.0.2.80', '2024-03-31T00:30:00.000Z'],
      ['delete', 'udp', 1026, undefined, '2024-03-05T13:00:00.000Z'],
    ]);
    expect(events[0]?.zone.ambiguous).toBe(true);
    expect(warnings.map((w) => [w.code, w.locator])).toEqual([
      ['TABLE_COLUMNS_INFERRED', { line: 1 }],
      ['TIME_DST_GAP', { line: 2 }],
      ['NATCSV_EVENT_UNKNOWN', { line: 4 }],
    ]);
  });

  it('skips rows with missing or invalid addresses with a warning naming the field', () => {
    const text =
      'inside ip,outside ip,start\n,198.51.100.1,2024-03-05T13:00:00Z\n10.0.0.1,300.1.1.1,2024-03-05T13:00:00Z\n';
    const { events, warnings } = run(text);
    expect(events).toEqual([]);
    expect(warnings.map((w) => w.code)).toEqual([
      'TABLE_COLUMNS_INFERRED',
      'NAT_FIELD_MISSING',
      'NATCSV_IP_INVALID',
    ]);
  });

  it('reads event words by keyword and refuses unknown ones', () => {
    expect(['A', 'Allocated', 'session-create', 'NEW'].map(readPhase)).toEqual([
      'open',
      'open',
      'open',
      'open',
    ]);
    expect(['W', 'RELEASE', 'destroy', 'closed'].map(readPhase)).toEqual([
      'close',
      'close',
      'close',
      'close',
    ]);
    expect(['interim-update', 'ACTIVE'].map(readPhase)).toEqual(['interim', 'interim']);
    expect(['', 'frob'].map(readPhase)).toEqual([null, null]);
  });

  it('never throws on arbitrary rows', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        run(`inside ip,outside ip,port start,port end,start,end\n${s}`);
      }),
      { numRuns: 200 },
    );
  });

  it('is detected by its inside/outside columns only', () => {
    expect(natCsvParser.detect({ head: 'Inside IP;Outside IP;Start\n' })).toBeGreaterThanOrEqual(
      0.5,
    );
    expect(natCsvParser.detect({ head: 'Requested IP;Account\n' })).toBeLessThan(0.5);
  });
});
