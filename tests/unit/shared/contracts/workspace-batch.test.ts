import { describe, expect, it } from 'vitest';
import { CONTRACT, isEventShape } from '../../../../shared/contracts';

const good = {
  type: 'nat:portblock',
  ts: '2024-03-05T12:28:48.000Z',
  tsRaw: '65e71000',
  zone: { source: 'epoch', offset: null, name: null },
  locator: { line: 1 },
  event: 'allocate',
  insideIp: '100.64.0.7',
  outsideIp: '192.0.2.10',
  portStart: 1024,
  portEnd: 1535,
};
const batch = (events: unknown[]) => ({
  events,
  warnings: [],
  done: false,
  parser: { name: 'juniper-nat', version: '1.0.0' },
  bytes: 0,
  total: 0,
});

describe('workspace:next event batches (shape check)', () => {
  it('accepts events of the schema and refuses what is not one', () => {
    const schema = CONTRACT['workspace:next'].response;
    expect(schema.safeParse(batch([good, { ...good, ts: null }])).success).toBe(true);
    for (const bad of [
      null,
      'text',
      { ...good, type: 'nope' },
      { ...good, ts: 5 },
      { ...good, tsRaw: undefined },
      { ...good, zone: { source: 'guessed' } },
      { ...good, zone: null },
      { ...good, locator: null },
    ]) {
      expect(isEventShape(bad)).toBe(false);
      expect(schema.safeParse(batch([good, bad])).success).toBe(false);
    }
  });
});
