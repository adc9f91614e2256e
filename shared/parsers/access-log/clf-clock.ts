/**
 * The fast reading of an Apache `%t` time `dd/Mon/yyyy:hh:mm:ss ±hhmm` (26 characters), for the
 * predefined-format fast path (fast-path.ts). Exact, anchored on `stamp()`:
 *
 * The first time of a (date, offset) pair — the characters `dd/Mon/yyyy` and `±hhmm` — goes
 * through `parseApacheTime` + `stamp()`. When that gives a `ts` and no warning, the UTC instant of
 * 00:00:00 that day at that offset (the "anchor") is kept with stamp()'s zone. Every other time
 * with the same date and offset is the anchor plus hh·3600 + mm·60 + ss seconds (offsets are
 * whole minutes, a day has no DST inside one fixed offset), checked to be 00-23, 00-59, 00-59 (a
 * leap second `:60` always goes back to stamp()) and inside years 0001-9999. The `ts` text is the
 * UTC day's `YYYY-MM-DDT` (from `formatInstant`, cached) plus `HH:MM:SS.000Z`; one text per UTC
 * second is kept (direct-mapped). The last two time texts read are remembered with their result
 * (most recently used first): a line whose time text equals one of them (lines of one second, two
 * servers interleaved) costs one comparison in place and shares its `ts` and `tsRaw` strings; one
 * that differs from one of them in `ss` only is that one's instant plus the difference in seconds
 * (same date, hour, minute and offset) and takes its place.
 *
 * `read` returns false when the text is not of that shape or stamp() warned: the caller then
 * takes the general path, which stamps it (and warns with the line number) as before.
 */
import type { EventZone } from '../../model/event';
import { isRepresentableInstant } from '../../time/calendar';
import { formatInstant, parseApacheTime } from '../../time/instant';
import { stamp, type StampOptions } from '../../time/stamp';

const MS_PER_DAY = 86_400_000;
const UNKNOWN_ZONE: EventZone = Object.freeze({ source: 'unknown', offset: null, name: null });
/** Anchors remembered (two servers' offsets, a day boundary); replaced round-robin. */
const ANCHOR_SLOTS = 8;
/** UTC seconds whose `ts` text is kept (direct-mapped by the low bits). */
const SECOND_SLOTS = 4096;
/** UTC days whose `YYYY-MM-DDT` is kept (direct-mapped). */
const DAY_SLOTS = 64;

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));
/** `hh:mm:` for each minute of a day (index hh·60 + mm). */
const HOUR_MINUTE: readonly string[] = Array.from(
  { length: 1440 },
  (_, i) => `${pad2(Math.floor(i / 60))}:${pad2(i % 60)}:`,
);
/** `ss.000Z` for each second of a minute. */
const SECOND_MS_Z: readonly string[] = Array.from({ length: 60 }, (_, i) => `${pad2(i)}.000Z`);

/** Two ASCII digits at `i` as a number, or -1. */
function two(line: string, i: number): number {
  const a = line.charCodeAt(i) - 48;
  const b = line.charCodeAt(i + 1) - 48;
  if (a < 0 || a > 9 || b < 0 || b > 9) return -1;
  return a * 10 + b;
}

/** `compareTime` results. */
const SAME = 0;
const SECONDS_DIFFER = 1;
const DIFFERENT = 2;

/**
 * `line[s, s + 26)` against the time text whose character codes are `codes` (a typed copy: the
 * text itself is a slice of its chunk, slower to read from): SAME, SECONDS_DIFFER (only the
 * characters 18-19, `ss`, differ) or DIFFERENT. The offset first: it tells two servers apart.
 */
function compareTime(line: string, s: number, codes: Uint16Array): number {
  for (let i = 25; i >= 20; i--) {
    if (line.charCodeAt(s + i) !== codes[i]) return DIFFERENT;
  }
  for (let i = 17; i >= 0; i--) {
    if (line.charCodeAt(s + i) !== codes[i]) return DIFFERENT;
  }
  return line.charCodeAt(s + 19) === codes[19] && line.charCodeAt(s + 18) === codes[18]
    ? SAME
    : SECONDS_DIFFER;
}

