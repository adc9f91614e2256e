import type { SealcaseEvent } from '../model';
import type {
  EventPageBody,
  EventPageColumns,
  EventPageMeta,
  EventPageText,
  EventPageTimes,
} from './page-types';
import { parseIp } from '../net';
import {
  IP_FIELDS,
  eventAccounts,
  eventPortRanges,
  ipv4Value,
  typeCode,
  UNKNOWN_TYPE,
  UNKNOWN_TYPE_BIT,
} from './event-fields';

/** How a page stores its full events: one JSON string with offsets, or a structured-clone array. */
export type EventsEncoding = 'json' | 'clone';

/** An event on its way into a page, with its time (ms, `Infinity` when untimed). */
export interface PageEntry {
  event: SealcaseEvent;
  ts: number;
}

export interface EncodedPage {
  meta: EventPageMeta;
  times: EventPageTimes;
  text: EventPageText;
  columns: EventPageColumns;
  body: EventPageBody;
}

/** 32-bit words of a page's trigram filter (65,536 bits). */
export const GRAM_WORDS = 2048;

/**
 * Calls `visit` with the filter bit (0..65535) of every trigram of `text` (UTF-16 code units): the
 * last three units, rolled into 24 bits, times a Fibonacci constant, top 16 bits.
 */
function forEachGram(text: string, visit: (bit: number) => boolean | void): boolean {
  let v = 0;
  for (let i = 0; i < text.length; i++) {
    v = ((v << 8) ^ text.charCodeAt(i)) & 0xffffff;
    if (i >= 2 && visit(Math.imul(v, 0x9e3779b1) >>> 16) === false) return false;
  }
  return true;
}

/** The trigram filter of a lowercased text (65,536 bits). */
export function gramFilter(lower: string): Uint32Array {
  const words = new Uint32Array(GRAM_WORDS);
  let v = 0;
  for (let i = 0; i < lower.length; i++) {
    v = ((v << 8) ^ lower.charCodeAt(i)) & 0xffffff;
    if (i < 2) continue;
    const bit = Math.imul(v, 0x9e3779b1) >>> 16;
    words[bit >>> 5] = (words[bit >>> 5] as number) | (1 << (bit & 31));
  }
  return words;
}

/**
 * `gramFilter(text.toLowerCase())` without the lowercased copy: ASCII letters are lowered in the
 * loop; a text with any non-ASCII unit (whose lowercase may differ in length) takes the long way.
 */
export function gramFilterOf(text: string): Uint32Array {
  const words = new Uint32Array(GRAM_WORDS);
  let v = 0;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0x80) return gramFilter(text.toLowerCase());
    if (c >= 65 && c <= 90) c += 32;
    v = ((v << 8) ^ c) & 0xffffff;
    if (i < 2) continue;
    const bit = Math.imul(v, 0x9e3779b1) >>> 16;
    words[bit >>> 5] = (words[bit >>> 5] as number) | (1 << (bit & 31));
  }
  return words;
}

/** False when the filter proves `needle` (lowercased, as it appears in the JSON) is absent. */
export function gramsMayContain(grams: Uint32Array, needle: string): boolean {
  return forEachGram(needle, (bit) => ((grams[bit >>> 5] as number) & (1 << (bit & 31))) !== 0);
}

