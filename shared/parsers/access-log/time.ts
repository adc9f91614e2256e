/**
 * The event time of an access-log line, through shared/time readers and `stamp()` only:
 * - `%t` / `$time_local` → `parseApacheTime` (offset in-band);
 * - `$time_iso8601` → `parseIso8601`;
 * - `$msec`, `%{sec}t`, `%{msec}t`, `%{usec}t` → `parseEpoch`;
 * - Apache `%{strftime}t` groups → the parts are put together as ISO 8601 text (with the `%z`
 *   offset when logged, else a wall time for `--assume-zone`; a `%Z` name is checked by stamp()).
 *
 * Fast path: consecutive lines usually share the second, so stamp results are kept (a bounded
 * map by time text) and reused when the raw text is identical and stamping it gave no warnings
 * (warnings carry a line locator, so those are always recomputed). For CLF times a second, equally
 * exact path: when only the seconds differ from a time stamp() already read (same `dd/Mon/yyyy:hh:mm` and same `±hhmm`), the UTC time differs by the same seconds, because
 * offsets are whole minutes; the result is that stamp() result with the seconds replaced (the
 * seconds are checked to be 00-59, so a leap second always goes through stamp()). A few minutes
 * are kept, so lines of two servers (two offsets) interleaved still hit.
 */
import type { EventZone, ParseWarning } from '../../model/event';
import { monthFromAbbreviation } from '../../time/calendar';
import {
  parseApacheTime,
  parseEpoch,
  parseIso8601,
  type EpochUnit,
  type TimeParseResult,
} from '../../time/instant';
import { stamp, type StampOptions } from '../../time/stamp';
import { detach } from './field-text';
import { Role, type FieldSpec } from './fields';
import type { CompiledFormat } from './format-compiler';

const UNKNOWN_ZONE: EventZone = Object.freeze({ source: 'unknown', offset: null, name: null });
const NO_WARNINGS: readonly ParseWarning[] = Object.freeze([]);
/** `17/May/2015:10:05:03 +0000`. */
const CLF_LENGTH = 26;

function epochUnit(key: string): EpochUnit {
  return key === 'ms' ? 'ms' : key === 'us' ? 'us' : 's';
}

