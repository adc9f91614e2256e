/**
 * IANA zones with their real rules, through `Intl.DateTimeFormat` (the host's ICU/tzdata: Node and
 * every browser carry it, so main, the CLI and verify.html agree for the same engine version).
 * Nothing here reads the host's own zone: every function takes the zone name.
 *
 * Offsets are found by formatting an instant in the zone and reading its wall fields back;
 * formatters are cached per zone, and offsets per zone and UTC hour (an hour is cached only when
 * its start and end have the same offset, so a transition inside it is always computed exactly).
 */
import {
  MAX_YEAR,
  MIN_YEAR,
  MS_PER_DAY,
  MS_PER_HOUR,
  isValidWallTime,
  utcMsToWall,
  wallToUtcMs,
  type WallTime,
} from './calendar';

const MAX_CACHED_ZONES = 1024;
const MAX_CACHED_HOURS = 65_536;

const formatters = new Map<string, Intl.DateTimeFormat>();
const validity = new Map<string, string | null>();
const hourOffsets = new Map<string, Map<number, number>>();
let cachedHours = 0;

function boundedSet<V>(map: Map<string, V>, key: string, value: V): void {
  if (map.size >= MAX_CACHED_ZONES) map.clear();
  map.set(key, value);
}

/** IANA-shaped: `UTC`, `Europe/Tallinn`, `America/Argentina/Buenos_Aires`, `Etc/GMT+5`. */
function looksLikeIanaName(name: string): boolean {
  if (name.length === 0 || name.length > 64) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const ok =
      (c >= 65 && c <= 90) ||
      (c >= 97 && c <= 122) ||
      (c >= 48 && c <= 57) ||
      c === 47 /* / */ ||
      c === 95 /* _ */ ||
      c === 45 /* - */ ||
      c === 43; /* + */
    if (!ok) return false;
  }
  const first = name.charCodeAt(0);
  return (first >= 65 && first <= 90) || (first >= 97 && first <= 122);
}

/**
 * The canonical spelling of a valid IANA zone name (`europe/tallinn` → `Europe/Tallinn`, links kept
 * as the engine reports them), or null when the engine does not know it. Offsets such as `+02:00`
 * and abbreviations such as `CEST` are not zone names and give null.
 */
export function canonicalTimeZone(name: string): string | null {
  const known = validity.get(name);
  if (known !== undefined) return known;
  let canonical: string | null = null;
  if (looksLikeIanaName(name)) {
    try {
      canonical = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
    } catch {
      canonical = null;
    }
  }
  // Engines accept a few non-IANA spellings ("utc", "gmt"); they map to UTC, which is right.
  boundedSet(validity, name, canonical);
  return canonical;
}

export function isValidTimeZone(name: string): boolean {
  return canonicalTimeZone(name) !== null;
}

function formatterFor(zone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(zone);
  if (f !== undefined) return f;
  if (canonicalTimeZone(zone) === null) return null;
  f = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    era: 'short',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  boundedSet(formatters, zone, f);
  return f;
}

/** Offset in ms (wall − UTC) of `zone` at `instant`, computed without the caches. */
function computeOffset(f: Intl.DateTimeFormat, instant: number): number {
  const seconds = Math.floor(instant / 1000) * 1000;
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let bc = false;
  for (const part of f.formatToParts(seconds)) {
    switch (part.type) {
      case 'year':
        year = Number(part.value);
        break;
      case 'month':
        month = Number(part.value);
        break;
      case 'day':
        day = Number(part.value);
        break;
      case 'hour':
        hour = Number(part.value);
        break;
      case 'minute':
        minute = Number(part.value);
        break;
      case 'second':
        second = Number(part.value);
        break;
      case 'era':
        bc = part.value.startsWith('B');
        break;
      case 'dayPeriod':
      case 'fractionalSecond':
      case 'literal':
      case 'timeZoneName':
      case 'unknown':
      case 'weekday':
        break;
    }
  }
  if (bc) year = 1 - year;
  const wall = wallToUtcMs({ year, month, day, hour: hour % 24, minute, second, millisecond: 0 });
  return wall - seconds;
}

function cachedOffset(zone: string, f: Intl.DateTimeFormat, instant: number): number {
  const hourIndex = Math.floor(instant / MS_PER_HOUR);
  let perZone = hourOffsets.get(zone);
  if (perZone === undefined) {
    perZone = new Map();
    hourOffsets.set(zone, perZone);
  }
  const hit = perZone.get(hourIndex);
  if (hit !== undefined) return hit;
  const start = computeOffset(f, hourIndex * MS_PER_HOUR);
  const end = computeOffset(f, hourIndex * MS_PER_HOUR + MS_PER_HOUR - 1000);
  if (start !== end) return computeOffset(f, instant);
  if (cachedHours >= MAX_CACHED_HOURS) {
    hourOffsets.clear();
    cachedHours = 0;
    perZone = new Map();
    hourOffsets.set(zone, perZone);
  }
  perZone.set(hourIndex, start);
  cachedHours++;
  return start;
}