function compareBytes(a: Uint8Array, ai: number, b: Uint8Array, bi: number): number {
  for (let k = 0; k < 16; k++) {
    const d = (a[ai + k] ?? 0) - (b[bi + k] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function v6Key(bytes: Uint8Array): string {
  let s = '';
  for (let k = 0; k < 16; k++) s += String.fromCharCode(bytes[k] ?? 0);
  return s;
}

/**
 * Encodes entries already sorted by (time, arrival) as page `seq` of `artefact`; `textFilter`
 * false leaves the trigram filter out (`grams: null`).
 */
export function encodePage(
  artefact: string,
  seq: number,
  entries: readonly PageEntry[],
  encoding: EventsEncoding = 'json',
  textFilter = true,
): EncodedPage {
  const n = entries.length;
  const ts = new Float64Array(n);
  const types = new Uint8Array(n);
  const ipStart = new Uint32Array(n + 1);
  const portStart = new Uint32Array(n + 1);
  const accStart = new Uint32Array(n + 1);
  // Per-event address refs as temporary keys: v4 as its number, v6 as a 16-char key.
  const v4Values = new Map<number, number>();
  const v6Values = new Map<string, Uint8Array>();
  const rawIps: Array<number | string> = [];
  const portLo: number[] = [];
  const portHi: number[] = [];
  const accountIds = new Map<string, number>();
  const accRefs: number[] = [];
  let typeMask = 0;
  const parts: string[] = encoding === 'json' ? new Array<string>(n + 1).fill('') : [];
  const offsets = encoding === 'json' ? new Uint32Array(n + 1) : undefined;
  let at = 0;

  for (let i = 0; i < n; i++) {
    const { event, ts: ms } = entries[i] as PageEntry;
    ts[i] = ms;
    const code = typeCode(event.type);
    types[i] = code;
    typeMask |= code === UNKNOWN_TYPE ? UNKNOWN_TYPE_BIT : 1 << code;
    for (const name of IP_FIELDS) {
      const text = (event as Readonly<Record<string, unknown>>)[name];
      if (typeof text !== 'string') continue;
      let key: number | string | null = ipv4Value(text);
      if (key < 0) {
        const ip = text.includes(':') ? parseIp(text) : null;
        key = ip === null ? null : v6Key(ip.bytes);
        if (ip !== null && key !== null) v6Values.set(key, ip.bytes);
      }
      if (key === null) continue;
      if (typeof key === 'number') v4Values.set(key, 0);
      rawIps.push(key);
    }
    ipStart[i + 1] = rawIps.length;
    for (const [lo, hi] of eventPortRanges(event)) {
      portLo.push(lo);
      portHi.push(hi);
    }
    portStart[i + 1] = portLo.length;
    for (const account of eventAccounts(event)) {
      let id = accountIds.get(account);
      if (id === undefined) {
        id = accountIds.size;
        accountIds.set(account, id);
      }
      accRefs.push(id);
    }
    accStart[i + 1] = accRefs.length;
    if (offsets !== undefined) {
      // Joined with '\n' below: a template string here would make a cons string per event that
      // the join must flatten (≈ 0.4 s per million events).
      const text = JSON.stringify(event);
      parts[i] = text;
      offsets[i] = at;
      at += text.length + 1;
    }
  }
  if (offsets !== undefined) offsets[n] = at;

  // The address dictionary, sorted so that a prefix is one contiguous run of refs.
  const ip4 = Uint32Array.from(v4Values.keys()).sort();
  ip4.forEach((value, index) => v4Values.set(value, index));
  const v6Keys = [...v6Values.keys()].sort();
  const ip6 = new Uint8Array(v6Keys.length * 16);
  const v6Index = new Map<string, number>();
  v6Keys.forEach((key, index) => {
    ip6.set(v6Values.get(key) as Uint8Array, index * 16);
    v6Index.set(key, ip4.length + index);
  });
  const ipRefs = new Uint32Array(rawIps.length);
  for (let k = 0; k < rawIps.length; k++) {
    const raw = rawIps[k] as number | string;
    ipRefs[k] =
      typeof raw === 'number' ? (v4Values.get(raw) as number) : (v6Index.get(raw) as number);
  }

  let minTs = Infinity;
  let maxTs = Infinity;
  if (n > 0) {
    minTs = ts[0] as number;
    maxTs = ts[n - 1] as number;
  }
  // `parts` ends with '' so the join ends with the last event's '\n'.
  const json = offsets !== undefined ? parts.join('\n') : undefined;
  const body: EventPageBody =
    json !== undefined && offsets !== undefined
      ? { artefact, seq, json, offsets }
      : { artefact, seq, events: entries.map((e) => e.event) };
  // Without the filter (`textFilter` false: pages for the wire, whose filter the renderer makes
  // from the JSON it stores) `grams` is null, which readers take as "read the page".
  const grams = json === undefined || !textFilter ? null : gramFilterOf(json);
  return {
    meta: { artefact, seq, count: n, minTs, maxTs, typeMask },
    times: { artefact, seq, ts },
    text: { artefact, seq, grams },
    columns: {
      artefact,
      seq,
      types,
      ip4,
      ip6,
      ipStart,
      ipRefs,
      portStart,
      portLo: Uint16Array.from(portLo),
      portHi: Uint16Array.from(portHi),
      accounts: [...accountIds.keys()],
      accStart,
      accRefs: Uint32Array.from(accRefs),
    },
    body,
  };
}

/** The number of events in a page body. */
export function bodyCount(body: EventPageBody): number {
  if (body.offsets !== undefined) return body.offsets.length - 1;
  return body.events?.length ?? 0;
}

/** Event `index` of a page body, parsed. */
export function bodyEvent(body: EventPageBody, index: number): SealcaseEvent {
  if (body.json !== undefined && body.offsets !== undefined) {
    const start = body.offsets[index];
    const end = body.offsets[index + 1];
    if (start === undefined || end === undefined) throw new RangeError(`no event ${index}`);
    return JSON.parse(body.json.slice(start, end - 1)) as SealcaseEvent;
  }
  const event = body.events?.[index];
  if (event === undefined) throw new RangeError(`no event ${index}`);
  return event as SealcaseEvent;
}

/** Bytewise comparison of 16-byte entries (exported for the CIDR lookup). */
export { compareBytes };
