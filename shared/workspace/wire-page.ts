import { EVENT_TYPES } from '../model';
import { UNKNOWN_TYPE, UNKNOWN_TYPE_BIT } from './event-fields';
import { gramFilterOf, type EncodedPage } from './page-codec';
import { MAX_PAGE_SIZE } from './page-builder';
import type { EventPageColumns, EventPageMeta } from './page-types';

/**
 * One stored page as it travels from main's parse worker to the renderer (`workspace:next`): the
 * page records of `page-types.ts` flattened, without the artefact (the renderer supplies the
 * artefact it is importing, so a page cannot name another) and without the trigram filter (the
 * renderer makes it from the JSON it stores: a filter that disagreed with the JSON would hide
 * events from free text, and no per-page check short of remaking it could tell). Typed arrays and
 * strings only, so Electron's structured clone copies them as blocks. Wire format version 2
 * (`WIRE_PAGE_VERSION`; 1 carried the filter).
 */
export type WirePage = Omit<EventPageMeta, 'artefact'> &
  Omit<EventPageColumns, 'artefact' | 'seq'> & {
    ts: Float64Array;
    json: string;
    offsets: Uint32Array;
  };

export const WIRE_PAGE_VERSION = 2;

/** A page built with the `json` encoding, for the wire. */
export function toWirePage(page: EncodedPage): WirePage {
  const { json, offsets } = page.body;
  if (json === undefined || offsets === undefined) {
    throw new TypeError('only pages built with the json encoding travel');
  }
  const { artefact: _a, seq: _s, ...columns } = page.columns;
  const { seq, count, minTs, maxTs, typeMask } = page.meta;
  return {
    seq,
    count,
    minTs,
    maxTs,
    typeMask,
    ts: page.times.ts,
    ...columns,
    json,
    offsets,
  };
}

/** The page records of a wire page, stored under `artefact`, with its trigram filter made here. */
export function fromWirePage(artefact: string, w: WirePage): EncodedPage {
  const seq = w.seq;
  return {
    meta: { artefact, seq, count: w.count, minTs: w.minTs, maxTs: w.maxTs, typeMask: w.typeMask },
    times: { artefact, seq, ts: w.ts },
    text: { artefact, seq, grams: gramFilterOf(w.json) },
    columns: {
      artefact,
      seq,
      types: w.types,
      ip4: w.ip4,
      ip6: w.ip6,
      ipStart: w.ipStart,
      ipRefs: w.ipRefs,
      portStart: w.portStart,
      portLo: w.portLo,
      portHi: w.portHi,
      accounts: w.accounts,
      accStart: w.accStart,
      accRefs: w.accRefs,
    },
    body: { artefact, seq, json: w.json, offsets: w.offsets },
  };
}

/** What is wrong with a wire page: the field and why. */
export interface WirePageProblem {
  field: keyof WirePage;
  message: string;
}

/** Whether `starts` is a CSR start list for `count` items over `total` refs: 0 ≤ … ≤ total. */
function csrProblem(starts: Uint32Array, count: number, total: number): string | null {
  if (starts.length !== count + 1) return `has ${starts.length} entries, not count + 1`;
  if (starts[0] !== 0) return 'does not start at 0';
  for (let i = 0; i < count; i++) {
    if ((starts[i + 1] as number) < (starts[i] as number)) return `decreases at ${i + 1}`;
  }
  if (starts[count] !== total) return `ends at ${starts[count]}, not ${total}`;
  return null;
}

function refsProblem(refs: Uint32Array, size: number): string | null {
  for (let i = 0; i < refs.length; i++) {
    if ((refs[i] as number) >= size) return `ref ${i} is ${refs[i]}, past ${size} entries`;
  }
  return null;
}

function timesProblem(w: WirePage): string | null {
  const n = w.count;
  if (w.ts.length !== n) return `has ${w.ts.length} times for ${n} events`;
  const untimed = w.ts[0] === Infinity;
  for (let i = 0; i < n; i++) {
    const t = w.ts[i] as number;
    if (Number.isNaN(t) || (t === Infinity) !== untimed)
      return `time ${i} is ${t} in a page of mixed or invalid times`;
    if (i > 0 && t < (w.ts[i - 1] as number)) return `time ${i} is earlier than time ${i - 1}`;
  }
  if (w.minTs !== w.ts[0] || w.maxTs !== w.ts[n - 1])
    return 'minTs/maxTs differ from the first and last time';
  return null;
}

function typesProblem(w: WirePage): string | null {
  if (w.types.length !== w.count) return `has ${w.types.length} codes for ${w.count} events`;
  let mask = 0;
  for (let i = 0; i < w.count; i++) {
    const code = w.types[i] as number;
    if (code !== UNKNOWN_TYPE && code >= EVENT_TYPES.length)
      return `code ${i} is ${code}, not a type`;
    mask |= code === UNKNOWN_TYPE ? UNKNOWN_TYPE_BIT : 1 << code;
  }
  return mask === w.typeMask ? null : `typeMask ${w.typeMask} is not the types' mask ${mask}`;
}

function addressesProblem(w: WirePage): string | null {
  for (let i = 1; i < w.ip4.length; i++) {
    if ((w.ip4[i] as number) <= (w.ip4[i - 1] as number)) return 'ip4 is not strictly ascending';
  }
  if (w.ip6.length % 16 !== 0) return 'ip6 is not a whole number of 16-byte addresses';
  return null;
}

function bodyProblem(w: WirePage): string | null {
  const csr = csrProblem(w.offsets, w.count, w.json.length);
  if (csr !== null) return csr;
  for (let i = 1; i <= w.count; i++) {
    const end = w.offsets[i] as number;
    if (end === w.offsets[i - 1] || w.json.charCodeAt(end - 1) !== 10) {
      return `event ${i - 1} does not end with a newline`;
    }
  }
  return null;
}

/**
 * The per-page check of `workspace:next` (bounds, counts, types; not each event's fields: main's
 * parsers are schema-tested and a whole-event check cost 4–5 s per million): the first problem,
 * or null when the page is consistent and safe to store as it is.
 */
export function checkWirePage(w: WirePage): WirePageProblem | null {
  if (!Number.isInteger(w.count) || w.count < 1 || w.count > MAX_PAGE_SIZE) {
    return { field: 'count', message: `must be 1..${MAX_PAGE_SIZE}` };
  }
  if (!Number.isInteger(w.seq) || w.seq < 0)
    return { field: 'seq', message: 'must be an integer ≥ 0' };
  const dictionary = w.ip4.length + w.ip6.length / 16;
  const checks: Array<[keyof WirePage, () => string | null]> = [
    ['ts', () => timesProblem(w)],
    ['types', () => typesProblem(w)],
    ['ip4', () => addressesProblem(w)],
    ['ipStart', () => csrProblem(w.ipStart, w.count, w.ipRefs.length)],
    ['ipRefs', () => refsProblem(w.ipRefs, dictionary)],
    ['portStart', () => csrProblem(w.portStart, w.count, w.portLo.length)],
    [
      'portHi',
      () => (w.portHi.length === w.portLo.length ? null : 'differs in length from portLo'),
    ],
    ['accStart', () => csrProblem(w.accStart, w.count, w.accRefs.length)],
    ['accRefs', () => refsProblem(w.accRefs, w.accounts.length)],
    ['offsets', () => bodyProblem(w)],
  ];
  for (const [field, check] of checks) {
    const message = check();
    if (message !== null) return { field, message };
  }
  return null;
}
