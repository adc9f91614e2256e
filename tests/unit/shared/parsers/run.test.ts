/**
 * The runner's guard around a parser's output (run.ts): what a parser that returns malformed
 * output, or throws, gets. These expectations were checked against the runner before the guard
 * stopped copying each step's events (same warnings, same messages, same events, same summary).
 */
import { describe, expect, it } from 'vitest';
import type { ParseWarning } from '../../../../shared/model';
import {
  parseAll,
  parseText,
  runParser,
  type ParseOutput,
  type Parser,
} from '../../../../shared/parsers';

const SHA = 'b'.repeat(64);

function event(line: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'http:access',
    ts: '2024-03-05T13:07:09.000Z',
    tsRaw: '05/Mar/2024:14:07:09 +0100',
    zone: { source: 'in-band', offset: '+01:00', name: null },
    locator: { line },
    method: 'GET',
    path: `/${line}`,
    ...extra,
  };
}

/** A parser whose steps return, in turn, the outputs given (anything), or throw for `'throw'`. */
function scripted(
  steps: readonly unknown[],
  atEnd: unknown = { events: [], warnings: [] },
): Parser {
  return {
    name: 'scripted',
    version: '0.0.0',
    description: 'test-only: returns what it is told to',
    kinds: ['access-log'],
    eventTypes: ['http:access'],
    detect: () => 0,
    createParser() {
      let i = 0;
      const give = (what: unknown): ParseOutput => {
        if (what === 'throw') throw new TypeError('scripted failure');
        return what as ParseOutput;
      };
      return {
        push: () => give(steps[i++]),
        end: () => give(atEnd),
      };
    },
  };
}

const chunks = (n: number): string[] => Array.from({ length: n }, (_, i) => `chunk ${i + 1}\n`);

describe('runParser: malformed output from a parser', () => {
  it('passes non-array, null and locator-less output on as today, and counts it', () => {
    const weird = [null, 7, 'text', { type: 'x' }, { locator: 'not an object' }];
    const r = parseText(
      scripted([undefined, { events: 'nope', warnings: 'nope' }, { events: weird, warnings: [] }]),
      chunks(3),
    );
    expect(r.events).toEqual(weird);
    expect(r.warnings).toEqual([]);
    expect(r.summary.events).toBe(5);
    expect(r.summary.complete).toBe(true);
  });

  it('a throw names the last locator seen: the last event that has one, then the warnings', () => {
    const r = parseText(
      scripted([
        { events: [event(1), event(2), { type: 'no locator' }, null], warnings: [] },
        'throw',
        {
          events: [event(3)],
          warnings: [{ code: 'W', message: 'w', locator: { line: 9 } }] satisfies ParseWarning[],
        },
        { events: [{ locator: null }], warnings: [{ code: 'W', message: 'w2', locator: null }] },
        'throw',
      ]),
      chunks(5),
    );
    const failed = r.warnings.filter((w) => w.code === 'PARSER_FAILED');
    expect(failed).toHaveLength(2);
    expect(failed[0]?.locator).toEqual({ line: 2 });
    expect(failed[0]?.message).toBe(
      'scripted failed at chunk 2 after {"line":2} (TypeError: scripted failure); output of that step is lost',
    );
    // A warning's locator comes after the events of its step; null locators change nothing.
    expect(failed[1]?.locator).toEqual({ line: 9 });
    expect(failed[1]?.message).toContain('at chunk 5 after {"line":9}');
    expect(r.events).toHaveLength(6);
    expect(r.summary.events).toBe(6);
  });

  it('a throw before any locator has none', () => {
    const r = parseText(scripted(['throw']), chunks(1));
    expect(r.warnings).toEqual([
      {
        code: 'PARSER_FAILED',
        message:
          'scripted failed at chunk 1 (TypeError: scripted failure); output of that step is lost',
        locator: null,
      },
    ]);
    expect(r.summary.complete).toBe(true);
  });

  it('a throwing end is reported at the end of the input', async () => {
    const r = await parseAll(scripted([{ events: [event(4)], warnings: [] }], 'throw'), chunks(1));
    expect(r.events).toHaveLength(1);
    expect(r.warnings.map((w) => [w.code, w.locator])).toEqual([['PARSER_FAILED', { line: 4 }]]);
    expect(r.warnings[0]?.message).toContain('at the end of the input after {"line":4}');
  });

  it('fills artefact in place on objects that lack it, leaves others alone', () => {
    const own = event(2, { artefact: 'c'.repeat(64) });
    const r = parseText(scripted([{ events: [event(1), own, null, 5], warnings: [] }]), chunks(1), {
      options: { artefact: SHA },
    });
    expect(r.events.map((e) => (e as { artefact?: string } | null)?.artefact)).toEqual([
      SHA,
      'c'.repeat(64),
      undefined,
      undefined,
    ]);
  });

  it('validating: invalid events are dropped with their locator, before the step’s warnings', () => {
    const r = parseText(
      scripted([
        {
          events: [event(1), event(2, { method: 42 }), null, event(3)],
          warnings: [{ code: 'OWN', message: 'own', locator: { line: 3 } }],
        },
        { events: [event(4, { path: 7 })], warnings: [] },
        'throw',
      ]),
      chunks(3),
      { validateEvents: true, options: { artefact: SHA } },
    );
    expect(r.events.map((e) => [e.locator, e.artefact])).toEqual([
      [{ line: 1 }, SHA],
      [{ line: 3 }, SHA],
    ]);
    expect(r.warnings.map((w) => [w.code, w.locator])).toEqual([
      ['PARSER_EVENT_INVALID', { line: 2 }],
      ['PARSER_EVENT_INVALID', null],
      ['OWN', { line: 3 }],
      ['PARSER_EVENT_INVALID', { line: 4 }],
      // A dropped event does not move the last locator.
      ['PARSER_FAILED', { line: 3 }],
    ]);
    expect(r.warnings[0]?.message).toMatch(
      /^scripted emitted an invalid event \(method: .+\); dropped$/,
    );
    expect(r.summary.events).toBe(2);
  });

  it('caps each code across steps, invalid events included', () => {
    const steps = Array.from({ length: 4 }, (_, i) => ({
      events: [event(i + 1, { status: 'x' })],
      warnings: [],
    }));
    const r = parseText(scripted(steps), chunks(4), {
      validateEvents: true,
      maxWarningsPerCode: 2,
    });
    expect(r.warnings.map((w) => w.code)).toEqual([
      'PARSER_EVENT_INVALID',
      'PARSER_EVENT_INVALID',
      'PARSER_WARNINGS_SUPPRESSED',
    ]);
    expect(r.warnings[2]?.message).toBe(
      '2 more PARSER_EVENT_INVALID warnings (lines 3–4) not listed one by one',
    );
    expect(r.summary.suppressed).toEqual({ PARSER_EVENT_INVALID: 2 });
  });

  it('hands each step’s events to the sink once, in order, with the summary counting them', async () => {
    const seen: unknown[] = [];
    const summary = await runParser(
      scripted([
        { events: [event(1), event(2)], warnings: [] },
        { events: [], warnings: [] },
        { events: [event(3)], warnings: [] },
      ]),
      chunks(3),
      (out) => {
        for (const e of out.events) seen.push(e.locator);
      },
    );
    expect(seen).toEqual([{ line: 1 }, { line: 2 }, { line: 3 }]);
    expect(summary.events).toBe(3);
  });
});
