import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  newTimesketchTally,
  timesketchJsonl,
  toTimesketchLine,
} from '../../../../shared/interchange';
import { describeEvent, EVENT_TYPES, type SealcaseEvent } from '../../../../shared/model';
import { EVENTS_OF_EVERY_TYPE } from './fixture';

const parse = (line: string | null) => JSON.parse(line!) as Record<string, unknown>;

describe('toTimesketchLine', () => {
  it('covers every event type of DESIGN.md', () => {
    expect(EVENTS_OF_EVERY_TYPE.map((e) => e.type).sort()).toEqual([...EVENT_TYPES].sort());
  });

  it.each(EVENTS_OF_EVERY_TYPE.map((e) => [e.type, e] as const))(
    '%s: required fields, microseconds, raw time, zone source, artefact and locator',
    (_type, event) => {
      const row = parse(toTimesketchLine(event));
      expect(row['message']).toBe(describeEvent(event));
      expect(row['datetime']).toBe(event.ts);
      expect(row['timestamp']).toBe(Date.parse(event.ts!) * 1000);
      expect(typeof row['timestamp_desc']).toBe('string');
      expect((row['timestamp_desc'] as string).length).toBeGreaterThan(0);
      expect(row['data_type']).toBe(event.type);
      expect(row['tsRaw']).toBe(event.tsRaw);
      expect(row['zone_source']).toBe(event.zone.source);
      expect(row['artefact_sha256']).toBe(event.artefact);
      expect(typeof row['locator']).toBe('string');
      for (const v of Object.values(row)) expect(v === null || typeof v !== 'object').toBe(true);
    },
  );

  it('keeps type-specific fields flat: arrays joined, identity and vendor fields prefixed', () => {
    const byType = new Map(EVENTS_OF_EVERY_TYPE.map((e) => [e.type, parse(toTimesketchLine(e))]));
    expect(byType.get('email:message')!['to']).toBe('bob@example.net, carol@example.net');
    expect(byType.get('isp:assignment')).toMatchObject({
      identity_Name: 'Alice Example',
      subscriber: 'ACC-001',
      locator: 'sheet Reply, row 2, column A',
      locator_row: 2,
    });
    // Vendor keys are made safe for OpenSearch: no spaces, no leading underscore.
    expect(byType.get('nat:portblock')).toMatchObject({
      extra_natEvent: 3,
      extra_odd_key: 'x',
      extra__id: 'y',
    });
    expect(byType.get('nat:session')).toMatchObject({
      timestamp_desc: 'NAT session create',
      zone_offset: null,
    });
  });

  it('returns null for an event whose time is unknown, and the stream counts it', () => {
    const unplaced: SealcaseEvent = {
      ...EVENTS_OF_EVERY_TYPE[0]!,
      ts: null,
      zone: { source: 'unknown', offset: null, name: null },
    };
    expect(toTimesketchLine(unplaced)).toBeNull();
    const tally = newTimesketchTally();
    const chunks = [...timesketchJsonl([unplaced, ...EVENTS_OF_EVERY_TYPE, unplaced], tally)];
    expect(chunks).toHaveLength(EVENTS_OF_EVERY_TYPE.length);
    expect(chunks.every((c) => c.endsWith('\n') && !c.slice(0, -1).includes('\n'))).toBe(true);
    expect(tally).toEqual({ written: 9, unplaced: 2, unplacedByType: { 'http:access': 2 } });
  });
});

const isoMs = fc
  .integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 0, 1) })
  .map((t) => new Date(t).toISOString());
const text = fc.string({ maxLength: 40 });
const key = fc.string({ minLength: 1, maxLength: 12 });

/** Events of several shapes with hostile text: quotes, newlines, reserved and odd field names. */
const event: fc.Arbitrary<SealcaseEvent> = fc
  .record({
    base: fc.constantFrom(...EVENTS_OF_EVERY_TYPE),
    ts: isoMs,
    tsRaw: text,
    extra: fc.dictionary(key, fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null))),
    note: text,
  })
  .map(({ base, ts, tsRaw, extra, note }) => {
    const e = { ...base, ts, tsRaw, extra: { ...extra, message: note, timestamp: note } };
    return e as SealcaseEvent;
  });

describe('Timesketch JSONL properties', () => {
  it('every line is one JSON object with the required fields, flat, and never loses them to an event field', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 20 }), (events) => {
        const lines = [...timesketchJsonl(events)].join('').split('\n').slice(0, -1);
        expect(lines).toHaveLength(events.length);
        lines.forEach((line, i) => {
          const row = JSON.parse(line) as Record<string, unknown>;
          const e = events[i]!;
          expect(row['message']).toBe(describeEvent(e));
          expect(row['datetime']).toBe(e.ts);
          expect(Number.isSafeInteger(row['timestamp'])).toBe(true);
          expect(typeof row['timestamp_desc']).toBe('string');
          for (const [k, v] of Object.entries(row)) {
            expect(k).toMatch(/^[A-Za-z0-9][A-Za-z0-9_]*$/);
            expect(v === null || typeof v !== 'object').toBe(true);
          }
        });
      }),
      { numRuns: 200 },
    );
  });
});
