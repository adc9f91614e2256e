/**
 * Small, linear text scanners shared by the CGN/NAT parsers (juniper-nat, cisco-cgn, a10-cgn,
 * f5-lsn, conntrack). No regular expressions: every helper walks the text once with indexOf or
 * a character loop, so a 1 MiB line costs linear time.
 */

/** True for a space or a tab. */
export function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

export function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Whitespace-separated tokens of `text[start, end)` (spaces and tabs; empty tokens dropped). */
export function tokens(text: string, start = 0, end = text.length): string[] {
  const out: string[] = [];
  let i = start;
  while (i < end) {
    while (i < end && isBlank(text.charCodeAt(i))) i++;
    if (i >= end) break;
    const from = i;
    while (i < end && !isBlank(text.charCodeAt(i))) i++;
    out.push(text.slice(from, i));
  }
  return out;
}

/** Index of the first non-blank character at or after `i`. */
export function skipBlanks(text: string, i: number): number {
  while (i < text.length && isBlank(text.charCodeAt(i))) i++;
  return i;
}

/** A decimal port 0..65535 written with 1–5 digits, else null. */
export function parsePort(text: string | undefined): number | null {
  if (text === undefined || text.length === 0 || text.length > 5) return null;
  let v = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!isDigitCode(c)) return null;
    v = v * 10 + c - 48;
  }
  return v <= 65535 ? v : null;
}

/** A non-negative decimal integer of at most 15 digits, else null. */
export function parseCount(text: string | undefined): number | null {
  if (text === undefined || text.length === 0 || text.length > 15) return null;
  let v = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!isDigitCode(c)) return null;
    v = v * 10 + c - 48;
  }
  return v;
}

const PROTOCOL_NAMES: Readonly<Record<number, string>> = {
  1: 'icmp',
  6: 'tcp',
  17: 'udp',
  58: 'ipv6-icmp',
  132: 'sctp',
};

/**
 * The event's `protocol`: a lowercase name (`tcp`, `udp`, `icmp`) or the IANA number as decimal
 * text. Accepts `6`, `TCP`, `17(UDP)`, `(UDP)`; null for `-`, empty or odd text.
 */
export function normalizeProtocol(text: string | undefined): string | null {
  if (text === undefined) return null;
  let s = text.trim();
  if (s.length === 0 || s === '-' || s.length > 32) return null;
  const open = s.indexOf('(');
  if (open > 0) s = s.slice(0, open);
  else if (open === 0 && s.endsWith(')')) s = s.slice(1, -1);
  const n = parseCount(s);
  if (n !== null) {
    if (n > 255) return null;
    return PROTOCOL_NAMES[n] ?? String(n);
  }
  const lower = s.toLowerCase();
  if (lower === 'icmpv6' || lower === 'icmp6') return 'ipv6-icmp';
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    const ok = (c >= 97 && c <= 122) || isDigitCode(c) || c === 45;
    if (!ok) return null;
  }
  return lower;
}

/**
 * `key="value"` / `key=value` pairs of `text[start, end)`, for Juniper structured data and
 * conntrack. Quoted values end at an unescaped `"` (RFC 5424 §6.3.3: `\"`, `\\`, `\]` escapes);
 * unquoted values end at a blank (or `]` when `stopAtBracket`). Words without `=` are skipped.
 * Returns the pairs in order (a key may repeat) and the index where scanning stopped (the `]`
 * closing the element when `stopAtBracket`, else `end`).
 */
export function scanKeyValues(
  text: string,
  start: number,
  end: number,
  stopAtBracket: boolean,
): { pairs: Array<[string, string]>; stop: number; closed: boolean } {
  const pairs: Array<[string, string]> = [];
  let i = start;
  while (i < end) {
    while (i < end && isBlank(text.charCodeAt(i))) i++;
    if (i >= end) break;
    if (stopAtBracket && text.charCodeAt(i) === 93) return { pairs, stop: i, closed: true };
    const keyStart = i;
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c === 61 || isBlank(c) || (stopAtBracket && c === 93)) break;
      i++;
    }
    if (i >= end || text.charCodeAt(i) !== 61) continue; // a word without `=`
    const key = text.slice(keyStart, i);
    i++; // '='
    if (i < end && text.charCodeAt(i) === 34) {
      i++;
      let value = '';
      let from = i;
      let closedQuote = false;
      while (i < end) {
        const c = text.charCodeAt(i);
        if (c === 92 && i + 1 < end) {
          value += text.slice(from, i);
          value += text[i + 1] ?? '';
          i += 2;
          from = i;
          continue;
        }
        if (c === 34) {
          closedQuote = true;
          break;
        }
        i++;
      }
      value += text.slice(from, i);
      if (closedQuote) i++;
      pairs.push([key, value]);
    } else {
      const valueStart = i;
      while (i < end) {
        const c = text.charCodeAt(i);
        if (isBlank(c) || (stopAtBracket && c === 93)) break;
        i++;
      }
      pairs.push([key, text.slice(valueStart, i)]);
    }
  }
  return { pairs, stop: end, closed: false };
}

/** The pairs as a map; the first occurrence of a key wins. */
export function firstValues(pairs: ReadonlyArray<readonly [string, string]>): Map<string, string> {
  const map = new Map<string, string>();
  for (const [k, v] of pairs) if (!map.has(k)) map.set(k, v);
  return map;
}

/**
 * Splits `ip:port` (IPv4 or a bracketed IPv6 `[v6]:port`) at the last colon. An IPv6 address
 * without brackets has several colons: it is returned whole with no port.
 */
export function splitHostPort(text: string): { host: string; port: string | null } {
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0) return { host: text, port: null };
    const host = text.slice(1, close);
    if (text.charCodeAt(close + 1) === 58) return { host, port: text.slice(close + 2) };
    return { host, port: null };
  }
  const first = text.indexOf(':');
  if (first < 0) return { host: text, port: null };
  if (text.indexOf(':', first + 1) >= 0) {
    // IPv6: a port is only recognisable after a dot (`2001:db8::1.443`), which few vendors use.
    return { host: text, port: null };
  }
  return { host: text.slice(0, first), port: text.slice(first + 1) };
}

/** `text` cut to `max` characters for a warning message. */
export function clip(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
