import { z } from 'zod';
import { ReportError } from '../errors';
import { REPORT_INPUT_VERSION, ReportInput } from './input';

function describe(error: z.ZodError): { message: string; where: string } {
  const issues = error.issues.slice(0, 3);
  const path = (p: PropertyKey[]) => (p.length > 0 ? p.map(String).join('.') : '(input)');
  return {
    message: issues.map((i) => `${path(i.path)}: ${i.message}`).join('; '),
    where: path(issues[0]?.path ?? []),
  };
}

/**
 * Validate report input and fill in the defaults. Throws `ReportError` with
 * `REPORT_VERSION_UNSUPPORTED` for an unknown `v`, `REPORT_INPUT_INVALID` otherwise; `where` names
 * the first offending field (`artefacts.2.sha256`).
 */
/** The version as text, for a message: hostile values (objects whose toString throws) never throw here. */
function describeVersion(v: unknown): string {
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (typeof v === 'string') return JSON.stringify(v.slice(0, 40));
  return v === null ? 'null' : `of type ${Array.isArray(v) ? 'array' : typeof v}`;
}

export function parseReportInput(value: unknown): ReportInput {
  if (
    typeof value === 'object' &&
    value !== null &&
    'v' in value &&
    value.v !== REPORT_INPUT_VERSION
  ) {
    throw new ReportError(
      'REPORT_VERSION_UNSUPPORTED',
      `report input version ${describeVersion(value.v)} is not supported (expected ${REPORT_INPUT_VERSION})`,
      { where: 'v' },
    );
  }
  const result = ReportInput.safeParse(value);
  if (!result.success) {
    const { message, where } = describe(result.error);
    throw new ReportError('REPORT_INPUT_INVALID', `report input is invalid: ${message}`, { where });
  }
  return result.data;
}