/** The date and offset characters of a CLF time as numbers (key of one anchor). */
interface Anchor {
  /** `dd` and the three month characters packed: dd·2^24 + c1·2^16 + c2·2^8 + c3. */
  dayMonth: number;
  /** `yyyy` as digits. */
  year: number;
  /** `±hhmm` as a signed number (−0000 is −10000 so that it differs from +0000). */
  offset: number;
  /** UTC ms of 00:00:00 local that day. */
  base: number;
  zone: EventZone;
}

/** What a time text gave: `ts`, the text itself (`tsRaw`), the zone. */
export interface ClockReading {
  readonly ts: string;
  readonly raw: string;
  readonly zone: EventZone;
}

/** A time text read, and what it gave. */
interface Seen extends ClockReading {
  /** False until a text is remembered here. */
  valid: boolean;
  raw: string;
  /** The character codes of `raw`. */
  readonly codes: Uint16Array;
  /** Its UTC instant (ms) and its `ss`. */
  ms: number;
  ss: number;
  ts: string;
  zone: EventZone;
}

function noneSeen(): Seen {
  return {
    valid: false,
    raw: '',
    codes: new Uint16Array(26),
    ms: 0,
    ss: 0,
    ts: '',
    zone: UNKNOWN_ZONE,
  };
}

export class ClfClock {
  private readonly options: StampOptions;
  private readonly anchors: Anchor[] = [];
  private anchorsNext = 0;
  private readonly secondKeys = new Float64Array(SECOND_SLOTS).fill(Number.NaN);
  private readonly secondTexts: string[] = new Array<string>(SECOND_SLOTS).fill('');
  private readonly dayKeys = new Float64Array(DAY_SLOTS).fill(Number.NaN);
  private readonly dayTexts: string[] = new Array<string>(DAY_SLOTS).fill('');
  /** The last two time texts read (most recent first); `raw` '' = none yet. */
  private recent0: Seen = noneSeen();
  private recent1: Seen = noneSeen();
  constructor(options: StampOptions) {
    this.options = options;
  }

  /**
   * Reads the 26-character CLF time at `line[s, s + 26)`: its reading (valid until the next
   * `read`), or null → take the general path.
   */
  read(line: string, s: number): ClockReading | null {
    // Most lines repeat one of the last two time texts (lines of one second, two servers): compared
    // in place, no slice. Most others differ from one of them in the seconds only.
    const a = this.recent0;
    const ra = a.valid ? compareTime(line, s, a.codes) : DIFFERENT;
    if (ra === SAME) return a;
    const b = this.recent1;
    const rb = b.valid ? compareTime(line, s, b.codes) : DIFFERENT;
    if (rb === SAME) {
      // The most recently used first: the one that makes way next is the other.
      this.recent0 = b;
      this.recent1 = a;
      return b;
    }
    if (ra === SECONDS_DIFFER) return this.nextSecond(line, s, a);
    if (rb === SECONDS_DIFFER) return this.nextSecond(line, s, b);
    return this.readNew(line, s);
  }

  /**
   * A time text that differs from `like`'s in the seconds only: same date, hour, minute and offset,
   * so its instant differs by the seconds (checked 00-59: `:60` goes to stamp() by readNew).
   */
  private nextSecond(line: string, s: number, like: Seen): Seen | null {
    const ss = two(line, s + 18);
    if (ss < 0 || ss > 59) return null;
    // It takes `like`'s place: the other one (another server's time, often) is kept.
    if (!this.remember(like, line, s, like.ms + (ss - like.ss) * 1000, ss, like.zone)) return null;
    like.codes[18] = line.charCodeAt(s + 18);
    like.codes[19] = line.charCodeAt(s + 19);
    return like;
  }

