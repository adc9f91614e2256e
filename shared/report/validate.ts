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
export function parseReportInput(value: unknown): ReportInput {
  if (
    typeof value === 'object' &&
    value !== null &&
    'v' in value &&
    value.v !== REPORT_INPUT_VERSION
  ) {
    throw new ReportError(
      'REPORT_VERSION_UNSUPPORTED',
      `report input version ${String(value.v)} is not supported (expected ${REPORT_INPUT_VERSION})`,
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
