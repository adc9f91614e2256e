import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCsvSplitter, detectDelimiter, type CsvRecord } from '../../../../shared/parsers';

function split(text: string, chunk = text.length || 1, max = 10_000) {
  const s = createCsvSplitter({ maxRecordLength: max });
  const records: CsvRecord[] = [];
  const codes: string[] = [];
  for (let i = 0; i < text.length; i += chunk) {
    const b = s.push(text.slice(i, i + chunk));
    records.push(...b.records);
    codes.push(...b.warnings.map((w) => w.code));
  }
  const b = s.end();
  records.push(...b.records);
  codes.push(...b.warnings.map((w) => w.code));
  return { records, codes };
}

describe('createCsvSplitter (RFC 4180)', () => {
  it('reads quoted fields, escaped quotes, embedded newlines and keeps start lines', () => {
    const text =
      '\uFEFFip,port,note\r\n198.51.100.7,"1024–2047","said ""hi""\r\nover two lines"\r\n\r\n203.0.113.9,,x\n';
    const { records, codes } = split(text);
    expect(records).toEqual([
      { fields: ['ip', 'port', 'note'], line: 1 },
      { fields: ['198.51.100.7', '1024–2047', 'said "hi"\r\nover two lines'], line: 2 },
      { fields: ['203.0.113.9', '', 'x'], line: 5 },
    ]);
    expect(codes).toEqual([]);
  });

  it('gives the same records whatever the chunking', () => {
    const text = 'a,"b\r\nc",d\r"e""f",g\nh,i\r\n';
    const whole = split(text);
    for (const size of [1, 2, 3, 7]) expect(split(text, size)).toEqual(whole);
    expect(whole.records.map((r) => r.line)).toEqual([1, 3, 4]);
  });

  it('keeps the last record without a newline and an empty quoted field', () => {
    expect(split('a,b\n""').records).toEqual([
      { fields: ['a', 'b'], line: 1 },
      { fields: [''], line: 2 },
    ]);
  });

  it('warns on a stray quote and an unterminated quote, and keeps going', () => {
    const { records, codes } = split('"abc"x,y\nq,"open\nr,s');
    expect(records[0]).toEqual({ fields: ['abcx', 'y'], line: 1 });
    expect(records[1]?.line).toBe(2);
    expect(codes).toEqual(['CSV_QUOTE_STRAY', 'CSV_QUOTE_UNTERMINATED']);
  });

  it('skips an over-long record with a warning naming its line, then reads on', () => {
    const { records, codes } = split(`a,b\n"${'x'.repeat(100)}",c\nd,e\n`, 13, 50);
    expect(records).toEqual([
      { fields: ['a', 'b'], line: 1 },
      { fields: ['d', 'e'], line: 3 },
    ]);
    expect(codes).toEqual(['CSV_RECORD_TOO_LONG']);
  });

  it('round-trips any table written with RFC 4180 quoting', () => {
    const cell = fc.string({ maxLength: 12 });
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 9 }),
        (rows, chunk) => {
          const text = rows
            .map((r) => r.map((c) => `"${c.replaceAll('"', '""')}"`).join(','))
            .join('\r\n');
          const { records, codes } = split(text, chunk);
          expect(codes).toEqual([]);
          expect(records.map((r) => r.fields)).toEqual(rows);
        },
      ),
    );
  });

  it('never throws and stays linear on a 1 MiB line', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        split(s, 3, 64);
      }),
    );
    const started = performance.now();
    split(`"${'a,'.repeat(512 * 1024)}`, 65536, 2 * 1024 * 1024);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('detectDelimiter', () => {
  it.each([
    ['a,b,c\n1,2,3', ','],
    ['a;b;c\n"1,5";2;3', ';'],
    ['a\tb\n1\t2', '\t'],
    ['a|b\n1|2', '|'],
    ['single column', ','],
  ])('%j → %j', (head, d) => {
    expect(detectDelimiter(head)).toBe(d);
  });
});
