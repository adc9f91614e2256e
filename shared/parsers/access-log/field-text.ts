/**
 * Small readers over a field `line[s, e)` without slicing it, and `detach` for texts that are
 * kept: shared by the general event builder (event-builder.ts), the time readers and the
 * predefined-format fast path (fast-path.ts), so every path reads a field the same way.
 */

/** `-` or empty: the field holds no value. */
export function isDash(line: string, s: number, e: number): boolean {
  return e === s || (e - s === 1 && line.charCodeAt(s) === 45);
}

/** Decimal digits in [s, e) as a number; -1 when not all digits, too long, or empty. */
export function readInt(line: string, s: number, e: number, maxDigits: number): number {
  if (e <= s || e - s > maxDigits) return -1;
  let v = 0;
  for (let i = s; i < e; i++) {
    const c = line.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    v = v * 10 + (c - 48);
  }
  return v;
}

/** A request method as logged: 1-32 letters, digits, `-` or `_`. */
export function isMethodToken(text: string): boolean {
  if (text.length === 0 || text.length > 32) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const ok =
      (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 95;
    if (!ok) return false;
  }
  return true;
}

/** The last space in `text[from, end)`, or -1 (a backward scan: protocols are short). */
export function lastSpace(text: string, from: number, end: number): number {
  for (let i = end - 1; i >= from; i--) if (text.charCodeAt(i) === 32) return i;
  return -1;
}

/** Apache escapes `"` as `\"` and `\` as `\\` in quoted fields; other `\xhh` escapes are kept. */
export function unescapeApache(text: string): string {
  if (!text.includes('\\')) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const n = text[i + 1];
    if (c === '\\' && (n === '"' || n === '\\')) {
      out += n;
      i++;
    } else {
      out += c;
    }
  }
  return out;
}

/**
 * A copy of `text` that shares no storage with the string it was sliced from: V8 keeps a slice of
 * 13+ characters as a view, so a cached slice would keep the whole chunk (or a 1 MiB line) alive.
 */
export function detach(text: string): string {
  return ` ${text}`.slice(1);
}
