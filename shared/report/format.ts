import { describeLocator, type EventZone, type Locator } from '../model';

/** `2024-03-01T12:34:56.789Z` → `2024-03-01 12:34:56.789 UTC`; null → `no UTC time`. */
export function utc(iso: string | null): string {
  if (iso === null) return 'no UTC time';
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)} UTC`;
}

/** For table cells under a "(UTC)" header: date and time on two lines. */
export function cellTime(iso: string | null): string {
  if (iso === null) return 'no UTC time';
  return `${iso.slice(0, 10)}\n${iso.slice(11, 23)}`;
}

/** `1234567` → `1,234,567 bytes (1.2 MiB)`. */
export function bytes(n: number): string {
  const grouped = String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let unit = '';
  for (const u of units) {
    if (v < 1024) break;
    v /= 1024;
    unit = u;
  }
  return unit === '' ? `${grouped} bytes` : `${grouped} bytes (${v.toFixed(1)} ${unit})`;
}

/** How a timestamp's zone was known, in words. */
export function zoneText(zone: EventZone): string {
  const offset = zone.offset === null ? '' : ` ${zone.offset}`;
  const name = zone.name === null ? '' : ` ${zone.name}`;
  const ambiguous = zone.ambiguous === true ? ' (ambiguous local time)' : '';
  switch (zone.source) {
    case 'in-band':
      return `in the record${offset}${ambiguous}`;
    case 'declared':
      return `declared${name}${offset}${ambiguous}`;
    case 'epoch':
      return 'epoch value (UTC)';
    case 'unknown':
      return 'zone unknown: no UTC time';
  }
}

/** An instant shifted by a clock correction, as ISO UTC; null stays null. */
export function shifted(iso: string | null, seconds: number): string | null {
  if (iso === null) return null;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? new Date(t + seconds * 1000).toISOString() : null;
}

/** `+30 s`, `-2 h 0 min 5 s`. */
export function signedSeconds(s: number): string {
  const sign = s < 0 ? '-' : '+';
  let rest = Math.abs(s);
  const h = Math.floor(rest / 3600);
  rest -= h * 3600;
  const m = Math.floor(rest / 60);
  rest -= m * 60;
  const sec = Number.isInteger(rest) ? String(rest) : rest.toFixed(3);
  // No-break spaces: a number stays with its unit when wrapped.
  if (h > 0) return `${sign}${h}\u00a0h ${m}\u00a0min ${sec}\u00a0s`;
  if (m > 0) return `${sign}${m}\u00a0min ${sec}\u00a0s`;
  return `${sign}${sec}\u00a0s`;
}

/** Labels artefacts as A1, A2… in inventory order; unknown digests show their first 16 hex digits. */
export class ArtefactLabels {
  private readonly labels = new Map<string, string>();
  constructor(sha256s: readonly string[]) {
    sha256s.forEach((h, i) => {
      if (!this.labels.has(h)) this.labels.set(h, `A${i + 1}`);
    });
  }
  label(sha256: string | null | undefined): string {
    if (sha256 === null || sha256 === undefined) return 'no artefact';
    return this.labels.get(sha256) ?? `${sha256.slice(0, 16)}…`;
  }
  /** `A2, line 17`. */
  where(sha256: string | null | undefined, locator: Locator | null | undefined): string {
    const at = locator === undefined ? '' : `, ${describeLocator(locator)}`;
    return `${this.label(sha256)}${at}`;
  }
}
