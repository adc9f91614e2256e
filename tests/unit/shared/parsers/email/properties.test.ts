/**
 * Properties of the email parser (fast-check): it never throws, its output does not depend on how
 * the text is cut into chunks, and pathological 1 MiB lines finish in linear time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SealcaseEvent } from '../../../../../shared/model';
import type { ParseOutput } from '../../../../../shared/parsers';
import { emailParser, parseReceived } from '../../../../../shared/parsers/email';
import { chunked } from '../chunked';

const CTX = { maxLineLength: 2 * 1024 * 1024 };

/** Drives the parser directly (no runner to catch a throw). */
function drive(chunks: readonly string[]): ParseOutput {
  const p = emailParser.createParser({}, CTX);
  const out: ParseOutput = { events: [], warnings: [] };
  for (const c of chunks) {
    const o = p.push(c);
    out.events.push(...o.events);
    out.warnings.push(...o.warnings);
  }
  const o = p.end();
  out.events.push(...o.events);
  out.warnings.push(...o.warnings);
  return out;
}

/** Lines that look like mail often enough to reach every branch. */
const PIECES = [
  'Received: ',
  'From ',
  'From: ',
  'Date: ',
  'Subject: ',
  'To: ',
  'Message-ID: <a@b>',
  'X-Originating-IP: ',
  'from ',
  ' by ',
  ' with ',
  ' id ',
  ' for ',
  ' via HTTP',
  'helo=',
  '(HELO x)',
  '(',
  ')',
  '[',
  ']',
  ':25',
  '"',
  '\\',
  ';',
  ' ',
  '\t',
  '\n',
  '\r\n',
  '\n\n',
  '192.0.2.1',
  'IPv6:2001:db8::1',
  '100.64.0.1',
  'Tue, 5 Mar 2024 14:07:09 +0100',
  '5 Mar 2024 14:07:09 -0000',
  '=?UTF-8?B?SsO8cmdlbg==?=',
  '=?ISO-8859-1?Q?Gr=FC=DFe?=',
  'qmail 1 invoked by uid 5',
  'é',
  '\uFEFF',
];

const mailish = fc.array(fc.constantFrom(...PIECES), { maxLength: 80 }).map((a) => a.join(''));
const anyText = fc.oneof(mailish, fc.string({ unit: 'binary', maxLength: 400 }));

describe('email parser properties', () => {
  it('never throws, and every event it emits is schema-valid', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const out = drive([text]);
        for (const e of out.events) expect(SealcaseEvent.safeParse(e).success).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('parseReceived never throws on arbitrary text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const p = parseReceived(text);
        expect(Array.isArray(p.problems)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('the same output whatever the chunking', () => {
    fc.assert(
      fc.property(mailish, fc.array(fc.nat(), { maxLength: 12 }), (text, points) => {
        expect(drive(chunked(text, points))).toEqual(drive([text]));
      }),
      { numRuns: 300 },
    );
  });

  it('one character per chunk gives the same output as one chunk', () => {
    const text =
      'From a@b Tue Mar  5 14:07:09 2024\r\nReceived: from a (b [192.0.2.1])\r\n by c; Tue, 5 Mar 2024 14:07:09 +0100\r\nSubject: =?UTF-8?Q?K=C3=B6ln?=\r\n\r\nbody\r\n';
    expect(drive([...text])).toEqual(drive([text]));
  });
});

describe('linear time on 1 MiB lines', () => {
  const MiB = 1024 * 1024;
  const cases: [string, string][] = [
    ['open parentheses', '('.repeat(MiB)],
    ['close parentheses', ')'.repeat(MiB)],
    ['balanced nesting', `${'('.repeat(MiB / 2)}${')'.repeat(MiB / 2)}`],
    ['open brackets', '['.repeat(MiB)],
    ['quotes', '"'.repeat(MiB)],
    ['semicolons', ';'.repeat(MiB)],
    ['backslashes in a comment', `(${'\\'.repeat(MiB)}`],
    ['keywords', 'from by '.repeat(MiB / 8)],
    ['day names', 'Tue, '.repeat(MiB / 5)],
    ['literals', '[1.2.3.4]:25 '.repeat(MiB / 13)],
    ['comments with helo', '(HELO x) '.repeat(MiB / 9)],
    ['one long word', 'a'.repeat(MiB)],
  ];

  for (const [name, value] of cases) {
    it(`parseReceived: ${name}`, () => {
      const start = performance.now();
      parseReceived(value);
      expect(performance.now() - start).toBeLessThan(1500);
    });
  }

  it('a whole message whose Received line is just under the header cap', () => {
    const value = `from a (${'('.repeat(MiB / 2 - 100)} by b; ${'Tue, '.repeat(MiB / 10)}`;
    const start = performance.now();
    const out = drive([`Received: ${value}\n\nbody\n`]);
    expect(performance.now() - start).toBeLessThan(3000);
    expect(out.events.filter((e) => e.type === 'email:received')).toHaveLength(1);
  });

  it('a 1 MiB single line with no line break finishes fast', () => {
    const start = performance.now();
    const out = drive([`Subject: ${'x'.repeat(MiB)}`]);
    expect(performance.now() - start).toBeLessThan(1500);
    expect(out.warnings.map((w) => w.code)).toContain('EMAIL_HEADER_TOO_LARGE');
  });
});
