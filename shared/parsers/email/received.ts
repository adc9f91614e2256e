/**
 * Sealcase's own `Received:` parser (formats.md §1; SpamAssassin's Received.pm rules and MHA's
 * fallbacks as the reference). Input: one header value, unfolded. Output: what each clause says,
 * the date text after the LAST top-level `;`, and the reasons the header looks damaged.
 *
 * Trust rule: `fromIp` and `fromRdns` come only from what the receiving server saw — the TCP-info
 * comment after the from-domain (`(rdns [ip])`, `([ip]:port helo=x)`, `(HELO x) (ip)`, `(ip)`),
 * Exim's leading `[ip]`, a fetchmail `host [ip]`, or the client address a webmail server writes
 * as the from-domain of a `with HTTP` hop. The HELO/EHLO name (`fromHelo`) is never read as an
 * address; a HELO that is an address literal is kept as text and reported in `heloIp`.
 *
 * Forms handled: Postfix, sendmail (ident `user@host`, `(may be forged)`), Exim (`helo=`,
 * `port=`, `ident=`, `[ip]:port`, `(helo) [ip]`), qmail (`from rdns (HELO x) (ident@ip)`,
 * `(qmail 1234 invoked by uid 500)`, `invoked from network`), Exchange/SMTPSVC (`mail pickup
 * service`), Outlook.com (bare IPv6 in the comment, `with HTTPS`, `via Frontend Transport`), Gmail
 * (`by 2002:…`, rDNS with a trailing dot), webmail (`with HTTP`), fetchmail/IMAP pickup, IPv6
 * literals, ports, nested comments, a missing `;` before the date.
 */
import { parseRfc5322Date } from '../../time/instant';
import { readIpText } from './address-text';
import { tokenize, type Token } from './received-tokens';

export interface ReceivedParts {
  fromHelo?: string;
  fromRdns?: string;
  fromIp?: string;
  /** Source port from the TCP-info (`[1.2.3.4]:25`, `port=…`, `(1.2.3.4:25)`). */
  fromPort?: number;
  /** RFC 1413 ident or sendmail `user@host` user. */
  fromIdent?: string;
  /** The HELO was an address literal: what the client claimed, not what the server saw. */
  heloIp?: string;
  byHost?: string;
  /** The first comment of the by-clause: MTA name and version (`Postfix`, `8.11.6/8.11.6`). */
  byComment?: string;
  with?: string;
  id?: string;
  for?: string;
  via?: string;
  envelopeFrom?: string;
  /** Text after the last top-level `;` (trimmed); null when the header has no date. */
  dateText: string | null;
  /** Why the header looks damaged (empty when it does not). */
  problems: string[];
  /** Explanatory flags (`rdns-may-be-forged`, `date-without-semicolon`, `local-submission`…). */
  flags: string[];
}

