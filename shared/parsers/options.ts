/**
 * Validating a run's options once, before any parser sees them: an invalid option is a
 * `ParseError` (`PARSE_OPTIONS_INVALID`, exit 2 in the CLI), not a warning per line.
 */
import { z } from 'zod';
import { ParseError } from '../errors/parse-error';
import { canonicalTimeZone } from '../time/zones';
import { TableProfile } from './table/profile';
import type { ParseOptions } from './types';

const RawOptions = z
  .object({
    assumeZone: z.string().min(1).max(64).optional(),
    year: z.number().int().min(1).max(9998).optional(),
    logFormat: z.string().min(1).max(8192).optional(),
    artefact: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'expected a lowercase SHA-256 hex digest')
      .optional(),
    ambiguousTime: z.enum(['earlier', 'later']).optional(),
    profile: TableProfile.optional(),
  })
  .strict();

/**
 * Checks options and returns them with `assumeZone` in canonical IANA spelling. `year` may be given
 * as a string from a command line (`"2024"`). Throws `ParseError('PARSE_OPTIONS_INVALID')`.
 */
export function validateParseOptions(raw: unknown): ParseOptions {
  let input = raw;
  if (typeof raw === 'object' && raw !== null && 'year' in raw) {
    const year = (raw as { year: unknown }).year;
    if (typeof year === 'string' && /^\d{1,4}$/.test(year)) input = { ...raw, year: Number(year) };
  }
  const parsed = RawOptions.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined ? 'options' : issue.path.join('.') || 'options';
    throw new ParseError(
      'PARSE_OPTIONS_INVALID',
      `invalid parse option ${where}: ${issue?.message ?? 'invalid'}`,
      {
        where,
      },
    );
  }
  const options = parsed.data;
  const result: {
    -readonly [K in keyof ParseOptions]: ParseOptions[K];
  } = {};
  if (options.assumeZone !== undefined) {
    const canonical = canonicalTimeZone(options.assumeZone);
    if (canonical === null) {
      throw new ParseError(
        'PARSE_OPTIONS_INVALID',
        `--assume-zone "${options.assumeZone}" is not an IANA time zone name (e.g. Europe/Tallinn, America/New_York, UTC)`,
        { where: 'assumeZone' },
      );
    }
    result.assumeZone = canonical;
  }
  if (options.year !== undefined) result.year = options.year;
  if (options.logFormat !== undefined) result.logFormat = options.logFormat;
  if (options.artefact !== undefined) result.artefact = options.artefact;
  if (options.ambiguousTime !== undefined) result.ambiguousTime = options.ambiguousTime;
  if (options.profile !== undefined) {
    const zone = options.profile.zone;
    if (zone !== undefined && canonicalTimeZone(zone) === null) {
      throw new ParseError(
        'PARSE_OPTIONS_INVALID',
        `the column profile's zone "${zone}" is not an IANA time zone name`,
        { where: 'profile.zone' },
      );
    }
    result.profile =
      zone === undefined
        ? options.profile
        : { ...options.profile, zone: canonicalTimeZone(zone) ?? zone };
  }
  return result;
}
