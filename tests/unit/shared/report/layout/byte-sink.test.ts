import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteSink } from '../../../../../shared/report/layout/byte-sink';

describe('ByteSink', () => {
  it('property: keeps every byte in order across growth (ascii, pair, bytes mixed)', () => {
    type Op =
      | { kind: 'ascii'; text: string }
      | { kind: 'pair'; v: number }
      | { kind: 'bytes'; b: Uint8Array };
    const op = fc.oneof(
      fc
        .string({
          maxLength: 3000,
          unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)),
        })
        .map((text): Op => ({ kind: 'ascii', text })),
      fc.integer({ min: 0, max: 0xffff }).map((v): Op => ({ kind: 'pair', v })),
      fc.uint8Array({ maxLength: 9000 }).map((b): Op => ({ kind: 'bytes', b })),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
        const sink = new ByteSink();
        const expected: number[] = [];
        for (const o of ops) {
          if (o.kind === 'ascii') {
            sink.ascii(o.text);
            for (const c of o.text) expected.push(c.charCodeAt(0));
          } else if (o.kind === 'pair') {
            sink.pair(o.v);
            expected.push(o.v >> 8, o.v & 0xff);
          } else {
            sink.bytes(o.b);
            expected.push(...o.b);
          }
        }
        expect(sink.length).toBe(expected.length);
        expect([...sink.view()]).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });
});
