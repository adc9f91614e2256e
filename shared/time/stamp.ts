/**
 * `stamp()`: the one function parsers call to turn what a timestamp reader found into an event's
 * `ts` and `zone` (DESIGN.md principle 4). Rules, in order:
 *
 * 1. An epoch value → `ts`, zone `{ source: 'epoch', offset: null, name: null }`.
 * 2. An offset in the record (`+1100`, `Z`, `GMT`, `-0000`) → `ts`, zone `in-band` with that
 *    offset (`-00:00` keeps RFC 3339's "UTC, local zone unknown"). A declared zone does not
 *    override what the record says.
 * 3. A zone abbreviation in the record (`CEST`) → accepted only when checked against the declared
 *    zone at that date or an epoch value in the same record (abbreviations.ts); otherwise ts null.
 * 4. A wall time with no zone → the declared zone (`--assume-zone`) with its real rules at that
 *    date; a DST gap or overlap sets `zone.ambiguous: true`, warns, and takes the earlier reading
 *    unless `ambiguousTime: 'later'`. No declared zone → `ts: null` and a warning naming the option
 *    that fixes it. Never a silent UTC.
 * Never throws; every warning carries the caller's locator.
 */
import type { EventZone, Locator, ParseWarning } from '../model/event';
import { resolveAbbreviation } from './abbreviations';
import { isRepresentableInstant, wallToUtcMs, MS_PER_MINUTE } from './calendar';
import { formatInstant, formatOffset, type TimeNote, type TimeParseResult } from './instant';
import type { TimeWarningCode } from './warnings';
import { canonicalTimeZone, resolveWallTime, type AmbiguityPreference } from './zones';

export interface StampOptions {
  /** IANA zone the analyst declared for this artefact (`--assume-zone`). */
  readonly assumeZone?: string;
  /** Which reading to take for a local time in a DST gap or overlap. Default `earlier`. */
  readonly ambiguousTime?: AmbiguityPreference;
}

export interface StampInput {
  /** The timestamp text exactly as in the source (used in warning messages). */
  readonly tsRaw: string;
  /** What a reader of instant.ts / excel.ts / syslog-year.ts returned. */
  readonly parsed: TimeParseResult;
  /** Where the timestamp is: copied onto every warning. */
  readonly locator?: Locator | null;
  /** An epoch value (ms) in the same record, to check a zone abbreviation against. */
  readonly crossCheckEpochMs?: number;
}

export interface StampResult {
  /** ISO 8601 UTC with ms and `Z`, or null when the instant cannot be known honestly. */
  readonly ts: string | null;
  /** The same instant as a number (ms since the epoch), for delays and sorting; null with `ts`. */
  readonly instant: number | null;
  readonly zone: EventZone;
  /** Usually empty. */
  readonly warnings: readonly ParseWarning[];
}

const UNKNOWN_ZONE: EventZone = Object.freeze({ source: 'unknown', offset: null, name: null });
const EPOCH_ZONE: EventZone = Object.freeze({ source: 'epoch', offset: null, name: null });
const NO_WARNINGS: readonly ParseWarning[] = Object.freeze([]);

const NOTE_WARNINGS: Readonly<Record<TimeNote, { code: TimeWarningCode; text: string } | null>> = {
  'leap-second': { code: 'TIME_LEAP_SECOND', text: 'a leap second (:60), kept as :59.999' },
  'two-digit-year': {
    code: 'TIME_TWO_DIGIT_YEAR',
    text: 'an obsolete two- or three-digit year, expanded by the RFC 5322 §4.3 rule (00-49 → 20xx, 50-999 → 1900 + year)',
  },
  'weekday-mismatch': {
    code: 'TIME_WEEKDAY_MISMATCH',
    text: 'the day of the week does not match the date; the date was used',
  },
  'military-zone': {
    code: 'TIME_MILITARY_ZONE',
    text: 'a military zone letter, read as -0000 (UTC, true offset unknown) as RFC 5322 §4.3 says',
  },
  'missing-seconds': null,
};

function quote(raw: string): string {
  return raw.length > 80 ? `"${raw.slice(0, 77)}…"` : `"${raw}"`;
}

function result(
  instant: number | null,
  zone: EventZone,
  warnings: ParseWarning[],
  raw: string,
  locator: Locator | null,
): StampResult {
  if (instant !== null && !isRepresentableInstant(instant)) {
    warnings.push({
      code: 'TIME_OUT_OF_RANGE',
      message: `${quote(raw)}: the instant is outside years 0001-9999`,
      locator,
    });
    return { ts: null, instant: null, zone, warnings };
  }
  return {
    ts: instant === null ? null : formatInstant(instant),
    instant,
    zone,
    warnings: warnings.length === 0 ? NO_WARNINGS : warnings,
  };
}

