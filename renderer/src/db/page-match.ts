import type { Cidr } from '../../../shared/net';
import {
  ALL_TYPES_MASK,
  eventHasText,
  filterCidr,
  filterPort,
  normalizeAccount,
  normalizeText,
  typeMaskOf,
  type EventFilters,
} from '../../../shared/workspace';
import { bodyEvent, compareBytes } from '../../../shared/workspace';
import type { CachedBody, PageMatchList } from './page-cache';
import type { EventPageColumns, EventPageMeta } from './schema';

/** The filters, checked and normalised once per query. */
export interface CompiledFilters {
  /** Identifies the filters (not the time window) for the match cache. */
  signature: string;
  /** Types allowed (all bits when not filtered). */
  typeMask: number;
  typesFiltered: boolean;
  artefacts: ReadonlySet<string> | null;
  cidr: Cidr | null;
  port: number | null;
  account: string | null;
  /** Lowercased needle; null when no free-text filter. */
  text: string | null;
  /** The needle as it appears in lowercased JSON; null when it cannot be prefiltered that way. */
  textInJson: string | null;
}

function hasSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return true;
  }
  return false;
}

/** Checks and normalises the filters; throws a RangeError for an unreadable CIDR or port. */
export function compileFilters(filters: EventFilters): CompiledFilters {
  const typesFiltered = filters.types !== undefined;
  const typeMask = filters.types === undefined ? ALL_TYPES_MASK : typeMaskOf(filters.types);
  const artefacts = filters.artefacts === undefined ? null : new Set(filters.artefacts);
  const cidr = filters.cidr === undefined ? null : filterCidr(filters.cidr);
  const port = filters.port === undefined ? null : filterPort(filters.port);
  const account = filters.account === undefined ? null : normalizeAccount(filters.account);
  const text =
    filters.text === undefined || filters.text.length === 0 ? null : normalizeText(filters.text);
  const textInJson = text === null || hasSurrogate(text) ? null : JSON.stringify(text).slice(1, -1);
  const signature = JSON.stringify([
    typesFiltered ? typeMask : null,
    cidr === null ? null : [cidr.family, [...cidr.bytes], cidr.prefix],
    port,
    account,
    text,
  ]);
  return {
    signature,
    typeMask,
    typesFiltered,
    artefacts,
    cidr,
    port,
    account,
    text,
    textInJson,
  };
}

/** Whether a page can hold a match at all, from its index row only. */
export function pageMayMatch(meta: EventPageMeta, f: CompiledFilters): boolean {
  if (f.artefacts !== null && !f.artefacts.has(meta.artefact)) return false;
  if (meta.count === 0) return false;
  return !f.typesFiltered || (meta.typeMask & f.typeMask) !== 0;
}

/** Whether every event of a page matches, from its index row only (no column filters). */
export function pageAllMatch(meta: EventPageMeta, f: CompiledFilters): boolean {
  if (f.cidr !== null || f.port !== null || f.account !== null || f.text !== null) return false;
  return !f.typesFiltered || (meta.typeMask & ~f.typeMask) === 0;
}

/** Whether the page's body is needed to match (free text). */
export function needsBody(f: CompiledFilters): boolean {
  return f.text !== null;
}

function lowerBound32(a: Uint32Array, value: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function lowerBound16(a: Uint8Array, value: Uint8Array, strict: boolean): number {
  let lo = 0;
  let hi = a.length / 16;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const d = compareBytes(a, mid * 16, value, 0);
    if (d < 0 || (strict && d === 0)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The run `[from, to)` of dictionary refs whose address lies in the prefix. */
function cidrRefRange(c: EventPageColumns, cidr: Cidr): [number, number] {
  if (cidr.family === 4) {
    const b = cidr.bytes;
    const low =
      (((b[0] ?? 0) << 24) >>> 0) + ((b[1] ?? 0) << 16) + ((b[2] ?? 0) << 8) + (b[3] ?? 0);
    const high = low + 2 ** (32 - cidr.prefix);
    return [lowerBound32(c.ip4, low), lowerBound32(c.ip4, high)];
  }
  const high = new Uint8Array(cidr.bytes);
  for (let bit = cidr.prefix; bit < 128; bit++) {
    const byte = bit >> 3;
    high[byte] = (high[byte] ?? 0) | (0x80 >> (bit & 7));
  }
  const base = c.ip4.length;
  return [base + lowerBound16(c.ip6, cidr.bytes, false), base + lowerBound16(c.ip6, high, true)];
}

/** The events of a page that pass every filter but time, as a match list. */
export function matchPage(
  meta: EventPageMeta,
  c: EventPageColumns,
  body: CachedBody | null,
  f: CompiledFilters,
): PageMatchList {
  if (pageAllMatch(meta, f)) return null;
  const n = meta.count;
  const checkType = f.typesFiltered && (meta.typeMask & ~f.typeMask) !== 0;
  let ipFrom = 0;
  let ipTo = 0;
  if (f.cidr !== null) {
    [ipFrom, ipTo] = cidrRefRange(c, f.cidr);
    if (ipFrom >= ipTo) return new Uint32Array(0);
  }
  let accountRef = -1;
  if (f.account !== null) {
    accountRef = c.accounts.indexOf(f.account);
    if (accountRef < 0) return new Uint32Array(0);
  }
  const port = f.port;
  const passes = (i: number): boolean => {
    if (checkType && ((1 << (c.types[i] as number)) & f.typeMask) === 0) return false;
    if (f.cidr !== null) {
      let hit = false;
      const end = c.ipStart[i + 1] as number;
      for (let k = c.ipStart[i] as number; k < end; k++) {
        const r = c.ipRefs[k] as number;
        if (r >= ipFrom && r < ipTo) {
          hit = true;
          break;
        }
      }
      if (!hit) return false;
    }
    if (port !== null) {
      let hit = false;
      const end = c.portStart[i + 1] as number;
      for (let k = c.portStart[i] as number; k < end; k++) {
        if ((c.portLo[k] as number) <= port && port <= (c.portHi[k] as number)) {
          hit = true;
          break;
        }
      }
      if (!hit) return false;
    }
    if (accountRef >= 0) {
      let hit = false;
      const end = c.accStart[i + 1] as number;
      for (let k = c.accStart[i] as number; k < end; k++) {
        if (c.accRefs[k] === accountRef) {
          hit = true;
          break;
        }
      }
      if (!hit) return false;
    }
    return true;
  };

  const out = new Uint32Array(n);
  let m = 0;
  if (f.text === null) {
    for (let i = 0; i < n; i++) if (passes(i)) out[m++] = i;
    return out.slice(0, m);
  }
  if (body === null) throw new Error('free-text matching needs the page body');
  const needle = f.text;
  const { json, offsets } = body.body;
  if (json !== undefined && offsets !== undefined && f.textInJson !== null) {
    body.lower ??= json.toLowerCase();
    const lower = body.lower;
    if (lower.length === json.length) {
      // Raw hits in the lowercased JSON are a superset of value hits; each is then checked.
      let pos = lower.indexOf(f.textInJson);
      while (pos >= 0) {
        // The event holding `pos`: the last offset ≤ pos.
        const i = lowerBound32(offsets, pos + 1) - 1;
        if (passes(i) && eventHasText(bodyEvent(body.body, i), needle)) out[m++] = i;
        pos = lower.indexOf(f.textInJson, offsets[i + 1] as number);
      }
      return out.slice(0, m);
    }
  }
  for (let i = 0; i < n; i++) {
    if (passes(i) && eventHasText(bodyEvent(body.body, i), needle)) out[m++] = i;
  }
  return out.slice(0, m);
}
