import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../../shared/errors';
import { SealcaseEvent } from '../../../../shared/model';
import {
  ParserRegistry,
  createDefaultRegistry,
  parseAll,
  parseText,
  runParser,
  validateParseOptions,
  type Parser,
  type ParseOutput,
} from '../../../../shared/parsers';
import { testParser } from './test-parser';

const SHA = 'a'.repeat(64);
const sample = [
  '2024-03-05T14:07:09+01:00 198.51.100.23 GET /login 200',
  '2024-03-31T03:30:00 203.0.113.5 GET /gap 200',
  'not a record',
  '2024-03-05T14:07:10Z 198.51.100.23 THROW /x 500',
  '2024-03-05T14:07:11Z 198.51.100.23 POST /y 302',
].join('\r\n');

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof ParseError ? error.code : 'not a ParseError';
  }
  return undefined;
}

async function* slowly(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) {
    await Promise.resolve();
    yield text.slice(i, i + size);
  }
}

describe('a line parser driven by the runner', () => {
  it('emits schema-valid events, warnings with locators, and survives a throwing line', async () => {
    const run = await parseAll(testParser, slowly(sample, 5), {
      options: validateParseOptions({ artefact: SHA }),
      validateEvents: true,
    });
    expect(run.events.map((e) => [e.locator, e.ts])).toEqual([
      [{ line: 1 }, '2024-03-05T13:07:09.000Z'],
      [{ line: 2 }, null],
      [{ line: 5 }, '2024-03-05T14:07:11.000Z'],
    ]);
    for (const e of run.events) {
      expect(SealcaseEvent.safeParse(e).success).toBe(true);
      expect(e.artefact).toBe(SHA);
    }
    expect(run.warnings.map((w) => [w.code, w.locator])).toEqual([
      ['TIME_NO_ZONE', { line: 2 }],
      ['TEST_FIELDS', { line: 3 }],
      ['PARSER_FAILED', { line: 4 }],
    ]);
    expect(run.summary).toMatchObject({ events: 3, warnings: 3, complete: true, error: null });
  });

  it('applies a declared zone with DST rules', () => {
    const run = parseText(testParser, sample, {
      options: validateParseOptions({ assumeZone: 'europe/tallinn' }),
    });
    expect(run.events[1]).toMatchObject({
      ts: '2024-03-31T00:30:00.000Z',
      zone: { source: 'declared', name: 'Europe/Tallinn', offset: '+03:00', ambiguous: true },
    });
    expect(run.warnings.map((w) => w.code)).toContain('TIME_DST_GAP');
  });

  it('gives the same output whatever the chunking', () => {
    const whole = parseText(testParser, sample);
    for (const size of [1, 2, 3, 7, 64]) {
      const parts: string[] = [];
      for (let i = 0; i < sample.length; i += size) parts.push(sample.slice(i, i + size));
      const r = parseText(testParser, parts);
      expect([r.events, r.warnings]).toEqual([whole.events, whole.warnings]);
    }
  });

  it('drops schema-invalid events with PARSER_EVENT_INVALID when validating', () => {
    const r = parseText(testParser, '2024-03-05T14:07:09Z 1.2.3.4 GET /BADTYPE 200\n', {
      validateEvents: true,
    });
    expect(r.events).toEqual([]);
    expect(r.warnings).toMatchObject([{ code: 'PARSER_EVENT_INVALID', locator: { line: 1 } }]);
  });

  it('caps warnings per code and reports the rest with a count and line range', () => {
    const text = Array.from(
      { length: 250 },
      (_, i) => `2024-03-05T14:07:${String(i % 60).padStart(2, '0')} 1.2.3.4 GET / 200`,
    ).join('\n');
    const r = parseText(testParser, text, { maxWarningsPerCode: 10 });
    expect(r.events).toHaveLength(250);
    expect(r.warnings.filter((w) => w.code === 'TIME_NO_ZONE')).toHaveLength(10);
    expect(r.warnings.at(-1)).toEqual({
      code: 'PARSER_WARNINGS_SUPPRESSED',
      message: '240 more TIME_NO_ZONE warnings (lines 11–250) not listed one by one',
      locator: null,
    });
    expect(r.summary.suppressed).toEqual({ TIME_NO_ZONE: 240 });
  });
});

/** Parsers that misbehave at the chunk level. */
function throwing(mode: 'create' | 'push' | 'end' | 'always'): Parser {
  return {
    ...testParser,
    name: `throwing-${mode}`,
    createParser(options, ctx) {
      if (mode === 'create') throw new Error('cannot start');
      const inner = testParser.createParser(options, ctx);
      let pushes = 0;
      return {
        push(chunk) {
          pushes++;
          if (mode === 'always' || (mode === 'push' && pushes === 2))
            throw new TypeError('bad chunk');
          return inner.push(chunk);
        },
        end() {
          if (mode === 'end') throw new Error('bad end');
          return inner.end();
        },
      };
    },
  };
}

