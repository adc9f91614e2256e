import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReportError } from '../../../../shared/errors';
import { DEFAULT_DECLARATION, DEFAULT_GLOSSARY, parseReportInput } from '../../../../shared/report';
import { reportInput } from './report-input.fixture';

function refusal(value: unknown): ReportError {
  try {
    parseReportInput(value);
  } catch (e) {
    expect(e).toBeInstanceOf(ReportError);
    return e as ReportError;
  }
  throw new Error('input was accepted');
}

describe('parseReportInput', () => {
  it('accepts the demo-like input and fills in the default declaration and glossary', () => {
    const input = parseReportInput(reportInput(10));
    expect(input.declaration).toBe(DEFAULT_DECLARATION);
    expect(input.glossary.map((g) => g.term)).toEqual(DEFAULT_GLOSSARY.map((g) => g.term));
    expect(input.timeline.events).toHaveLength(10);
  });

  it('refuses an unknown version with REPORT_VERSION_UNSUPPORTED', () => {
    const e = refusal({ ...reportInput(1), v: 2 });
    expect(e.code).toBe('REPORT_VERSION_UNSUPPORTED');
    expect(e.where).toBe('v');
  });

  it('names the field of a bad artefact hash', () => {
    const input = reportInput(1);
    input.artefacts[2] = { ...input.artefacts[2]!, sha256: 'ABC' };
    const e = refusal(input);
    expect(e.code).toBe('REPORT_INPUT_INVALID');
    expect(e.where).toBe('artefacts.2.sha256');
  });

  it('refuses a note pointing at an event that is not in the timeline', () => {
    const input = reportInput(3);
    input.timeline.notes = [{ event: 3, text: 'beyond the end' }];
    expect(refusal(input).where).toBe('timeline.notes.0.event');
  });

  it('refuses control characters in one-line fields, unknown fields, and a missing checkpoint', () => {
    expect(refusal({ ...reportInput(1), packageId: 'a\u0000b' }).where).toBe('packageId');
    expect(refusal({ ...reportInput(1), extra: 1 }).code).toBe('REPORT_INPUT_INVALID');
    const input = reportInput(1) as Record<string, unknown>;
    input.custody = { records: (input.custody as { records: unknown }).records };
    expect(refusal(input).where).toBe('custody.checkpoint');
  });

  it('refuses non-objects with a code', () => {
    for (const v of [null, undefined, 42, 'report', []])
      expect(refusal(v).code).toBe('REPORT_INPUT_INVALID');
  });

  it('a version whose toString throws is refused with a code (fast-check counterexample, seed 616293107)', () => {
    const input = { ...reportInput(1), v: [{ toString: 0 }] };
    expect(refusal(input).code).toBe('REPORT_VERSION_UNSUPPORTED');
  });

  it('property: replacing any top-level field with junk gives a ReportError, never another exception', () => {
    const keys = Object.keys(reportInput(1));
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.anything(), (key, junk) => {
        const input = { ...reportInput(1), [key]: junk } as Record<string, unknown>;
        try {
          parseReportInput(input);
        } catch (e) {
          expect(e).toBeInstanceOf(ReportError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
