import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CaseId } from '../../../../shared/contracts';
import { CaseError } from '../../../../shared/errors';
import { CaseNumber, caseFolderName, parseNewCase, readCaseFile } from '../../../../shared/model';

const valid = {
  format: 'sealcase/case',
  version: 1,
  id: '5f0c6f0e-7d3b-4b8e-9a53-1c2d3e4f5a6b',
  number: '2026/0417',
  title: 'Account takeover',
  authority: 'Production order 17/2026',
  examiners: [],
  created: '2026-11-22T10:00:00.000Z',
  tool: { name: 'sealcase', version: '0.1.0' },
};

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof CaseError ? error.code : 'not a CaseError';
  }
  return undefined;
}

describe('readCaseFile', () => {
  it('accepts a valid version-1 case.json', () => {
    expect(readCaseFile(valid, 'case.json')).toEqual(valid);
  });

  it.each([
    ['an array', []],
    ['a string', 'case'],
    ['null', null],
  ])('refuses %s with CASE_INVALID', (_label, json) => {
    expect(codeOf(() => readCaseFile(json, 'x/case.json'))).toBe('CASE_INVALID');
  });

  it('refuses a missing version', () => {
    const { version: _v, ...rest } = valid;
    expect(codeOf(() => readCaseFile(rest, 'x/case.json'))).toBe('CASE_INVALID');
  });

  it('refuses a newer version instead of guessing', () => {
    expect(codeOf(() => readCaseFile({ ...valid, version: 2 }, 'x/case.json'))).toBe(
      'CASE_VERSION_UNSUPPORTED',
    );
  });

  it('names the file and the failing field', () => {
    try {
      readCaseFile({ ...valid, id: 'not-a-uuid' }, '/cases/a.sealcase/case.json');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CaseError);
      expect((error as CaseError).code).toBe('CASE_INVALID');
      expect((error as CaseError).where).toBe('/cases/a.sealcase/case.json');
      expect((error as CaseError).message).toContain('field id');
    }
  });

  it('refuses unknown fields (strict)', () => {
    expect(codeOf(() => readCaseFile({ ...valid, extra: 1 }, 'x'))).toBe('CASE_INVALID');
  });

  it('refuses a creation time that is not UTC with milliseconds', () => {
    expect(
      codeOf(() => readCaseFile({ ...valid, created: '2026-11-22T10:00:00+02:00' }, 'x')),
    ).toBe('CASE_INVALID');
  });
});

describe('parseNewCase', () => {
  it('trims and keeps a missing authority as null', () => {
    expect(parseNewCase({ number: ' 2026/1 ', title: ' T ' })).toEqual({
      number: '2026/1',
      title: 'T',
      authority: null,
    });
  });

  it.each([
    ['number', { number: '', title: 'T' }],
    ['number', { number: 'A\u0007B', title: 'T' }],
    ['number', { number: 'x'.repeat(65), title: 'T' }],
    ['title', { number: '1', title: '   ' }],
    ['title', { number: '1', title: 'line\nbreak' }],
    ['authority', { number: '1', title: 'T', authority: 'a\u0000b' }],
  ])('refuses a bad %s, naming it', (field, input) => {
    try {
      parseNewCase(input);
      expect.unreachable();
    } catch (error) {
      expect((error as CaseError).code).toBe('CASE_INVALID');
      expect((error as CaseError).where).toBe(field);
    }
  });
});

describe('caseFolderName', () => {
  it('makes a file-system-safe folder name from the case number', () => {
    expect(caseFolderName('2026/0417')).toBe('2026-0417.sealcase');
    expect(caseFolderName('../../etc')).toBe('etc.sealcase');
    expect(caseFolderName('///')).toBe('case.sealcase');
  });

  it('always yields a name the IPC contract accepts as a case id (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 64, unit: 'binary' }), (raw) => {
        const parsed = CaseNumber.safeParse(raw);
        fc.pre(parsed.success);
        const name = caseFolderName(parsed.data as string);
        expect(CaseId.safeParse(name).success).toBe(true);
        expect(name.includes('/')).toBe(false);
        expect(name.includes('\\')).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
