import { describeEvent, describeLocator } from '../model/describe-event';
import type { EventType, Locator, SealcaseEvent } from '../model/event';

/** What the `timestamp` of each event type is, for Timesketch's `timestamp_desc`. */
function timestampDesc(e: SealcaseEvent): string {
  switch (e.type) {
    case 'http:access':
      return 'Request time';
    case 'ssh:auth':
      return 'Authentication time';
    case 'email:message':
      return 'Message date';
    case 'email:received':
      return 'Received header time';
    case 'nat:session':
      return `NAT session ${e.event}`;
    case 'nat:portblock':
      return `NAT port block ${e.event}`;
    case 'aaa:session':
      return `Accounting ${e.event}`;
    case 'dhcp:lease':
      return 'Lease record time';
    case 'isp:assignment':
      return 'Assignment record time';
  }
}

type Flat = string | number | boolean | null;

/** Timesketch's own fields; an event field never takes one of these names. */
const RESERVED = new Set(['message', 'datetime', 'timestamp', 'timestamp_desc', 'data_type']);

/** A field name OpenSearch takes as it is: letters, digits, `_`; never a leading `_`. */
function safeKey(key: string): string {
  const k = key.replace(/[^A-Za-z0-9_]/g, '_').replace(/^_+/, '');
  return k === '' ? 'field' : k;
}

function locatorFields(l: Locator): Record<string, Flat> {
  const out: Record<string, Flat> = { locator: describeLocator(l) };
  for (const [k, v] of Object.entries(l)) out[`locator_${k}`] = v as Flat;
  return out;
}

/**
 * The flat extra fields of one event: every schema field under its own name (objects flattened
 * with `_`, arrays joined with ", "), `zone_*`, `locator` (in words) and `locator_*`, the artefact
 * SHA-256 as `artefact_sha256`, vendor fields as `extra_*`, identity columns as `identity_*`.
 */
function extraFields(e: SealcaseEvent): Record<string, Flat> {
  const out: Record<string, Flat> = {};
  const put = (key: string, value: Flat) => {
    let k = safeKey(key);
    while (RESERVED.has(k) || k in out) k = `sealcase_${k}`;
    out[k] = value;
  };
  for (const [key, value] of Object.entries(e)) {
    if (value === undefined) continue;
    switch (key) {
      case 'type':
      case 'ts':
        break;
      case 'zone': {
        const z = e.zone;
        put('zone_source', z.source);
        put('zone_offset', z.offset);
        put('zone_name', z.name);
        if (z.ambiguous === true) put('zone_ambiguous', true);
        break;
      }
      case 'locator':
        for (const [k, v] of Object.entries(locatorFields(e.locator))) put(k, v);
        break;
      case 'artefact':
        put('artefact_sha256', value as string);
        break;
      case 'extra':
      case 'identity':
        for (const [k, v] of Object.entries(value as Record<string, Flat>)) put(`${key}_${k}`, v);
        break;
      default:
        put(key, Array.isArray(value) ? value.join(', ') : (value as Flat));
    }
  }
  return out;
}

/**
 * One line of Timesketch's JSONL import format (no newline): the required `message` (the event in
 * words, `describeEvent`), `datetime` (the event's ISO 8601 UTC time) and `timestamp_desc`, the
 * optional `timestamp` (microseconds since 1970), `data_type` (the event type) and the event's
 * other fields flat. Returns `null` for an event with `ts: null`: it cannot be placed on a
 * timeline, and the caller counts it (see `timesketchJsonl`) instead of inventing a time.
 */
export function toTimesketchLine(event: SealcaseEvent): string | null {
  if (event.ts === null) return null;
  const millis = Date.parse(event.ts);
  if (!Number.isFinite(millis)) return null;
  return JSON.stringify({
    message: describeEvent(event),
    datetime: event.ts,
    timestamp: millis * 1000,
    timestamp_desc: timestampDesc(event),
    data_type: event.type,
    ...extraFields(event),
  });
}

/** Counts of one export, for the report and the package's README. */
export interface TimesketchTally {
  written: number;
  /** Events left out because their time is unknown (`ts: null`), by type. */
  unplaced: number;
  unplacedByType: Partial<Record<EventType, number>>;
}

export function newTimesketchTally(): TimesketchTally {
  return { written: 0, unplaced: 0, unplacedByType: {} };
}

/**
 * Streams events into JSONL chunks (each line ends in `\n`) without holding the whole timeline;
 * events without a UTC time are counted in `tally` and skipped.
 */
export function* timesketchJsonl(
  events: Iterable<SealcaseEvent>,
  tally: TimesketchTally = newTimesketchTally(),
): Generator<string, TimesketchTally> {
  for (const e of events) {
    const line = toTimesketchLine(e);
    if (line === null) {
      tally.unplaced++;
      tally.unplacedByType[e.type] = (tally.unplacedByType[e.type] ?? 0) + 1;
      continue;
    }
    tally.written++;
    yield `${line}\n`;
  }
  return tally;
}
