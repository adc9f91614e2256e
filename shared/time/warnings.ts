/**
 * Warning codes of the time layer. A parser copies them onto its warnings unchanged, so the CLI,
 * the app and tests can filter on them. Never reuse a code for a different meaning.
 */
export const TIME_WARNING_CODES = [
  /** The timestamp text could not be read (the message says why). */
  'TIME_UNPARSEABLE',
  /** No zone in the record and none declared: ts is null; `--assume-zone` fixes it. */
  'TIME_NO_ZONE',
  /** No year in the record (RFC 3164 syslog) and none given: ts is null; `--year` fixes it. */
  'TIME_NO_YEAR',
  /** The declared zone is not a valid IANA zone name. */
  'TIME_ZONE_INVALID',
  /** The local time does not exist in the declared zone (DST gap, clocks went forward). */
  'TIME_DST_GAP',
  /** The local time happened twice in the declared zone (DST overlap, clocks went back). */
  'TIME_DST_OVERLAP',
  /** A zone abbreviation that cannot be resolved: unknown, or no declared zone / epoch to check it. */
  'TIME_ABBREVIATION_UNRESOLVED',
  /** A zone abbreviation that contradicts the declared zone at that date, or the epoch value. */
  'TIME_ABBREVIATION_MISMATCH',
  /** An RFC 822 military zone letter, read as -0000 (RFC 5322 §4.3): the true offset is unknown. */
  'TIME_MILITARY_ZONE',
  /** The day-of-week does not match the date (the date was used). */
  'TIME_WEEKDAY_MISMATCH',
  /** A leap second (:60), kept as :59.999. */
  'TIME_LEAP_SECOND',
  /** A two- or three-digit year, expanded by the RFC 5322 §4.3 rule. */
  'TIME_TWO_DIGIT_YEAR',
  /** The instant is outside 0001-01-01 … 9999-12-31 UTC. */
  'TIME_OUT_OF_RANGE',
  /** Yearless timestamps went back in month (Dec → Jan): the year was rolled forward. */
  'TIME_YEAR_ROLLOVER',
  /** Yearless timestamps went back in time by more than a day without a rollover. */
  'TIME_SYSLOG_BACKWARDS',
  /** Excel serial 60 in the 1900 system: 1900-02-29, a day that never existed (Lotus bug). */
  'TIME_EXCEL_PHANTOM_DATE',
] as const;
export type TimeWarningCode = (typeof TIME_WARNING_CODES)[number];
