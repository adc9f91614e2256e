import { describe, expect, it } from 'vitest';
import {
  observationFromEvent,
  observationsFromEvents,
  readObservationsCsv,
} from '../../../../shared/attribution';
import type { SealcaseEvent } from '../../../../shared/model/event';

describe('readObservationsCsv', () => {
  it('reads ip,port,time with Z or an offset; the port may be empty', () => {
    const { observations, warnings } = readObservationsCsv(
      'ip,port,time\n81.2.69.7,4100,2024-03-05T14:07:09+01:00\n2001:DB8::1,,2024-03-05T13:07:09Z\n',
      'f'.repeat(64),
    );
    expect(warnings).toEqual([]);
    expect(observations).toEqual([
      {
        ip: '81.2.69.7',
        port: 4100,
        ts: '2024-03-05T13:07:09.000Z',
        source: 'csv',
        artefact: 'f'.repeat(64),
        locator: { line: 2 },
        zoneSource: 'in-band',
      },
      {
        ip: '2001:db8::1',
        ts: '2024-03-05T13:07:09.000Z',
        source: 'csv',
        artefact: 'f'.repeat(64),
        locator: { line: 3 },
        zoneSource: 'in-band',
      },
    ]);
  });
  it('refuses local times, bad ports and bad addresses with a warning per line', () => {
    const { observations, warnings } = readObservationsCsv(
      '81.2.69.7,4100,2024-03-05 14:07:09\n81.2.69.7,70000,2024-03-05T14:07:09Z\nnope,1,2024-03-05T14:07:09Z\n81.2.69.7,1\n',
    );
    expect(observations).toEqual([]);
    expect(warnings.map((w) => [w.code, w.locator])).toEqual([
      ['OBSERVATION_TIME_INVALID', { line: 1 }],
      ['OBSERVATION_PORT_INVALID', { line: 2 }],
      ['OBSERVATION_IP_INVALID', { line: 3 }],
      ['OBSERVATION_COLUMNS', { line: 4 }],
    ]);
  });
});

describe('observations from events', () => {
  const base = {
    tsRaw: 'x',
    zone: { source: 'in-band' as const, offset: '+00:00', name: null },
    locator: { line: 3 },
  };
  it('http:access and ssh:auth give clientIp/clientPort; email:received gives fromIp', () => {
    const http: SealcaseEvent = {
      type: 'http:access',
      ts: '2024-03-05T13:07:09.000Z',
      ...base,
      clientIp: '81.2.69.7',
      clientPort: 4100,
    };
    const mail: SealcaseEvent = {
      type: 'email:received',
      ts: '2024-03-05T13:07:09.000Z',
      ...base,
      hop: 1,
      fromIp: '81.2.69.8',
    };
    const undated: SealcaseEvent = { type: 'ssh:auth', ts: null, ...base, clientIp: '81.2.69.9' };
    expect(observationFromEvent(http)).toMatchObject({
      ip: '81.2.69.7',
      port: 4100,
      source: 'http:access',
    });
    expect(observationFromEvent(mail)).toMatchObject({ ip: '81.2.69.8', source: 'email:received' });
    expect(observationFromEvent(mail)).not.toHaveProperty('port');
    const all = observationsFromEvents([http, mail, undated]);
    expect(all.observations).toHaveLength(2);
    expect(all.skipped).toBe(1);
  });
});