describe('runParser never lets an exception escape', () => {
  const chunks = [
    '2024-03-05T14:07:09Z 1.2.3.4 GET /a 200\n',
    '2024-03-05T14:07:10Z 1.2.3.4 GET /b 200\n',
    '2024-03-05T14:07:11Z 1.2.3.4 GET /c 200\n',
  ];

  it('a throwing push costs that chunk, with the last locator seen, and parsing goes on', async () => {
    const r = await parseAll(throwing('push'), chunks);
    // The wrapper threw before its inner parser saw chunk 2, so the inner parser numbers chunk 3's
    // line as 2: a throwing push loses that step, which is why line parsers catch per line.
    expect(r.events.map((e) => [e.locator, e.type === 'http:access' ? e.path : null])).toEqual([
      [{ line: 1 }, '/a'],
      [{ line: 2 }, '/c'],
    ]);
    expect(r.warnings).toMatchObject([{ code: 'PARSER_FAILED', locator: { line: 1 } }]);
    expect(r.warnings[0]?.message).toContain('TypeError: bad chunk');
    expect(r.summary.complete).toBe(true);
  });

  it('a throwing end and a throwing createParser end cleanly', async () => {
    const end = await parseAll(throwing('end'), chunks);
    expect(end.events).toHaveLength(3);
    expect(end.warnings.map((w) => w.code)).toEqual(['PARSER_FAILED']);
    const create = await parseAll(throwing('create'), chunks);
    expect(create.events).toEqual([]);
    expect(create.warnings.map((w) => w.code)).toEqual(['PARSER_ABORTED']);
    expect(create.summary.complete).toBe(false);
  });

  it('abandons a parser that keeps throwing', async () => {
    const many = Array.from({ length: 50 }, () => chunks[0] ?? '');
    const r = await parseAll(throwing('always'), many, { maxFailures: 5 });
    expect(r.warnings.map((w) => w.code)).toEqual([
      ...Array<string>(5).fill('PARSER_FAILED'),
      'PARSER_ABORTED',
    ]);
    expect(r.summary.complete).toBe(false);
  });

  it('a failing source becomes PARSE_UNREADABLE, and what was read is kept', async () => {
    async function* failing(): AsyncGenerator<string> {
      yield chunks[0] ?? '';
      await Promise.resolve();
      throw new Error('EIO: i/o error');
    }
    const outputs: ParseOutput[] = [];
    const summary = await runParser(testParser, failing(), (o) => {
      outputs.push(o);
    });
    expect(outputs.flatMap((o) => o.events)).toHaveLength(1);
    expect(summary.complete).toBe(false);
    expect(summary.error?.code).toBe('PARSE_UNREADABLE');
  });

  it('stops on cancellation', async () => {
    const signal = { aborted: false };
    const summary = await runParser(
      testParser,
      chunks,
      () => {
        signal.aborted = true;
      },
      { signal },
    );
    expect(summary.error?.code).toBe('PARSE_CANCELLED');
    expect(summary.events).toBe(1);
  });
});

describe('ParserRegistry', () => {
  const other: Parser = { ...testParser, name: 'other', detect: () => 0.6 };
  const broken: Parser = {
    ...testParser,
    name: 'broken',
    detect: () => {
      throw new Error('detect bug');
    },
  };
  const silly: Parser = { ...testParser, name: 'silly', detect: () => Number.NaN };

  it('registers, lists sorted, gets by name, refuses duplicates and bad definitions', () => {
    const r = new ParserRegistry([testParser, other]);
    expect(r.list().map((p) => p.name)).toEqual(['other', 'test-kv']);
    expect(r.get('test-kv')).toBe(testParser);
    expect(r.get('nope')).toBeUndefined();
    expect(codeOf(() => r.register(testParser))).toBe('PARSE_PARSER_DUPLICATE');
    expect(codeOf(() => r.register({ ...testParser, name: 'Bad Name' }))).toBe(
      'PARSE_PARSER_INVALID',
    );
    expect(codeOf(() => r.register({ ...testParser, name: 'v', version: '1.0' }))).toBe(
      'PARSE_PARSER_INVALID',
    );
  });

  it('ranks detection candidates; a throwing or NaN detect counts as 0', () => {
    const r = new ParserRegistry([testParser, other, broken, silly]);
    expect(r.detectFormat({ head: sample })).toEqual([
      { name: 'test-kv', version: '1.0.0', confidence: 0.9 },
      { name: 'other', version: '1.0.0', confidence: 0.6 },
    ]);
    expect(r.detectFormat({ head: 'hello' }).map((c) => c.name)).toEqual(['other']);
  });

  it('chooses by name or by detection, else PARSE_FORMAT_UNKNOWN naming the formats tried', () => {
    const r = new ParserRegistry([testParser]);
    expect(r.choose({ head: sample })).toBe(testParser);
    expect(r.choose({ head: 'x' }, 'test-kv')).toBe(testParser);
    expect(codeOf(() => r.choose({ head: 'x' }, 'nope'))).toBe('PARSE_FORMAT_NOT_FOUND');
    try {
      r.choose({ head: 'hello world', fileName: 'mystery.bin' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ParseError);
      expect((error as ParseError).code).toBe('PARSE_FORMAT_UNKNOWN');
      expect((error as ParseError).message).toContain('tried: test-kv');
    }
  });

  it('the default registry holds the built-in parsers', () => {
    const r = createDefaultRegistry();
    expect(r.list().every((p) => typeof p.detect === 'function')).toBe(true);
  });
});

describe('validateParseOptions', () => {
  it('canonicalises the zone and accepts a year as text', () => {
    expect(
      validateParseOptions({
        assumeZone: 'america/new_york',
        year: '2024',
        ambiguousTime: 'later',
      }),
    ).toEqual({
      assumeZone: 'America/New_York',
      year: 2024,
      ambiguousTime: 'later',
    });
    expect(validateParseOptions({})).toEqual({});
  });
  it.each([
    [{ assumeZone: 'CEST' }],
    [{ assumeZone: '+02:00' }],
    [{ year: 0 }],
    [{ year: '20x4' }],
    [{ artefact: 'ABC' }],
    [{ unknown: 1 }],
    ['nope'],
  ])('refuses %j with PARSE_OPTIONS_INVALID', (raw) => {
    expect(codeOf(() => validateParseOptions(raw))).toBe('PARSE_OPTIONS_INVALID');
  });
});
