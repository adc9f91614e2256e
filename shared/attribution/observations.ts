import type { ParseWarning, SealcaseEvent } from '../model/event';
import { normalizeIp } from '../net';
import { formatInstant, instantOf, isRepresentableInstant, parseIso8601 } from '../time';
import type { Observation } from './types';

/**
 * Observations from events (`http:access` and `ssh:auth`: clientIp, clientPort, ts;
 * `email:received`: fromIp, ts) or from a CSV of `ip,port,time`.
 */
export function observationFromEvent(e: SealcaseEvent): Observation | null {
  if (e.ts === null) return null;
  let ip: string | undefined;
  let port: number | undefined;
  let source: Observation['source'];
  if (e.type === 'http:access' || e.type === 'ssh:auth') {
    ip = e.clientIp;
    port = e.clientPort;
    source = e.type;
  } else if (e.type === 'email:received') {
    ip = e.fromIp;
    source = e.type;
  } else return null;
  if (ip === undefined) return null;
  const normal = normalizeIp(ip);
  if (normal === null) return null;
  return {
    ip: normal,
    ...(port === undefined ? {} : { port }),
    ts: e.ts,
    source,
    ...(e.artefact === undefined ? {} : { artefact: e.artefact }),
    locator: e.locator,
    zoneSource: e.zone.source,
    ...(e.zone.ambiguous === true ? { zoneAmbiguous: true } : {}),
  };
}

export interface ObservationsFromEvents {
  readonly observations: Observation[];
  /** Events of an observation type left out (no address, or `ts: null`). */
  readonly skipped: number;
}

export function observationsFromEvents(events: Iterable<SealcaseEvent>): ObservationsFromEvents {
  const observations: Observation[] = [];
  let skipped = 0;
  for (const e of events) {
    if (e.type !== 'http:access' && e.type !== 'ssh:auth' && e.type !== 'email:received') continue;
    const o = observationFromEvent(e);
    if (o === null) skipped++;
    else observations.push(o);
  }
  return { observations, skipped };
}

export interface CsvObservations {
  readonly observations: Observation[];
  readonly warnings: ParseWarning[];
}

function unquote(cell: string): string {
  const t = cell.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"')
    ? t.slice(1, -1).replaceAll('""', '"').trim()
    : t;
}

/**
 * `ip,port,time` per line (a header line naming `ip` is skipped; blank lines too). The time must
 * carry `Z` or an offset (`2024-03-05T14:07:09+01:00`): a local time is refused, never guessed.
 * The port may be empty. Bad rows become warnings `OBSERVATION_*` with their line.
 */
export function readObservationsCsv(text: string, artefact?: string): CsvObservations {
  const observations: Observation[] = [];
  const warnings: ParseWarning[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    const cells = raw.split(',').map(unquote);
    const warn = (code: string, message: string): void => {
      warnings.push({ code, message, locator: { line } });
    };
    if (index === 0 && (cells[0] ?? '').toLowerCase() === 'ip') return;
    if (cells.length !== 3) {
      warn('OBSERVATION_COLUMNS', `expected 3 columns (ip,port,time), found ${cells.length}`);
      return;
    }
    const [ipText = '', portText = '', timeText = ''] = cells;
    const ip = normalizeIp(ipText);
    if (ip === null) {
      warn('OBSERVATION_IP_INVALID', `"${ipText.slice(0, 80)}" is not an IP address`);
      return;
    }
    let port: number | undefined;
    if (portText !== '') {
      if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) {
        warn('OBSERVATION_PORT_INVALID', `"${portText.slice(0, 20)}" is not a port (0–65535)`);
        return;
      }
      port = Number(portText);
    }
    const parsed = parseIso8601(timeText, { requireOffset: true });
    if (!parsed.ok || parsed.time.kind !== 'offset') {
      warn(
        'OBSERVATION_TIME_INVALID',
        `"${timeText.slice(0, 60)}" is not an ISO 8601 time with Z or an offset (a time without a zone is not guessed)`,
      );
      return;
    }
    const ms = instantOf(parsed.time);
    if (!isRepresentableInstant(ms)) {
      warn('OBSERVATION_TIME_INVALID', `"${timeText.slice(0, 60)}" is out of range`);
      return;
    }
    observations.push({
      ip,
      ...(port === undefined ? {} : { port }),
      ts: formatInstant(ms),
      source: 'csv',
      ...(artefact === undefined ? {} : { artefact }),
      locator: { line },
      zoneSource: 'in-band',
    });
  });
  return { observations, warnings };
}