  /** `read` of a time text other than the last two and not in their minutes. */
  private readNew(line: string, s: number): Seen | null {
    // dd/Mon/yyyy:hh:mm:ss ±hhmm
    // 0123456789012345678901234 5
    if (
      line.charCodeAt(s + 2) !== 47 ||
      line.charCodeAt(s + 6) !== 47 ||
      line.charCodeAt(s + 11) !== 58 ||
      line.charCodeAt(s + 14) !== 58 ||
      line.charCodeAt(s + 17) !== 58 ||
      line.charCodeAt(s + 20) !== 32
    ) {
      return null;
    }
    const dd = two(line, s);
    const m1 = line.charCodeAt(s + 3);
    const m2 = line.charCodeAt(s + 4);
    const m3 = line.charCodeAt(s + 5);
    const y1 = two(line, s + 7);
    const y2 = two(line, s + 9);
    const hh = two(line, s + 12);
    const mi = two(line, s + 15);
    const ss = two(line, s + 18);
    const sign = line.charCodeAt(s + 21);
    const oh = two(line, s + 22);
    const om = two(line, s + 24);
    if ((dd | y1 | y2 | hh | mi | ss | oh | om) < 0) return null;
    if (m1 > 255 || m2 > 255 || m3 > 255 || (sign !== 43 && sign !== 45)) return null;
    if (hh > 23 || mi > 59 || ss > 59) return null;
    const dayMonth = dd * 16777216 + m1 * 65536 + m2 * 256 + m3;
    const year = y1 * 100 + y2;
    const hhmm = oh * 100 + om;
    const offset = sign === 45 ? -(hhmm === 0 ? 10000 : hhmm) : hhmm;
    const secondOfDay = hh * 3600 + mi * 60 + ss;

    let anchor: Anchor | null = null;
    for (const a of this.anchors) {
      if (a.dayMonth === dayMonth && a.year === year && a.offset === offset) {
        anchor = a;
        break;
      }
    }
    if (anchor === null) {
      anchor = this.anchor(line.slice(s, s + 26), secondOfDay);
      if (anchor === null) return null;
      anchor.dayMonth = dayMonth;
      anchor.year = year;
      anchor.offset = offset;
    }
    // The older of the two remembered texts makes way.
    const seen = this.recent1;
    if (!this.remember(seen, line, s, anchor.base + secondOfDay * 1000, ss, anchor.zone)) {
      return null;
    }
    for (let i = 0; i < 26; i++) seen.codes[i] = line.charCodeAt(s + i);
    return seen;
  }

  /**
   * The time text at `s` read as `ms`: remembered in `seen` (one of the two, made the first), all
   * but the character codes (the caller sets those that changed).
   */
  private remember(
    seen: Seen,
    line: string,
    s: number,
    ms: number,
    ss: number,
    zone: EventZone,
  ): boolean {
    if (!isRepresentableInstant(ms)) return false;
    if (seen === this.recent1) {
      this.recent1 = this.recent0;
      this.recent0 = seen;
    }
    // Not detached: two texts at most, so at most two chunks are kept alive by them.
    seen.valid = true;
    seen.raw = line.slice(s, s + 26);
    seen.ms = ms;
    seen.ss = ss;
    seen.ts = this.text(ms);
    seen.zone = zone;
    return true;
  }

  /** stamp() of one full time text; the anchor of its date and offset, or null (warnings). */
  private anchor(raw: string, secondOfDay: number): Anchor | null {
    const r = stamp({ tsRaw: raw, parsed: parseApacheTime(raw), locator: null }, this.options);
    if (r.warnings.length > 0 || r.instant === null || r.ts === null) return null;
    const anchor: Anchor = {
      dayMonth: 0,
      year: 0,
      offset: 0,
      base: r.instant - secondOfDay * 1000,
      zone: r.zone,
    };
    this.anchors[this.anchorsNext] = anchor;
    this.anchorsNext = (this.anchorsNext + 1) % ANCHOR_SLOTS;
    return anchor;
  }

  /** `YYYY-MM-DDTHH:MM:SS.000Z` of a whole-second instant `ms` (years 0001-9999). */
  private text(ms: number): string {
    const second = ms / 1000;
    const slot = second & (SECOND_SLOTS - 1);
    if (this.secondKeys[slot] === second) return this.secondTexts[slot] as string;
    const day = Math.floor(ms / MS_PER_DAY);
    const daySlot = day & (DAY_SLOTS - 1);
    let prefix: string;
    if (this.dayKeys[daySlot] === day) {
      prefix = this.dayTexts[daySlot] as string;
    } else {
      prefix = formatInstant(day * MS_PER_DAY).slice(0, 11);
      this.dayKeys[daySlot] = day;
      this.dayTexts[daySlot] = prefix;
    }
    const sod = second - day * 86400;
    const text = prefix + (HOUR_MINUTE[Math.floor(sod / 60)] ?? '') + (SECOND_MS_Z[sod % 60] ?? '');
    this.secondKeys[slot] = second;
    this.secondTexts[slot] = text;
    return text;
  }
}
