import { InterchangeError } from '../errors';
import { IP_FIELDS } from '../workspace/event-fields';

/**
 * Subscriber identity a partner does not need to correlate activity (FORMAT.md §3.2): account
 * names (`user`, `subscriber`), line and device identifiers (`callingStationId`, `mac`,
 * `hostname`), email addresses (`from`, `to`, `for`), and every identity column an ISP reply
 * holds (name, address, account, phone…: `identity.*`).
 */
export const DEFAULT_WITHHELD_FIELDS: readonly string[] = [
  'user',
  'subscriber',
  'callingStationId',
  'mac',
  'hostname',
  'from',
  'to',
  'for',
  'identity.*',
];

/**
 * Top-level event fields that may be withheld: the free-text string fields of the event schema.
 * Not the structure (`type`, `ts`, `tsRaw`, `zone`, `locator`, `artefact`), not addresses (the
 * evidence itself, and too short a field for a commitment), not numbers, and not `state` or
 * `protocol` (bounded to fewer characters than a commitment has).
 */
export const WITHHOLDABLE_TOP_FIELDS: ReadonlySet<string> = new Set([
  ...DEFAULT_WITHHELD_FIELDS.filter((f) => !f.includes('.')),
  'messageId',
  'subject',
  'userAgent',
  'path',
  'method',
  'outcome',
  'sessionId',
  'nas',
  'fromHelo',
  'fromRdns',
  'byHost',
  'with',
  'id',
  'vrf',
]);

/** Fields never scrubbed for inline occurrences: structure, times and addresses stay as parsed. */
export const NEVER_SCRUBBED: ReadonlySet<string> = new Set([
  'type',
  'ts',
  'tsRaw',
  'zone',
  'locator',
  'artefact',
  'flags',
  'date',
  'start',
  'end',
  ...IP_FIELDS,
  'framedIpv6Prefix',
  'state',
  'protocol',
  'event',
]);

/** Parsed field list: exact top-level names, exact nested paths, and `identity.*` / `extra.*`. */
export interface FieldSet {
  readonly requested: readonly string[];
  has(path: string): boolean;
}

const NESTED = /^(identity|extra)\.(.+)$/;

export function parseFieldList(fields: readonly string[]): FieldSet {
  const exact = new Set<string>();
  const all = new Set<string>();
  for (const f of fields) {
    const nested = NESTED.exec(f);
    if (nested !== null) {
      const rest = nested[2] as string;
      if (rest.length > 200 || rest.includes('\u0000')) invalid(f);
      if (rest === '*') all.add(nested[1] as string);
      else exact.add(f);
    } else if (WITHHOLDABLE_TOP_FIELDS.has(f)) exact.add(f);
    else invalid(f);
  }
  return {
    requested: [...fields],
    has: (path) => exact.has(path) || all.has(path.slice(0, Math.max(0, path.indexOf('.')))),
  };
}

function invalid(field: string): never {
  throw new InterchangeError(
    'INTERCHANGE_FIELD_INVALID',
    `field "${field}" cannot be withheld: name a string field of the event schema, identity.COLUMN, extra.KEY, identity.* or extra.*`,
    { where: field },
  );
}