const CLAUSE_KEYWORDS = new Set([
  'from',
  'by',
  'via',
  'with',
  'id',
  'for',
  'envelope-from',
  'envelope-sender',
]);
const DAY_NAMES = new Set(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
const WEBMAIL_PROTOCOLS = new Set(['http', 'https', 'httpa', 'httpsa', 'webmail']);
/** Farthest from the end a date without `;` may start (the date readers stop at 256). */
const MAX_BARE_DATE = 512;
/** Longest text of one field copied into an event (the schema allows 65536). */
const MAX_FIELD = 4096;

interface Clause {
  readonly key: string;
  readonly items: Token[];
}

function clip(text: string): string {
  return text.length > MAX_FIELD ? text.slice(0, MAX_FIELD) : text;
}

function tokenText(t: Token): string {
  if (t.kind === 'literal') return `[${t.text}]${t.port === undefined ? '' : `:${t.port}`}`;
  return t.text;
}

function isKeyword(t: Token): boolean {
  return t.kind === 'word' && CLAUSE_KEYWORDS.has(t.text.toLowerCase());
}

function looksLikeHost(word: string): boolean {
  if (word.length === 0 || word.length > 255 || word.includes('=')) return false;
  const lower = word.toLowerCase();
  return lower !== 'unknown' && lower !== 'helo' && lower !== 'ehlo';
}

function stripRootDot(name: string): string {
  return name.length > 1 && name.endsWith('.') ? name.slice(0, -1) : name;
}

/** What one comment of the from-clause says. */
interface CommentInfo {
  ip?: string;
  port?: number;
  rdns?: string;
  ident?: string;
  /** Exim `helo=`: the from-domain before this comment is then the rDNS or `[ip]`. */
  eximHelo?: string;
  eximPort?: number;
  eximIdent?: string;
  /** qmail `(HELO x)`: the from-domain is then the rDNS (or `unknown`). */
  qmailHelo?: string;
  forged: boolean;
  authenticated: boolean;
}

function readComment(s: string, c: Token): CommentInfo {
  const info: CommentInfo = { forged: false, authenticated: false };
  // The inner text starts one character after the `(`.
  const inner = tokenize(s, c.start + 1, c.closed ? c.end - 1 : c.end);
  for (let k = 0; k < inner.length; k++) {
    const t = inner[k];
    if (t === undefined) continue;
    if (t.kind === 'comment') {
      const text = t.text.toLowerCase();
      if (text.includes('may be forged')) info.forged = true;
      continue;
    }
    if (t.kind === 'literal') {
      const ip = readIpText(`[${t.text}]`);
      if (ip !== null && info.ip === undefined) {
        info.ip = ip.ip;
        if (t.port !== undefined) info.port = t.port;
        const prev = inner[k - 1];
        if (prev !== undefined && prev.kind === 'word' && readIpText(prev.text) === null) {
          const at = prev.text.lastIndexOf('@');
          const host = at >= 0 ? prev.text.slice(at + 1) : prev.text;
          if (at > 0) info.ident = prev.text.slice(0, at);
          if (looksLikeHost(host)) info.rdns = stripRootDot(host);
        }
      }
      continue;
    }
    if (t.kind !== 'word') continue;
    const word = t.text;
    const lower = word.toLowerCase();
    if (lower.startsWith('helo=')) {
      info.eximHelo = word.slice(5);
      continue;
    }
    if (lower.startsWith('port=')) {
      const p = Number(word.slice(5));
      if (Number.isInteger(p) && p >= 0 && p <= 65535) info.eximPort = p;
      continue;
    }
    if (lower.startsWith('ident=')) {
      info.eximIdent = word.slice(6);
      continue;
    }
    if ((lower === 'helo' || lower === 'ehlo') && k === 0) {
      const next = inner[k + 1];
      if (next !== undefined && next.kind !== 'comment') info.qmailHelo = tokenText(next);
      k++;
      continue;
    }
    if (lower === 'authenticated' || lower.startsWith('authenticated')) info.authenticated = true;
    if (info.ip !== undefined) continue;
    // `(1.2.3.4)`, `(1.2.3.4:25)`, `(2603:10a6::1)`, qmail `(user@1.2.3.4)`.
    const cleaned = word.endsWith(',') ? word.slice(0, -1) : word;
    const at = cleaned.lastIndexOf('@');
    const ip = readIpText(at >= 0 ? cleaned.slice(at + 1) : cleaned);
    if (ip !== null) {
      info.ip = ip.ip;
      if (ip.port !== undefined) info.port = ip.port;
      if (at > 0) info.ident = cleaned.slice(0, at);
    }
  }
  return info;
}

function splitClauses(tokens: readonly Token[]): {
  preamble: Token[];
  clauses: Clause[];
} {
  const preamble: Token[] = [];
  const clauses: Clause[] = [];
  let current: Clause | null = null;
  for (const t of tokens) {
    if (t.kind === 'semicolon') continue;
    if (isKeyword(t)) {
      current = { key: t.text.toLowerCase(), items: [] };
      clauses.push(current);
      continue;
    }
    if (current === null) preamble.push(t);
    else current.items.push(t);
  }
  return { preamble, clauses };
}

/** Where the date starts when there is no `;`: the last day name that begins a readable date. */
function findBareDate(s: string, tokens: readonly Token[]): number {
  for (let k = tokens.length - 1; k >= 0; k--) {
    const t = tokens[k];
    if (t === undefined || t.kind !== 'word') continue;
    // A readable date is short (MAX_TIMESTAMP_LENGTH): earlier day names cannot start one.
    if (s.length - t.start > MAX_BARE_DATE) break;
    const w = t.text.endsWith(',') ? t.text.slice(0, -1) : t.text;
    if (!DAY_NAMES.has(w.toLowerCase())) continue;
    if (parseRfc5322Date(s.slice(t.start).trim()).ok) return k;
  }
  return -1;
}

function valueOf(items: readonly Token[]): Token | undefined {
  return items.find((t) => t.kind !== 'comment');
}

function wordsOf(items: readonly Token[]): string {
  return items
    .filter((t) => t.kind !== 'comment')
    .map(tokenText)
    .join(' ');
}

/** The words before the first comment: `Microsoft SMTP Server (…)`, `esmtps (TLS1.3) tls …`. */
function leadingWords(items: readonly Token[]): string {
  const words: string[] = [];
  for (const t of items) {
    if (t.kind === 'comment') {
      if (words.length > 0) break;
      continue;
    }
    words.push(tokenText(t));
  }
  return words.join(' ');
}

/** Parses one Received value (unfolded). Never throws; linear in the length of `value`. */
export function parseReceived(value: string): ReceivedParts {
  const s = value;
  const parts: ReceivedParts = { dateText: null, problems: [], flags: [] };
  let tokens = tokenize(s);

  for (const t of tokens) {
    if (t.kind === 'comment' && !t.closed) parts.problems.push('a comment is not closed');
  }

  // The date: after the last top-level `;`, else after the last `;` anywhere (an unclosed
  // comment swallowed it), else a bare date starting with a day name (no `;`, formats.md §1.5).
  let lastSemi = -1;
  for (let k = tokens.length - 1; k >= 0; k--) {
    if (tokens[k]?.kind === 'semicolon') {
      lastSemi = k;
      break;
    }
  }
  if (lastSemi >= 0) {
    const semi = tokens[lastSemi];
    if (semi !== undefined) parts.dateText = s.slice(semi.end).trim();
    tokens = tokens.slice(0, lastSemi);
  } else {
    const raw = s.lastIndexOf(';');
    const unclosed = tokens.length > 0 && tokens[tokens.length - 1]?.closed === false;
    if (raw >= 0 && unclosed) {
      parts.dateText = s.slice(raw + 1).trim();
    } else {
      const bare = findBareDate(s, tokens);
      const start = tokens[bare];
      if (bare >= 0 && start !== undefined) {
        parts.dateText = s.slice(start.start).trim();
        parts.flags.push('date-without-semicolon');
        tokens = tokens.slice(0, bare);
      }
    }
  }
  if (parts.dateText !== null && parts.dateText.length === 0) parts.dateText = null;

  const { preamble, clauses } = splitClauses(tokens);
  const leading = preamble.filter((t) => t.kind !== 'comment');
  if (leading.length > 0) {
    parts.problems.push(`text before the first clause: "${clip(tokenText(leading[0] as Token))}"`);
  }
  for (const c of preamble) {
    if (c.kind !== 'comment') continue;
    const lower = c.text.toLowerCase();
    if (lower.startsWith('qmail ')) parts.flags.push('qmail-local');
    else if (lower.startsWith('from ')) parts.flags.push('local-submission');
  }
  if (clauses.length === 0 && preamble.length === 0) parts.problems.push('no from or by clause');

  const seen = new Set<string>();
  let fromClause: Clause | undefined;
  for (const clause of clauses) {
    if (seen.has(clause.key)) continue;
    seen.add(clause.key);
    const first = valueOf(clause.items);
    switch (clause.key) {
      case 'from':
        fromClause = clause;
        break;
      case 'by': {
        if (first !== undefined) parts.byHost = clip(tokenText(first));
        const comment = clause.items.find((t) => t.kind === 'comment');
        if (comment !== undefined && comment.text.trim().length > 0) {
          parts.byComment = clip(comment.text.trim());
          if (comment.text.toLowerCase().includes('from userid')) {
            parts.flags.push('local-submission');
          }
        }
        break;
      }
      case 'with': {
        const w = leadingWords(clause.items);
        if (w.length > 0) parts.with = clip(w);
        break;
      }
      case 'via': {
        const w = leadingWords(clause.items);
        if (w.length > 0) parts.via = clip(w);
        break;
      }
      case 'id':
        if (first !== undefined) parts.id = clip(tokenText(first));
        break;
      case 'for':
        if (first !== undefined) parts.for = clip(tokenText(first));
        break;
      default:
        if (first !== undefined) parts.envelopeFrom = clip(tokenText(first));
    }
    for (const t of clause.items) {
      if (t.kind !== 'comment' || clause.key === 'from') continue;
      const lower = t.text.toLowerCase();
      if (lower.startsWith('envelope-from ') || lower.startsWith('envelope-sender ')) {
        const v = t.text.slice(t.text.indexOf(' ') + 1).trim();
        if (v.length > 0 && parts.envelopeFrom === undefined) parts.envelopeFrom = clip(v);
      }
    }
  }
  const exim =
    (parts.with?.toLowerCase().includes('exim') ?? false) ||
    clauses.some(
      (c) =>
        (c.key === 'with' || c.key === 'by') &&
        c.items.some((t) => t.kind === 'comment' && t.text.toLowerCase().startsWith('exim')),
    );
  if (fromClause !== undefined) readFrom(s, fromClause, parts, exim);
  return parts;
}

function readFrom(s: string, clause: Clause, parts: ReceivedParts, eximHop: boolean): void {
  const items = clause.items;
  const firstIndex = items.findIndex((t) => t.kind !== 'comment');
  const first = firstIndex >= 0 ? items[firstIndex] : undefined;
  const infos = items.filter((t) => t.kind === 'comment').map((c) => readComment(s, c));
  const withIp = infos.find((i) => i.ip !== undefined);
  const eximHelo = infos.find((i) => i.eximHelo !== undefined)?.eximHelo;
  const qmailHelo = infos.find((i) => i.qmailHelo !== undefined)?.qmailHelo;
  const laterLiteral = items.some((t, k) => k > firstIndex && t.kind === 'literal');
  const exim =
    eximHelo !== undefined ||
    infos.some((i) => i.eximPort !== undefined || i.eximIdent !== undefined) ||
    (eximHop && (first?.kind === 'literal' || withIp !== undefined || laterLiteral));
  const protocol = (text: string | undefined): string =>
    (text ?? '').split(' ')[0]?.toLowerCase() ?? '';
  const webmail =
    WEBMAIL_PROTOCOLS.has(protocol(parts.with)) || WEBMAIL_PROTOCOLS.has(protocol(parts.via));
  // Exim 3 writes `host (helo) [ip]`: a comment with one word and no address is the HELO.
  const bareHelo =
    exim && withIp === undefined
      ? items
          .filter((t) => t.kind === 'comment')
          .map((t) => t.text.trim())
          .find((t) => t.length > 0 && !t.includes(' ') && readIpText(t) === null)
      : undefined;

  if (infos.some((i) => i.forged)) parts.flags.push('rdns-may-be-forged');
  if (infos.some((i) => i.authenticated)) parts.flags.push('authenticated');

  if (withIp?.ip !== undefined) {
    parts.fromIp = withIp.ip;
    if (withIp.port !== undefined) parts.fromPort = withIp.port;
    if (withIp.rdns !== undefined) parts.fromRdns = clip(withIp.rdns);
    if (withIp.ident !== undefined) parts.fromIdent = clip(withIp.ident);
  }
  const eximPort = infos.find((i) => i.eximPort !== undefined)?.eximPort;
  const eximIdent = infos.find((i) => i.eximIdent !== undefined)?.eximIdent;
  if (eximPort !== undefined && parts.fromPort === undefined) parts.fromPort = eximPort;
  if (eximIdent !== undefined && parts.fromIdent === undefined) parts.fromIdent = clip(eximIdent);

  if (first !== undefined) {
    const text = tokenText(first);
    const asIp = readIpText(text);
    if (exim || qmailHelo !== undefined) {
      // Exim and qmail write what the connection gave first (rDNS, `[ip]` or `unknown`), and
      // the HELO in the comment.
      if (asIp !== null) {
        if (parts.fromIp === undefined) {
          parts.fromIp = asIp.ip;
          if (asIp.port !== undefined) parts.fromPort = asIp.port;
        }
      } else if (first.kind === 'word' && looksLikeHost(text) && parts.fromRdns === undefined) {
        parts.fromRdns = clip(stripRootDot(text));
      }
      const helo = eximHelo ?? qmailHelo ?? bareHelo;
      if (helo !== undefined && helo.length > 0) parts.fromHelo = clip(helo);
    } else if (webmail && asIp !== null) {
      // A webmail server writes the HTTP client's address: there is no HELO in HTTP.
      if (parts.fromIp === undefined) parts.fromIp = asIp.ip;
    } else {
      parts.fromHelo = clip(wordsOf(items.slice(firstIndex, nextCommentOrEnd(items, firstIndex))));
      if (asIp !== null) parts.heloIp = asIp.ip;
    }
  } else {
    const helo = eximHelo ?? qmailHelo;
    if (helo !== undefined && helo.length > 0) parts.fromHelo = clip(helo);
  }
  if (parts.fromHelo === undefined && first === undefined) {
    // Exim without rDNS writes `(helo) [ip]`: the comment holds the bare HELO.
    const c = items[0];
    if (c?.kind === 'comment' && withIp === undefined) {
      const inner = c.text.trim();
      if (inner.length > 0 && !inner.includes(' ')) parts.fromHelo = clip(inner);
    }
  }
  if (parts.fromIp === undefined) {
    // A literal after the from-domain (`host [ip]` by fetchmail, `(helo) [ip]` by Exim).
    for (let k = Math.max(0, firstIndex + 1); k < items.length; k++) {
      const t = items[k];
      if (t?.kind !== 'literal') continue;
      const ip = readIpText(tokenText(t));
      if (ip !== null) {
        parts.fromIp = ip.ip;
        if (ip.port !== undefined) parts.fromPort = ip.port;
        break;
      }
    }
  }
  if ((parts.fromHelo ?? '').toLowerCase() === 'mail pickup service') {
    // Exchange's pickup directory: a local submission, not a HELO.
    delete parts.fromHelo;
    parts.flags.push('mail-pickup');
  }
}

/** Index after the run of non-comment tokens that starts at `from`. */
function nextCommentOrEnd(items: readonly Token[], from: number): number {
  let k = from;
  while (k < items.length && items[k]?.kind !== 'comment' && items[k]?.kind !== 'literal') k++;
  return Math.max(k, from + 1);
}
