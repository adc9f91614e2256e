/**
 * Reading one table cell as a port, a port range or a time. Cells are text (CSV) or numbers (XLSX
 * numeric and date cells, dates as Excel serials in the workbook's date system). Pure; never throws;
 * no regex that can backtrack.
 */
import type { Locator, ParseWarning } from '../../model/event';
import { excelSerialToWall, type ExcelDateSystem } from '../../time/excel';
import { parseIso8601, wallTime, type TimeParseResult } from '../../time/instant';
import { stamp, type StampOptions, type StampResult } from '../../time/stamp';
import { canonicalTimeZone } from '../../time/zones';
import type { DateOrder } from './profile';

/** A cell as the table source gives it: text, a number (XLSX), or empty. */
export type TableCell = string | number | null;

export function cellText(cell: TableCell | undefined): string {
  if (cell === null || cell === undefined) return '';
  return typeof cell === 'number' ? String(cell) : cell.trim();
}

function digitsValue(text: string): number {
  if (text.length === 0 || text.length > 9) return -1;
  let v = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

export type PortRead =
  | { readonly ok: true; readonly start: number; readonly end: number }
  | { readonly ok: false; readonly reason: string };

const DASHES = ['–', '—', '‒', '-', '..', ':'];

/** `4100`, `1024–2047` (en or em dash, hyphen, `..`, `:`; spaces allowed), a whole-number cell. */
export function readPortRange(cell: TableCell | undefined): PortRead | null {
  if (typeof cell === 'number') {
    if (Number.isInteger(cell) && cell >= 0 && cell <= 65535) {
      return { ok: true, start: cell, end: cell };
    }
    return { ok: false, reason: `${cell} is not a port number` };
  }
  const text = cellText(cell);
  if (text === '' || text === '-') return null;
  for (const dash of DASHES) {
    const at = text.indexOf(dash, 1);
    if (at < 0) continue;
    const a = digitsValue(text.slice(0, at).trim());
    const b = digitsValue(text.slice(at + dash.length).trim());
    if (a < 0 || b < 0 || a > 65535 || b > 65535) break;
    if (b < a) return { ok: false, reason: `port range "${text}" ends before it starts` };
    return { ok: true, start: a, end: b };
  }
  const p = digitsValue(text);
  if (p < 0 || p > 65535) return { ok: false, reason: `"${text}" is not a port or port range` };
  return { ok: true, start: p, end: p };
}

export interface CellTimeContext {
  readonly dateOrder?: DateOrder;
  readonly dateSystem: ExcelDateSystem;
  /** The run's options: `assumeZone` (already merged with the profile's zone) and DST choice. */
  readonly stampOptions: StampOptions;
  readonly locator: Locator;
}

export interface CellTime extends StampResult {
  readonly tsRaw: string;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

interface SplitDate {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly rest: string;
  readonly yearFirst: boolean;
}

/** `05/03/2024 14:07:09`, `5.3.2024 14:07`, `2024/03/05 …`: three numbers and the rest. */
function splitDate(text: string): SplitDate | null {
  const parts: number[] = [];
  let i = 0;
  let yearFirst = false;
  for (let k = 0; k < 3; k++) {
    let j = i;
    while (j < text.length && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
    const v = digitsValue(text.slice(i, j));
    if (v < 0 || j - i > 4) return null;
    if (k === 0 && j - i === 4) yearFirst = true;
    parts.push(v);
    if (k < 2) {
      const sep = text[j];
      if (sep !== '/' && sep !== '.' && sep !== '-') return null;
      j++;
    }
    i = j;
  }
  const [a = 0, b = 0, c = 0] = parts;
  return { a, b, c, rest: text.slice(i), yearFirst };
}

/** `14:07:09`, `14:07`, `14:07:09.5`, `T14:07:09`; the rest (an offset or zone) is returned. */
function splitClock(text: string): { h: number; m: number; s: number; ms: number; tail: string } {
  let t = text;
  if (t.startsWith('T') || t.startsWith(' ')) t = t.slice(1).trimStart();
  if (t === '') return { h: 0, m: 0, s: 0, ms: 0, tail: '' };
  const h = digitsValue(t.slice(0, t.indexOf(':') < 0 ? 0 : t.indexOf(':')));
  if (h < 0) return { h: -1, m: 0, s: 0, ms: 0, tail: t };
  let i = t.indexOf(':') + 1;
  const m = digitsValue(t.slice(i, i + 2));
  i += 2;
  let s = 0;
  let ms = 0;
  if (t[i] === ':') {
    s = digitsValue(t.slice(i + 1, i + 3));
    i += 3;
    if (t[i] === '.' || t[i] === ',') {
      let j = i + 1;
      while (j < t.length && t.charCodeAt(j) >= 48 && t.charCodeAt(j) <= 57) j++;
      const frac = `${t.slice(i + 1, j)}000`.slice(0, 3);
      ms = digitsValue(frac);
      i = j;
    }
  }
  if (m < 0 || s < 0) return { h: -1, m: 0, s: 0, ms: 0, tail: t };
  return { h, m, s, ms, tail: t.slice(i).trim() };
}

function isoOffsetOf(zone: string): string | null {
  const z = zone.trim().toUpperCase();
  if (z === 'Z' || z === 'UTC' || z === 'GMT' || z === 'UT') return 'Z';
  let t = z;
  if (t.startsWith('UTC') || t.startsWith('GMT')) t = t.slice(3);
  if (t.length < 2 || (t[0] !== '+' && t[0] !== '-')) return null;
  const body = t.slice(1).replace(':', '');
  let hh: number;
  let mm = 0;
  if (body.length <= 2) hh = digitsValue(body);
  else if (body.length === 4) {
    hh = digitsValue(body.slice(0, 2));
    mm = digitsValue(body.slice(2));
  } else return null;
  if (hh < 0 || hh > 18 || mm < 0 || mm > 59) return null;
  return `${t[0]}${pad2(hh)}:${pad2(mm)}`;
}

function isAbbreviation(text: string): boolean {
  if (text.length < 2 || text.length > 6) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 65 || c > 90) return false;
  }
  return true;
}

export interface CellTimeRead {
  readonly time: CellTime | null;
  readonly warnings: ParseWarning[];
}

/**
 * A time cell (with the row's zone cell, when the table has one) → `ts`/`zone` through stamp().
 * Returns `time: null` for an empty cell. Slashed dates need a date order: the profile's, or the
 * one the value itself proves (a first number above 12 can only be a day); an order the value
 * contradicts gives `ts: null` and `TABLE_DATE_ORDER_CONTRADICTED`.
 */
export function readCellTime(
  cell: TableCell | undefined,
  zoneCell: TableCell | undefined,
  ctx: CellTimeContext,
): CellTimeRead {
  const warnings: ParseWarning[] = [];
  const text = cellText(cell);
  const zoneText = cellText(zoneCell);
  if (text === '') return { time: null, warnings };
  const tsRaw = zoneText === '' ? text : `${text} ${zoneText}`;
  let stampOptions = ctx.stampOptions;
  const zoneName = zoneText.includes('/') ? canonicalTimeZone(zoneText) : null;
  if (zoneName !== null) stampOptions = { ...stampOptions, assumeZone: zoneName };
  const offset = zoneName === null && zoneText !== '' ? isoOffsetOf(zoneText) : null;
  const abbreviation =
    zoneName === null && offset === null && isAbbreviation(zoneText) ? zoneText : null;
  if (zoneText !== '' && zoneName === null && offset === null && abbreviation === null) {
    warnings.push({
      code: 'TABLE_ZONE_UNREADABLE',
      message: `zone "${zoneText}" is neither an offset, an IANA zone nor a zone abbreviation; the time is read without it`,
      locator: ctx.locator,
    });
  }

  const finish = (parsed: TimeParseResult): CellTimeRead => {
    const r = stamp({ tsRaw, parsed, locator: ctx.locator }, stampOptions);
    // A TABLE_* warning already said why the date could not be read: no second one for it.
    const said = warnings.some((w) => w.code.startsWith('TABLE_DATE_ORDER'));
    warnings.push(...(said ? r.warnings.filter((w) => w.code !== 'TIME_UNPARSEABLE') : r.warnings));
    return { time: { ...r, tsRaw }, warnings };
  };
  const fromWall = (y: number, mo: number, d: number, clockText: string): CellTimeRead => {
    const clock = splitClock(clockText);
    if (clock.h < 0) return finish({ ok: false, reason: 'the time of day is unreadable' });
    const tail = clock.tail;
    const tailOffset = tail === '' ? null : isoOffsetOf(tail);
    const tailAbbr = tail !== '' && tailOffset === null && isAbbreviation(tail) ? tail : null;
    if (tail !== '' && tailOffset === null && tailAbbr === null) {
      return finish({ ok: false, reason: `unexpected text "${tail}" after the time` });
    }
    const useOffset = tailOffset ?? offset;
    if (useOffset !== null) {
      const iso = `${String(y).padStart(4, '0')}-${pad2(mo)}-${pad2(d)}T${pad2(clock.h)}:${pad2(clock.m)}:${pad2(clock.s)}.${String(clock.ms).padStart(3, '0')}${useOffset}`;
      return finish(parseIso8601(iso));
    }
    const wall = {
      year: y,
      month: mo,
      day: d,
      hour: clock.h,
      minute: clock.m,
      second: clock.s,
      millisecond: clock.ms,
    };
    return finish(wallTime(wall, tailAbbr ?? abbreviation));
  };

  if (typeof cell === 'number') {
    const parsed = excelSerialToWall(cell, ctx.dateSystem);
    if (!parsed.ok || parsed.time.kind !== 'wall') return finish(parsed);
    const w = parsed.time.wall;
    const clock = `${pad2(w.hour)}:${pad2(w.minute)}:${pad2(w.second)}.${String(w.millisecond).padStart(3, '0')}`;
    return fromWall(w.year, w.month, w.day, ` ${clock}`);
  }

  const split = splitDate(text);
  if (split === null) return finish({ ok: false, reason: 'not a date this table reader knows' });
  if (split.yearFirst) return fromWall(split.a, split.b, split.c, split.rest);
  let order = ctx.dateOrder;
  const provenDmy = split.a > 12 && split.b <= 12;
  const provenMdy = split.b > 12 && split.a <= 12;
  if (order === 'dmy' && provenMdy) {
    warnings.push({
      code: 'TABLE_DATE_ORDER_CONTRADICTED',
      message: `"${text}" cannot be day/month/year (the profile's order): ${split.b} is not a month`,
      locator: ctx.locator,
    });
    return finish({ ok: false, reason: 'the date contradicts the declared day/month order' });
  }
  if (order === 'mdy' && provenDmy) {
    warnings.push({
      code: 'TABLE_DATE_ORDER_CONTRADICTED',
      message: `"${text}" cannot be month/day/year (the profile's order): ${split.a} is not a month`,
      locator: ctx.locator,
    });
    return finish({ ok: false, reason: 'the date contradicts the declared month/day order' });
  }
  if (order === undefined || order === 'ymd') {
    if (provenDmy) order = 'dmy';
    else if (provenMdy) order = 'mdy';
    else {
      warnings.push({
        code: 'TABLE_DATE_ORDER_UNKNOWN',
        message: `"${text}" could be day/month or month/day; set the date order in the column profile`,
        locator: ctx.locator,
      });
      return finish({ ok: false, reason: 'the day/month order is not known' });
    }
  }
  const year = split.c < 100 ? -1 : split.c;
  if (year < 0) return finish({ ok: false, reason: 'a two-digit year in a table cell' });
  return order === 'dmy'
    ? fromWall(year, split.b, split.a, split.rest)
    : fromWall(year, split.a, split.b, split.rest);
}