function digitsOnly(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function fail(reason: string): TimeParseResult {
  return { ok: false, reason };
}

/** Puts Apache `%{…}t` parts together (key → text) and reads them. Exported for tests. */
export function readTimeGroup(parts: ReadonlyMap<string, string>): TimeParseResult {
  const frac = parts.get('f3') ?? parts.get('f6');
  if (frac !== undefined && !digitsOnly(frac))
    return fail('the fraction of a second is not digits');
  for (const unit of ['s', 'ms', 'us'] as const) {
    const epoch = parts.get(`epoch:${unit}`);
    if (epoch !== undefined) {
      const text = frac !== undefined && unit === 's' ? `${epoch}.${frac}` : epoch;
      return parseEpoch(text, unit);
    }
  }
  const seconds = parts.get('s');
  if (seconds !== undefined) {
    return parseEpoch(frac === undefined ? seconds : `${seconds}.${frac}`, 's');
  }
  const year = parts.get('Y');
  const monthText = parts.get('m');
  const monthName = parts.get('b');
  const day = parts.get('d') ?? parts.get('e')?.replace(' ', '0');
  const hour = parts.get('H');
  const minute = parts.get('M');
  if (
    year === undefined ||
    (monthText === undefined && monthName === undefined) ||
    day === undefined ||
    hour === undefined ||
    minute === undefined
  ) {
    return fail(
      'the log format does not give a full date and time (year, month, day, hour, minute)',
    );
  }
  let month = monthText;
  if (month === undefined) {
    const m = monthFromAbbreviation(monthName ?? '');
    if (m === 0) return fail(`"${monthName ?? ''}" is not a month abbreviation`);
    month = m < 10 ? `0${m}` : String(m);
  }
  const second = parts.get('S') ?? '00';
  let iso = `${year}-${month}-${day}T${hour}:${minute}:${second}`;
  if (frac !== undefined) iso += `.${frac}`;
  const z = parts.get('z');
  if (z !== undefined) {
    if (z.length !== 5 || (z[0] !== '+' && z[0] !== '-') || !digitsOnly(z.slice(1))) {
      return fail(`"${z}" is not an offset ±hhmm`);
    }
    return parseIso8601(iso + z, { allowSpaceSeparator: false });
  }
  const parsed = parseIso8601(iso, { allowSpaceSeparator: false });
  const name = parts.get('Z');
  if (name === undefined || !parsed.ok || parsed.time.kind !== 'wall') return parsed;
  const upper = name.toUpperCase();
  if (upper === 'UTC' || upper === 'GMT' || upper === 'Z') {
    return parseIso8601(`${iso}Z`, { allowSpaceSeparator: false });
  }
  return { ok: true, time: { ...parsed.time, abbreviation: name } };
}

export interface EventTime {
  ts: string | null;
  tsRaw: string;
  zone: EventZone;
  warnings: readonly ParseWarning[];
}

/** A time text stamp() read without warnings, and what it gave. */
interface Stamped {
  readonly raw: string;
  readonly ts: string | null;
  readonly zone: EventZone;
}

/** A CLF time's `dd/Mon/yyyy:hh:mm:` and ` ±hhmm`, and its UTC `yyyy-mm-ddThh:mm:`. */
interface StampedMinute {
  readonly prefix: string;
  readonly offset: string;
  readonly tsPrefix: string;
  readonly zone: EventZone;
  /** The times seen in that minute, by second (a minute and a second fix the whole text). */
  readonly seconds: (Stamped | undefined)[];
}

/** Minutes remembered (lines of two servers interleaved keep one each); replaced round-robin. */
const MINUTE_SLOTS = 4;
/** Distinct time texts remembered before that cache starts again. */
const MAX_STAMPED = 4096;

/** The seconds (0-59) of the CLF time at `s`; -1 unless two digits 00-59 (a leap second). */
function clfSecond(line: string, s: number): number {
  const t = line.charCodeAt(s + 18) - 48;
  const u = line.charCodeAt(s + 19) - 48;
  if (t < 0 || t > 5 || u < 0 || u > 9) return -1;
  return t * 10 + u;
}

/** Reads the event time of lines of one compiled format (one instance per format per parse). */
export class TimeReader {
  private readonly format: CompiledFormat;
  private readonly options: StampOptions;
  /** Time texts stamp() read without warnings, by their text. */
  private readonly stamped = new Map<string, Stamped>();
  private readonly minutes: StampedMinute[] = [];
  private minutesNext = 0;
  /** Result of the last `read` (reused object: copy the fields out). */
  readonly out: EventTime = { ts: null, tsRaw: '', zone: UNKNOWN_ZONE, warnings: NO_WARNINGS };

  constructor(format: CompiledFormat, options: StampOptions) {
    this.format = format;
    this.options = options;
  }

  read(line: string, starts: Int32Array, ends: Int32Array, lineNumber: number): EventTime {
    const out = this.out;
    const plan = this.format.time;
    if (plan.kind === 'none') {
      out.ts = null;
      out.tsRaw = '';
      out.zone = UNKNOWN_ZONE;
      out.warnings = NO_WARNINGS;
      return out;
    }
    let s: number;
    let e: number;
    let spec: FieldSpec | undefined;
    if (plan.kind === 'single') {
      spec = this.format.fields[plan.slot];
      s = starts[plan.slot] ?? 0;
      e = ends[plan.slot] ?? 0;
      if (
        spec?.role === Role.TIME_APACHE &&
        e - s >= 2 &&
        line.charCodeAt(s) === 91 &&
        line.charCodeAt(e - 1) === 93
      ) {
        s++;
        e--;
      }
    } else {
      const first = plan.slots[0] ?? 0;
      const last = plan.slots[plan.slots.length - 1] ?? 0;
      s = starts[first] ?? 0;
      e = ends[last] ?? 0;
    }
    const clf = spec?.role === Role.TIME_APACHE && e - s === CLF_LENGTH;
    const second = clf ? clfSecond(line, s) : -1;
    const minute = second < 0 ? null : this.findMinute(line, s);
    if (minute !== null) {
      // Same local minute and offset as a time stamp() already read: only the seconds differ.
      let seen = minute.seconds[second];
      if (seen === undefined) {
        const raw = detach(line.slice(s, e));
        seen = { raw, ts: `${minute.tsPrefix}${raw.slice(18, 20)}.000Z`, zone: minute.zone };
        minute.seconds[second] = seen;
      }
      out.ts = seen.ts;
      out.tsRaw = seen.raw;
      out.zone = seen.zone;
      out.warnings = NO_WARNINGS;
      return out;
    }
    const raw = line.slice(s, e);
    const hit = this.stamped.get(raw);
    if (hit !== undefined) {
      out.ts = hit.ts;
      out.tsRaw = hit.raw;
      out.zone = hit.zone;
      out.warnings = NO_WARNINGS;
      return out;
    }
    let parsed: TimeParseResult;
    if (plan.kind === 'single') {
      const role = spec?.role;
      if (role === Role.TIME_APACHE) parsed = parseApacheTime(raw);
      else if (role === Role.TIME_ISO) parsed = parseIso8601(raw);
      else parsed = parseEpoch(raw, epochUnit(spec?.key ?? 's'));
    } else {
      const parts = new Map<string, string>();
      for (const slot of plan.slots) {
        const f = this.format.fields[slot];
        if (f === undefined) continue;
        const text = line.slice(starts[slot] ?? 0, ends[slot] ?? 0);
        parts.set(f.role === Role.TIME_EPOCH ? `epoch:${f.key}` : f.key, text);
      }
      parsed = readTimeGroup(parts);
    }
    const r = stamp({ tsRaw: raw, parsed, locator: { line: lineNumber } }, this.options);
    if (r.warnings.length === 0) this.remember(detach(raw), r.ts, r.zone);
    out.ts = r.ts;
    out.tsRaw = raw;
    out.zone = r.zone;
    out.warnings = r.warnings;
    // Warnings carry a line locator: a time that gave any is stamped again every time.
    if (r.warnings.length === 0 && clf && r.ts !== null && r.ts.endsWith('.000Z')) {
      const text = detach(raw);
      this.rememberMinute(text.slice(0, 18), text.slice(20), r.ts.slice(0, 17), r.zone);
    }
    return out;
  }

  /** A cached minute of the CLF time at `s` (same `dd/Mon/yyyy:hh:mm:` and offset), or null. */
  private findMinute(line: string, s: number): StampedMinute | null {
    for (const c of this.minutes) {
      // The minute's last digit and the offset's sign first: they usually tell minutes apart.
      if (line.charCodeAt(s + 16) !== c.prefix.charCodeAt(16)) continue;
      if (line.charCodeAt(s + 21) !== c.offset.charCodeAt(1)) continue;
      // Compared as substrings: V8's startsWith is several times slower here.
      if (line.slice(s + 20, s + 26) === c.offset && line.slice(s, s + 18) === c.prefix) return c;
    }
    return null;
  }

  private remember(raw: string, ts: string | null, zone: EventZone): void {
    if (this.stamped.size >= MAX_STAMPED) this.stamped.clear();
    this.stamped.set(raw, { raw, ts, zone });
  }

  private rememberMinute(prefix: string, offset: string, tsPrefix: string, zone: EventZone): void {
    const i = this.minutesNext;
    this.minutes[i] = { prefix, offset, tsPrefix, zone, seconds: [] };
    this.minutesNext = i + 1 === MINUTE_SLOTS ? 0 : i + 1;
  }
}
