/**
 * A small tokenizer for the value of a `Received:` header (RFC 5321 §4.4, RFC 5322 §3.6.7). One
 * pass, no regular expressions, linear in the input whatever it holds:
 *
 * - `(…)` comment with nesting depth counted and `\x` quoted pairs; its inner text is kept as a
 *   range and can be tokenized once more with `tokenize(text, start, end)` (one level at a time:
 *   deeper comments stay opaque, so deep nesting costs no more than a scan);
 * - `"…"` quoted string (an unclosed quote is read as an ordinary character);
 * - `[…]` address literal, with a `:port` glued after it (`[1.2.3.4]:25`); a `[` with no `]`
 *   before the next space, `(`, `)` or `;` is read as part of a word;
 * - `;` on its own;
 * - words: everything else up to white space, `(`, `)` or `;`.
 */

export type TokenKind = 'word' | 'quoted' | 'literal' | 'comment' | 'semicolon';

export interface Token {
  readonly kind: TokenKind;
  /** Offsets in the tokenized string: `[start, end)` covers the whole token with delimiters. */
  readonly start: number;
  readonly end: number;
  /**
   * word: the word; quoted: the content without quotes and escapes; literal: the content
   * between the brackets; comment: the raw inner text; semicolon: `;`.
   */
  readonly text: string;
  /** literal: a port glued after the closing bracket (`[1.2.3.4]:25`). */
  readonly port?: number;
  /** comment: false when the input ended before the closing `)`. */
  readonly closed: boolean;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** Word characters stop at white space, parentheses and `;`. */
function endsWord(c: number): boolean {
  return isSpace(c) || c === 40 || c === 41 || c === 59;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function readComment(s: string, open: number, end: number): Token {
  let depth = 1;
  let i = open + 1;
  while (i < end) {
    const c = s.charCodeAt(i);
    if (c === 92 /* \ */) {
      i += 2;
      continue;
    }
    if (c === 40) depth++;
    else if (c === 41) {
      depth--;
      if (depth === 0) {
        return {
          kind: 'comment',
          start: open,
          end: i + 1,
          text: s.slice(open + 1, i),
          closed: true,
        };
      }
    }
    i++;
  }
  return { kind: 'comment', start: open, end, text: s.slice(open + 1, end), closed: false };
}

function readQuoted(s: string, open: number, end: number): Token | null {
  let i = open + 1;
  const parts: string[] = [];
  let from = i;
  while (i < end) {
    const c = s.charCodeAt(i);
    if (c === 92 && i + 1 < end) {
      parts.push(s.slice(from, i));
      from = i + 1;
      i += 2;
      continue;
    }
    if (c === 34) {
      parts.push(s.slice(from, i));
      return { kind: 'quoted', start: open, end: i + 1, text: parts.join(''), closed: true };
    }
    i++;
  }
  return null;
}

function readLiteral(s: string, open: number, end: number): Token | null {
  let i = open + 1;
  while (i < end) {
    const c = s.charCodeAt(i);
    if (c === 93 /* ] */) break;
    if (endsWord(c) || c === 91) return null;
    i++;
  }
  if (i >= end) return null;
  const text = s.slice(open + 1, i);
  let stop = i + 1;
  let port: number | undefined;
  if (s.charCodeAt(stop) === 58 /* : */ && stop + 1 < end && isDigit(s.charCodeAt(stop + 1))) {
    let j = stop + 1;
    let value = 0;
    while (j < end && isDigit(s.charCodeAt(j)) && j - stop <= 5) {
      value = value * 10 + (s.charCodeAt(j) - 48);
      j++;
    }
    if (j === end || endsWord(s.charCodeAt(j))) {
      if (value <= 65535) port = value;
      stop = j;
    }
  }
  return port === undefined
    ? { kind: 'literal', start: open, end: stop, text, closed: true }
    : { kind: 'literal', start: open, end: stop, text, port, closed: true };
}

/** Tokens of `s.slice(start, end)`, offsets relative to `s`. Never throws; linear time. */
export function tokenize(s: string, start = 0, end = s.length): Token[] {
  const tokens: Token[] = [];
  let i = start;
  while (i < end) {
    const c = s.charCodeAt(i);
    if (isSpace(c) || c === 41 /* stray ) */) {
      i++;
      continue;
    }
    if (c === 40) {
      const t = readComment(s, i, end);
      tokens.push(t);
      i = t.end;
      continue;
    }
    if (c === 59) {
      tokens.push({ kind: 'semicolon', start: i, end: i + 1, text: ';', closed: true });
      i++;
      continue;
    }
    if (c === 34) {
      const t = readQuoted(s, i, end);
      if (t !== null) {
        tokens.push(t);
        i = t.end;
        continue;
      }
    } else if (c === 91) {
      const t = readLiteral(s, i, end);
      if (t !== null) {
        tokens.push(t);
        i = t.end;
        continue;
      }
    }
    let j = i + 1;
    while (j < end && !endsWord(s.charCodeAt(j))) j++;
    tokens.push({ kind: 'word', start: i, end: j, text: s.slice(i, j), closed: true });
    i = j;
  }
  return tokens;
}
