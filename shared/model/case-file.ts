import { z } from 'zod';
import { CaseError } from '../errors';

/** Current version of `case.json`. Bump it together with a migration in `CASE_FILE_MIGRATIONS`. */
export const CASE_FILE_VERSION = 1;
export const CASE_FILE_FORMAT = 'sealcase/case';
export const CASE_FILE_NAME = 'case.json';
export const CASE_FOLDER_SUFFIX = '.sealcase';

function noControlChars(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return false;
  }
  return true;
}

/** Case number as agencies write them: "2026/0417", "CR-11-2026". One line, no slashes at the ends. */
export const CaseNumber = z
  .string()
  .trim()
  .min(1, 'case number is required')
  .max(64, 'case number is longer than 64 characters')
  .refine(noControlChars, 'case number contains control characters');

export const CaseTitle = z
  .string()
  .trim()
  .min(1, 'title is required')
  .max(200, 'title is longer than 200 characters')
  .refine(noControlChars, 'title contains control characters');

/** Legal authority: warrant, production order, consent… may span lines, so only NUL is refused. */
export const CaseAuthority = z
  .string()
  .trim()
  .max(2000, 'legal authority is longer than 2000 characters')
  .refine((s) => !s.includes('\u0000'), 'legal authority contains a NUL character');

const IsoUtc = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/,
    'expected ISO 8601 UTC with milliseconds',
  );

export const Examiner = z
  .object({
    name: z.string().min(1).max(200),
    org: z.string().max(200).nullable(),
    certificateSha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .nullable(),
  })
  .strict();

export const CaseFileV1 = z
  .object({
    format: z.literal(CASE_FILE_FORMAT),
    version: z.literal(1),
    id: z.uuid(),
    number: CaseNumber,
    title: CaseTitle,
    authority: CaseAuthority.nullable(),
    examiners: z.array(Examiner),
    created: IsoUtc,
    tool: z.object({ name: z.literal('sealcase'), version: z.string().min(1) }).strict(),
  })
  .strict();

export type CaseFile = z.infer<typeof CaseFileV1>;
export type ExaminerEntry = z.infer<typeof Examiner>;

/**
 * Migrations from version N to N+1, keyed by N. Each takes the parsed JSON of version N (already
 * checked to carry `version: N`) and returns the object of version N+1. Empty while only v1 exists.
 */
export const CASE_FILE_MIGRATIONS: Readonly<
  Record<number, (old: Record<string, unknown>) => unknown>
> = {};

function describeIssue(issue: z.core.$ZodIssue): string {
  const field = issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
  return `field ${field}: ${issue.message}`;
}

/**
 * Reads the parsed JSON of a case.json: migrates older versions in memory (never rewrites the file),
 * validates, and throws `CaseError` naming the file and the first failing field.
 */
export function readCaseFile(json: unknown, where: string): CaseFile {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new CaseError('CASE_INVALID', `${where}: case.json is not a JSON object`, { where });
  }
  let current = json as Record<string, unknown>;
  const version = current['version'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new CaseError(
      'CASE_INVALID',
      `${where}: field version: missing or not a positive integer`,
      {
        where,
      },
    );
  }
  if (version > CASE_FILE_VERSION) {
    throw new CaseError(
      'CASE_VERSION_UNSUPPORTED',
      `${where}: case.json version ${version} is newer than this Sealcase reads (${CASE_FILE_VERSION}); upgrade Sealcase`,
      { where },
    );
  }
  for (let v = version; v < CASE_FILE_VERSION; v++) {
    const migrate = CASE_FILE_MIGRATIONS[v];
    if (migrate === undefined) {
      throw new CaseError(
        'CASE_VERSION_UNSUPPORTED',
        `${where}: no migration from case.json version ${v}`,
        {
          where,
        },
      );
    }
    current = migrate(current) as Record<string, unknown>;
  }
  const parsed = CaseFileV1.safeParse(current);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const detail = first === undefined ? 'invalid' : describeIssue(first);
    throw new CaseError('CASE_INVALID', `${where}: ${detail}`, { where });
  }
  return parsed.data;
}

/** Folder name for a new case: the case number made safe for every file system, plus `.sealcase`. */
export function caseFolderName(number: string): string {
  const safe = number
    .trim()
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .slice(0, 64)
    .replace(/^[^A-Za-z0-9]+/, '')
    .replace(/[.-]+$/, '');
  return `${safe.length > 0 ? safe : 'case'}${CASE_FOLDER_SUFFIX}`;
}

export interface NewCaseFields {
  readonly number: string;
  readonly title: string;
  readonly authority: string | null;
}

/** Validates what a user typed for a new case; throws `CaseError` `CASE_INVALID` naming the field. */
export function parseNewCase(input: {
  number: unknown;
  title: unknown;
  authority?: unknown;
}): NewCaseFields {
  const field = <T>(name: string, schema: z.ZodType<T>, value: unknown): T => {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    const message = result.error.issues[0]?.message ?? 'invalid';
    throw new CaseError('CASE_INVALID', `field ${name}: ${message}`, { where: name });
  };
  const authority =
    input.authority === undefined || input.authority === null || input.authority === ''
      ? null
      : field('authority', CaseAuthority, input.authority);
  return {
    number: field('number', CaseNumber, input.number),
    title: field('title', CaseTitle, input.title),
    authority: authority === '' ? null : authority,
  };
}
