/** Multi-line synthetic fixtures (generate.ts): every line gives its expected event, in order. */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { SealcaseEvent } from '../../../../../shared/model';
import { FIXTURE_LINES, FIXTURE_SEED, SYNTHETIC, type Expected } from './generate';
import { NAT_PARSERS, run, runAsync } from './helpers';

function shape(e: SealcaseEvent): Expected | null {
  if (e.type === 'nat:session') {
    return {
      type: e.type,
      event: e.event,
      ts: e.ts,
      insideIp: e.insideIp,
      outsideIp: e.outsideIp,
      ...(e.insidePort === undefined ? {} : { insidePort: e.insidePort }),
      ...(e.outsidePort === undefined ? {} : { outsidePort: e.outsidePort }),
      ...(e.vrf === undefined ? {} : { vrf: e.vrf }),
      line: 'line' in e.locator ? (e.locator.line ?? 0) : 0,
    };
  }
  if (e.type === 'nat:portblock') {
    return {
      type: e.type,
      event: e.event,
      ts: e.ts,
      insideIp: e.insideIp,
      outsideIp: e.outsideIp,
      portStart: e.portStart,
      portEnd: e.portEnd,
      ...(e.vrf === undefined ? {} : { vrf: e.vrf }),
      line: 'line' in e.locator ? (e.locator.line ?? 0) : 0,
    };
  }
  return null;
}

const fixturePath = (name: string): string =>
  fileURLToPath(new URL(`../../../../fixtures/nat/synthetic-${name}.log`, import.meta.url));

describe('synthetic multi-line fixtures', () => {
  for (const parser of NAT_PARSERS) {
    const generate = SYNTHETIC[parser.name as keyof typeof SYNTHETIC];

    it(`${parser.name}: the stored fixture is the generator's output`, () => {
      const g = generate(FIXTURE_SEED, FIXTURE_LINES);
      const path = fixturePath(parser.name);
      if (process.env.SEALCASE_WRITE_FIXTURES === '1') {
        writeFileSync(path, g.text);
      }
      expect(readFileSync(path, 'utf8')).toBe(g.text);
    });

    for (const seed of [1, 2, FIXTURE_SEED]) {
      it(`${parser.name}: seed ${seed}, 200 lines, events as generated`, async () => {
        const g = generate(seed, 200);
        const r = run(parser, g.text, g.options);
        expect(r.events.map(shape)).toEqual(g.expected);
        // Only the New Year rollover of RFC 3164 stamps may be reported.
        expect(r.warnings.filter((w) => w.code !== 'TIME_YEAR_ROLLOVER')).toEqual([]);
        // Streaming in odd chunks gives the same.
        const chunks: string[] = [];
        for (let i = 0; i < g.text.length; i += 97) chunks.push(g.text.slice(i, i + 97));
        const streamed = await runAsync(parser, chunks, g.options);
        expect(streamed.events).toEqual(r.events);
        expect(streamed.warnings).toEqual(r.warnings);
      });
    }
  }
});
