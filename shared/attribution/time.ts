import { daysFromCivil, formatInstant, isRepresentableInstant } from '../time';

/**
 * Reads `YYYY-MM-DDThh:mm:ss.sssZ` (the only form event `ts` fields take, `IsoUtcMs`) into epoch
 * milliseconds; null for anything else. A calculator, not a clock.
 */
export function isoUtcToMs(text: string): number | null {
  if (text.length !== 24 || text.charCodeAt(23) !== 90) return null;
  const n = (from: number, len: number): number => {
    let v = 0;
    for (let i = from; i < from + len; i++) {
      const c = text.charCodeAt(i) - 48;
      if (c < 0 || c > 9) return -1;
      v = v * 10 + c;
    }
    return v;
  };
  if (
    text.charCodeAt(4) !== 45 ||
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 84 ||
    text.charCodeAt(13) !== 58 ||
    text.charCodeAt(16) !== 58 ||
    text.charCodeAt(19) !== 46
  ) {
    return null;
  }
  const year = n(0, 4);
  const month = n(5, 2);
  const day = n(8, 2);
  const hour = n(11, 2);
  const minute = n(14, 2);
  const second = n(17, 2);
  const ms = n(20, 3);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || ms < 0) {
    return null;
  }
  return (
    daysFromCivil(year, month, day) * 86_400_000 +
    hour * 3_600_000 +
    minute * 60_000 +
    second * 1000 +
    ms
  );
}

/**
 * Recently formatted instants, direct-mapped by value: a result names the same instant several
 * times (an interval start and its start record, the window ends) and formatting is not free.
 */
const CACHE_SLOTS = 4093;
const cachedMs = new Float64Array(CACHE_SLOTS).fill(NaN);
const cachedText: string[] = new Array<string>(CACHE_SLOTS).fill('');

/** `formatInstant`, or the raw number as text when outside years 0001–9999 (never throws). */
export function msToIso(ms: number): string {
  const slot = Math.abs(ms % CACHE_SLOTS) | 0;
  if (cachedMs[slot] === ms) return cachedText[slot] ?? '';
  const text = isRepresentableInstant(ms) ? formatInstant(ms) : String(ms);
  cachedMs[slot] = ms;
  cachedText[slot] = text;
  return text;
}