/** Turns a parsed timestamp into `{ ts, zone, warnings }` for an event. See the file comment. */
export function stamp(input: StampInput, options: StampOptions = {}): StampResult {
  const raw = input.tsRaw;
  const locator = input.locator ?? null;
  const parsed = input.parsed;
  const warnings: ParseWarning[] = [];
  const declared = options.assumeZone;

  if (!parsed.ok) {
    const code = parsed.code ?? 'TIME_UNPARSEABLE';
    warnings.push({ code, message: `${quote(raw)}: ${parsed.reason}`, locator });
    const zone: EventZone =
      declared !== undefined && canonicalTimeZone(declared) !== null
        ? { source: 'declared', offset: null, name: canonicalTimeZone(declared) }
        : UNKNOWN_ZONE;
    return { ts: null, instant: null, zone, warnings };
  }

  const time = parsed.time;
  for (const note of time.notes) {
    const w = NOTE_WARNINGS[note];
    if (w !== null) warnings.push({ code: w.code, message: `${quote(raw)}: ${w.text}`, locator });
  }

  switch (time.kind) {
    case 'epoch':
      return result(time.instant, EPOCH_ZONE, warnings, raw, locator);

    case 'offset': {
      const instant = wallToUtcMs(time.wall) - time.offsetMinutes * MS_PER_MINUTE;
      const zone: EventZone = {
        source: 'in-band',
        offset: formatOffset(time.offsetMinutes * MS_PER_MINUTE, time.unknownLocalOffset),
        name: null,
      };
      return result(instant, zone, warnings, raw, locator);
    }

    case 'wall': {
      const zoneName = declared === undefined ? null : canonicalTimeZone(declared);
      if (declared !== undefined && zoneName === null) {
        warnings.push({
          code: 'TIME_ZONE_INVALID',
          message: `${quote(raw)}: the declared zone "${declared}" is not a known IANA zone (e.g. Europe/Tallinn)`,
          locator,
        });
        return result(null, UNKNOWN_ZONE, warnings, raw, locator);
      }

      if (time.abbreviation !== null) {
        const check: { zone?: string; epochMs?: number } = {};
        if (zoneName !== null) check.zone = zoneName;
        if (input.crossCheckEpochMs !== undefined) check.epochMs = input.crossCheckEpochMs;
        const r = resolveAbbreviation(time.abbreviation, time.wall, check);
        if (!r.ok) {
          const fix =
            r.code === 'TIME_ABBREVIATION_UNRESOLVED' && zoneName === null
              ? '; set --assume-zone IANA_ZONE to the zone the source used'
              : '';
          warnings.push({ code: r.code, message: `${quote(raw)}: ${r.reason}${fix}`, locator });
          const zone: EventZone =
            zoneName === null ? UNKNOWN_ZONE : { source: 'declared', offset: null, name: zoneName };
          return result(null, zone, warnings, raw, locator);
        }
        const offset = formatOffset(r.offsetMinutes * MS_PER_MINUTE);
        const zone: EventZone =
          r.via === 'universal'
            ? { source: 'in-band', offset, name: null }
            : r.via === 'epoch'
              ? { source: 'epoch', offset, name: null }
              : { source: 'declared', offset, name: zoneName };
        return result(r.instant, zone, warnings, raw, locator);
      }

      if (zoneName === null) {
        warnings.push({
          code: 'TIME_NO_ZONE',
          message: `${quote(raw)}: the timestamp has no zone and none was declared, so it has no UTC time; set --assume-zone IANA_ZONE (or declare the artefact's zone in the app)`,
          locator,
        });
        return result(null, UNKNOWN_ZONE, warnings, raw, locator);
      }

      const prefer = options.ambiguousTime ?? 'earlier';
      const r = resolveWallTime(time.wall, zoneName, { prefer });
      if (!r.ok) {
        warnings.push({ code: 'TIME_UNPARSEABLE', message: `${quote(raw)}: ${r.reason}`, locator });
        return result(
          null,
          { source: 'declared', offset: null, name: zoneName },
          warnings,
          raw,
          locator,
        );
      }
      const zone: EventZone = {
        source: 'declared',
        offset: formatOffset(r.offsetMs),
        name: zoneName,
      };
      if (r.ambiguous !== null) {
        const readings = r.candidates
          .map((c, i) => `${formatInstant(c)} (${formatOffset(r.candidateOffsetsMs[i] ?? 0)})`)
          .join(' or ');
        const what =
          r.ambiguous === 'gap'
            ? `does not exist in ${zoneName} (DST gap: the clocks jumped over it)`
            : `happened twice in ${zoneName} (DST overlap: the clocks went back)`;
        warnings.push({
          code: r.ambiguous === 'gap' ? 'TIME_DST_GAP' : 'TIME_DST_OVERLAP',
          message: `${quote(raw)}: the local time ${what}; read as ${readings}; the ${prefer} reading was used`,
          locator,
        });
        return result(r.instant, { ...zone, ambiguous: true }, warnings, raw, locator);
      }
      return result(r.instant, zone, warnings, raw, locator);
    }
  }
}
