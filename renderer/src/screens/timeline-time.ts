import type { DisplayZone } from '../components/TimelineFilters';
import type { TimelineRow } from '../components/TimelineTable';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function wall(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
}

function offsetMs(offset: string): number {
  const sign = offset.startsWith('-') ? -1 : 1;
  const [h = '0', m = '0'] = offset.slice(1).split(':');
  return sign * (Number(h) * 60 + Number(m)) * 60_000;
}

/**
 * How a row's instant is shown: UTC, the analyst's zone, or the offset the source itself used.
 * Display only: stored values never change.
 */
export function formatRowTime(row: TimelineRow, zone: DisplayZone, localZone: string): string {
  if (row.ts === null) return 'no UTC time';
  if (zone === 'utc') return `${wall(row.ts)}Z`;
  if (zone === 'source') {
    const o = row.event.zone.offset;
    if (o === null) return `${wall(row.ts)}Z`;
    return `${wall(row.ts + offsetMs(o))}${o === '+00:00' ? 'Z' : o}`;
  }
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: localZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).formatToParts(new Date(row.ts));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}.${pad(new Date(row.ts).getUTCMilliseconds(), 3)} ${get('timeZoneName')}`;
}