/** Offset in ms (local − UTC) of `zone` at `instant`; null for an unknown zone. */
export function zoneOffsetAt(zone: string, instant: number): number | null {
  const f = formatterFor(zone);
  if (f === null || !Number.isFinite(instant)) return null;
  return cachedOffset(zone, f, instant);
}

/** The wall time of `instant` in `zone` (millisecond kept); null for an unknown zone. */
export function wallTimeIn(zone: string, instant: number): WallTime | null {
  const offset = zoneOffsetAt(zone, instant);
  if (offset === null) return null;
  return utcMsToWall(instant + offset);
}

export type DstAmbiguity = 'gap' | 'overlap';
export type AmbiguityPreference = 'earlier' | 'later';

export type ZoneResolution =
  | {
      readonly ok: true;
      /** The chosen instant (ms since the epoch, UTC). */
      readonly instant: number;
      /** The offset (ms) applied to the wall time to get `instant`. */
      readonly offsetMs: number;
      /**
       * `gap`: the wall time never happened (clocks jumped over it); `overlap`: it happened twice
       * (clocks went back); null: exactly one instant.
       */
      readonly ambiguous: DstAmbiguity | null;
      /**
       * Every reading, earliest first. Overlap: the two real instants. Gap: the wall time read with
       * the offset after and before the jump — neither shows that wall time on the zone's clocks.
       */
      readonly candidates: readonly number[];
      readonly candidateOffsetsMs: readonly number[];
    }
  | { readonly ok: false; readonly reason: string };

/**
 * The UTC instant of a local wall time in an IANA zone, with the zone's real rules at that date.
 * In a gap or an overlap the earlier reading is chosen unless `prefer: 'later'`.
 * Never throws: an unknown zone or an invalid wall time gives `{ ok: false }`.
 */
export function resolveWallTime(
  wall: WallTime,
  zone: string,
  options: { readonly prefer?: AmbiguityPreference } = {},
): ZoneResolution {
  const f = formatterFor(zone);
  if (f === null) return { ok: false, reason: `"${zone}" is not a known IANA time zone` };
  if (!isValidWallTime(wall) || wall.year < MIN_YEAR || wall.year > MAX_YEAR) {
    return { ok: false, reason: 'invalid wall time' };
  }
  const local = wallToUtcMs(wall);
  const before = cachedOffset(zone, f, local - MS_PER_DAY);
  const after = cachedOffset(zone, f, local + MS_PER_DAY);
  const middle = cachedOffset(zone, f, local);
  const offsets = [before];
  if (middle !== before) offsets.push(middle);
  if (after !== before && after !== middle) offsets.push(after);

  const found: { instant: number; offset: number }[] = [];
  for (const offset of offsets) {
    const candidate = local - offset;
    if (cachedOffset(zone, f, candidate) === offset) found.push({ instant: candidate, offset });
  }
  found.sort((a, b) => a.instant - b.instant);
  const later = options.prefer === 'later';

  if (found.length === 0) {
    // A gap: read the wall time with the offsets on either side of the jump.
    const readings = [
      { instant: local - before, offset: before },
      { instant: local - after, offset: after },
    ].sort((a, b) => a.instant - b.instant);
    const chosen = (later ? readings[readings.length - 1] : readings[0]) ?? readings[0];
    if (chosen === undefined) return { ok: false, reason: 'no reading' };
    return {
      ok: true,
      instant: chosen.instant,
      offsetMs: chosen.offset,
      ambiguous: 'gap',
      candidates: readings.map((r) => r.instant),
      candidateOffsetsMs: readings.map((r) => r.offset),
    };
  }
  const chosen = (later ? found[found.length - 1] : found[0]) ?? found[0];
  if (chosen === undefined) return { ok: false, reason: 'no reading' };
  return {
    ok: true,
    instant: chosen.instant,
    offsetMs: chosen.offset,
    ambiguous: found.length > 1 ? 'overlap' : null,
    candidates: found.map((r) => r.instant),
    candidateOffsetsMs: found.map((r) => r.offset),
  };
}

/** For tests and diagnostics: forget every cached formatter and offset. */
export function clearZoneCaches(): void {
  formatters.clear();
  validity.clear();
  hourOffsets.clear();
  cachedHours = 0;
}
