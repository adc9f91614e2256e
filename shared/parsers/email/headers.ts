/**
 * Header lines (RFC 5322 §2.2): a field starts with a name of printable ASCII other than `:`
 * followed by `:`; a line starting with white space continues the previous field (folding).
 * Unfolding keeps the white space and drops only the line break (§2.2.3). Pasted headers often
 * lost that white space: a line that neither starts a field nor is blank is read as a
 * continuation too (MHA does the same), and so is a "field" whose name is only one or two digits,
 * which is really a folded time (`16:20:05 -0400`, formats.md §1.5).
 */

export interface HeaderField {
  /** The name as written (case kept). */
  readonly name: string;
  /** Lowercase name for look-ups. */
  readonly key: string;
  /** The unfolded value, trimmed. */
  readonly value: string;
  /** Line where the field starts (1-based). */
  readonly line: number;
}

/** Longest field name accepted (longer "names" are text, not a header). */
const MAX_NAME = 200;

function isWsp(c: number): boolean {
  return c === 32 || c === 9;
}

/**
 * Where the `:` of a field starting on this line is, or -1 when the line does not start a field.
 * Obsolete syntax allows white space between the name and the colon (`Subject :`).
 */
export function headerColon(text: string): number {
  let i = 0;
  let digitsOnly = true;
  while (i < text.length && i <= MAX_NAME) {
    const c = text.charCodeAt(i);
    if (c === 58 /* : */ || c < 33 || c > 126) break;
    if (c < 48 || c > 57) digitsOnly = false;
    i++;
  }
  if (i === 0 || i > MAX_NAME) return -1;
  if (digitsOnly && i <= 2) return -1;
  let j = i;
  while (j < text.length && isWsp(text.charCodeAt(j))) j++;
  return text.charCodeAt(j) === 58 ? j : -1;
}

/** An mbox separator line (`From sender date`), as opposed to a `From:` field. */
export function isMboxFromLine(text: string): boolean {
  return text.startsWith('From ') && text.length > 5 && !isWsp(text.charCodeAt(5));
}

export function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!isWsp(c) && c !== 13) return false;
  }
  return true;
}

export function startsWithWsp(text: string): boolean {
  return text.length > 0 && isWsp(text.charCodeAt(0));
}

/** One field being read (its continuation lines still to come). */
export class PendingField {
  readonly name: string;
  readonly line: number;
  private readonly parts: string[];

  constructor(text: string, colon: number, line: number) {
    this.name = text.slice(0, colon).trimEnd();
    this.line = line;
    this.parts = [text.slice(colon + 1)];
  }

  /** A folded line (leading white space kept) or, with `lostIndent`, one that lost it. */
  continue(text: string, lostIndent: boolean): void {
    this.parts.push(lostIndent ? ` ${text}` : text);
  }

  finish(): HeaderField {
    return {
      name: this.name,
      key: this.name.toLowerCase(),
      value: this.parts.join('').trim(),
      line: this.line,
    };
  }
}
