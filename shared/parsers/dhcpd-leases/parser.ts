/**
 * ISC dhcpd `dhcpd.leases` (formats.md §6.1, dhcpd.leases(5)) → `dhcp:lease` events.
 *
 * The file is a journal: every change appends the whole lease again, and **the last declaration
 * of an address wins**. The parser keeps one entry per key (`lease <ip>`, or the address /
 * prefix of an IPv6 `iaaddr` / `iaprefix`) in a Map and emits the winners at the end, **in file
 * order of their last declaration** (an address declared again moves to the end).
 * `extra.declarations` counts how many declarations of the key were read (when more than one).
 * Memory is bounded by the number of distinct addresses, not by the file length.
 *
 * Time: `starts 2 2024/03/05 14:07:09;` is **UTC** by the man page ("not in the local time
 * zone"), so it is stamped as an in-band `+00:00` offset; `epoch <secs>;` (db-time-format local;
 * the comment after it is for humans and ignored) is an epoch value; `never` gives `null`
 * (`end: null` and flag `infinite-lease` for a lease that never ends). The weekday is ignored, as
 * dhcpd does on input.
 *
 * Fields: `ip` = the lease address; `mac` = `hardware ethernet` (lowercase); `hostname` =
 * `client-hostname`; `start` = `starts`; `end` = `ends`; `state` = `binding state`. `ts` = `starts`
 * (else `cltt`, else null with `tsRaw: ""`). In `extra`: `cltt`, `tstp`, `tsfp`, `atsfp` (UTC ISO
 * text or null for never), `nextBindingState`, `rewindBindingState`, `uid` (as escaped in the
 * file), `hardwareType` (when not ethernet), `option agent.circuit-id` / `remote-id` and other
 * statements under their keyword(s).
 *
 * IPv6 (`ia-na` / `ia-ta` / `ia-pd` with `iaaddr` / `iaprefix`): one event per address or prefix
 * (`ip` = the prefix's network address, `extra.prefixLength`, flag `delegated-prefix`); no `mac`
 * (the IAID+DUID string is `extra.iaidDuid`); `start` only from a `starts` statement, `end` from
 * `ends`; `ts` = `starts`, else the IA's `cltt`; `preferred-life` / `max-life` in `extra`.
 * Other blocks (`host`, `group`, `subnet`, `class`, `failover peer`…) are skipped silently.
 */
import type { DhcpLeaseEvent, Locator } from '../../model/event';
import { normalizeIp } from '../../net/ip';
import { parseEpoch, stamp, wallTime, type TimeParseResult } from '../../time';
import { createLineParser, type Emit } from '../line-parser';
import type { DetectSample, ParseOptions, Parser, ParserContext, StreamingParser } from '../types';

export const DHCPD_WARNING_CODES = [
  /** Unbalanced braces, a string not closed on its line, or a statement outside any block. */
  'DHCPD_SYNTAX',
  /** `lease X {` / `iaaddr X {` where X is not an address: the block is skipped. */
  'DHCPD_ADDRESS_INVALID',
  /** A statement too long (tokens or characters): it is ignored. */
  'DHCPD_STATEMENT_TOO_LONG',
  /** The file ended inside a lease block: that declaration is dropped. */
  'DHCPD_BLOCK_UNTERMINATED',
] as const;

export const MAX_STATEMENT_TOKENS = 64;
export const MAX_TOKEN_LENGTH = 4096;
export const MAX_EXTRA_ENTRIES = 100;
const MAX_DEPTH = 16;

interface Token {
  readonly kind: 'word' | 'string' | 'punct';
  readonly text: string;
}

type Extra = Record<string, string | number | boolean | null>;

interface LeaseBlock {
  readonly kind: 'lease' | 'iaaddr' | 'iaprefix';
  readonly key: string;
  readonly ip: string;
  readonly prefixLength: number | null;
  readonly line: number;
  readonly ia: IaBlock | null;
  event: DhcpLeaseEvent;
  extra: Extra;
  flags: Set<string>;
  /** `cltt` of a v4 lease, used for `ts` when there is no `starts`. */
  cltt: { ts: string | null; raw: string; zone: DhcpLeaseEvent['zone'] } | null;
  hasStarts: boolean;
}

interface IaBlock {
  readonly kind: 'ia';
  readonly type: string;
  readonly iaidDuid: string;
  cltt: { ts: string | null; raw: string; zone: DhcpLeaseEvent['zone'] } | null;
}

interface SkipBlock {
  readonly kind: 'skip';
}

type Block = LeaseBlock | IaBlock | SkipBlock;

interface Entry {
  event: DhcpLeaseEvent;
  declarations: number;
}

const UNKNOWN_ZONE = { source: 'unknown', offset: null, name: null } as const;

function isDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** `YYYY/MM/DD` + `HH:MM:SS` as UTC (dhcpd.leases(5)). */
export function parseDhcpdDate(tokens: readonly string[]): TimeParseResult | 'never' {
  if (tokens.length === 1 && tokens[0] === 'never') return 'never';
  if (tokens.length === 2 && tokens[0] === 'epoch') return parseEpoch(tokens[1] ?? '', 's');
  if (tokens.length !== 3 || !isDigits(tokens[0] ?? '')) {
    return {
      ok: false,
      reason: 'expected "<weekday> YYYY/MM/DD HH:MM:SS", "epoch <seconds>" or "never"',
    };
  }
  const d = (tokens[1] ?? '').split('/');
  const t = (tokens[2] ?? '').split(':');
  if (
    d.length !== 3 ||
    t.length !== 3 ||
    ![...d, ...t].every(isDigits) ||
    (d[0] ?? '').length > 4
  ) {
    return { ok: false, reason: 'expected YYYY/MM/DD HH:MM:SS' };
  }
  const w = wallTime({
    year: Number(d[0]),
    month: Number(d[1]),
    day: Number(d[2]),
    hour: Number(t[0]),
    minute: Number(t[1]),
    second: Number(t[2]),
    millisecond: 0,
  });
  if (!w.ok || w.time.kind !== 'wall') return w;
  return {
    ok: true,
    time: {
      kind: 'offset',
      wall: w.time.wall,
      offsetMinutes: 0,
      unknownLocalOffset: false,
      zoneText: 'UTC',
      notes: w.time.notes,
    },
  };
}

/** Decodes the escapes dhcpd writes in strings (`\"`, `\\`, `\ooo`). */
function unescapeString(raw: string): string {
  if (!raw.includes('\\')) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i] ?? '';
    if (ch !== '\\' || i + 1 >= raw.length) {
      out += ch;
      continue;
    }
    const oct = raw.slice(i + 1, i + 4);
    let ok = oct.length === 3;
    let code = 0;
    for (let k = 0; ok && k < 3; k++) {
      const c = oct.charCodeAt(k);
      if (c < 48 || c > 55) ok = false;
      else code = code * 8 + (c - 48);
    }
    if (ok && code < 256) {
      out += String.fromCharCode(code);
      i += 3;
    } else {
      out += raw[i + 1] ?? '';
      i++;
    }
  }
  return out;
}

/** `2001:db8::/56` → address and length, or null. */
function splitPrefix(text: string): { ip: string; length: number } | null {
  const slash = text.indexOf('/');
  if (slash < 0) return null;
  const ip = normalizeIp(text.slice(0, slash));
  const len = text.slice(slash + 1);
  if (ip === null || !isDigits(len) || len.length > 3 || Number(len) > 128) return null;
  return { ip, length: Number(len) };
}

function createDhcpdParser(options: ParseOptions, ctx: ParserContext): StreamingParser {
  const stack: Block[] = [];
  const journal = new Map<string, Entry>();
  let stmt: Token[] = [];
  let stmtLine = 0;
  let stmtBad: string | null = null;

  const stampTime = (
    raw: string,
    parsed: TimeParseResult,
    locator: Locator,
    emit: Emit,
  ): { ts: string | null; zone: DhcpLeaseEvent['zone'] } => {
    const r = stamp({ tsRaw: raw, parsed, locator }, options);
    emit.warnings(r.warnings);
    return { ts: r.ts, zone: r.zone };
  };

  const openBlock = (head: Token[], line: number, emit: Emit): void => {
    const locator: Locator = { line };
    const top = stack[stack.length - 1];
    const word = head[0]?.text ?? '';
    if (stack.length >= MAX_DEPTH || top?.kind === 'skip' || head.length === 0) {
      stack.push({ kind: 'skip' });
      return;
    }
    if (top === undefined && word === 'lease' && head.length === 2 && head[1]?.kind === 'word') {
      const ip = normalizeIp(head[1].text);
      if (ip === null || ip.includes(':')) {
        emit.warning(
          'DHCPD_ADDRESS_INVALID',
          `lease "${head[1].text.slice(0, 80)}" on line ${line} is not an IPv4 address; block skipped`,
          locator,
        );
        stack.push({ kind: 'skip' });
        return;
      }
      stack.push(newLease('lease', ip, ip, null, line, null));
      return;
    }
    if (
      top === undefined &&
      (word === 'ia-na' || word === 'ia-ta' || word === 'ia-pd') &&
      head.length === 2
    ) {
      stack.push({ kind: 'ia', type: word, iaidDuid: head[1]?.text ?? '', cltt: null });
      return;
    }
    if (top?.kind === 'ia' && (word === 'iaaddr' || word === 'iaprefix') && head.length === 2) {
      const text = head[1]?.text ?? '';
      if (word === 'iaaddr') {
        const ip = normalizeIp(text);
        if (ip !== null && ip.includes(':')) {
          stack.push(newLease('iaaddr', `iaaddr ${ip}`, ip, null, line, top));
          return;
        }
      } else {
        const p = splitPrefix(text);
        if (p !== null && p.ip.includes(':')) {
          stack.push(
            newLease('iaprefix', `iaprefix ${p.ip}/${p.length}`, p.ip, p.length, line, top),
          );
          return;
        }
      }
      emit.warning(
        'DHCPD_ADDRESS_INVALID',
        `${word} "${text.slice(0, 80)}" on line ${line} is not an IPv6 ${word === 'iaaddr' ? 'address' : 'prefix'}; block skipped`,
        locator,
      );
      stack.push({ kind: 'skip' });
      return;
    }
    stack.push({ kind: 'skip' });
  };

  const newLease = (
    kind: LeaseBlock['kind'],
    key: string,
    ip: string,
    prefixLength: number | null,
    line: number,
    ia: IaBlock | null,
  ): LeaseBlock => {
    const event: DhcpLeaseEvent = {
      type: 'dhcp:lease',
      ts: null,
      tsRaw: '',
      zone: { ...UNKNOWN_ZONE },
      locator: { line },
      ip,
    };
    const extra: Extra = {};
    const flags = new Set<string>();
    if (ia !== null) {
      extra['iaType'] = ia.type;
      extra['iaidDuid'] = ia.iaidDuid;
    }
    if (prefixLength !== null) {
      extra['prefixLength'] = prefixLength;
      flags.add('delegated-prefix');
    }
    return {
      kind,
      key,
      ip,
      prefixLength,
      line,
      ia,
      event,
      extra,
      flags,
      cltt: null,
      hasStarts: false,
    };
  };

  const closeBlock = (line: number, emit: Emit): void => {
    const block = stack.pop();
    if (block === undefined) {
      emit.warning('DHCPD_SYNTAX', `unbalanced "}" on line ${line}`, { line });
      return;
    }
    if (block.kind !== 'lease' && block.kind !== 'iaaddr' && block.kind !== 'iaprefix') return;
    const e = block.event;
    if (!block.hasStarts) {
      const fallback = block.cltt ?? block.ia?.cltt ?? null;
      if (fallback !== null) {
        e.ts = fallback.ts;
        e.tsRaw = fallback.raw;
        e.zone = fallback.zone;
      }
    }
    if (block.cltt !== null) block.extra['cltt'] = block.cltt.ts;
    else if (block.ia?.cltt !== undefined && block.ia.cltt !== null) {
      block.extra['cltt'] = block.ia.cltt.ts;
    }
    if (block.flags.size > 0) e.flags = [...block.flags].sort();
    const prev = journal.get(block.key);
    const declarations = (prev?.declarations ?? 0) + 1;
    if (declarations > 1) block.extra['declarations'] = declarations;
    if (Object.keys(block.extra).length > 0) e.extra = block.extra;
    journal.delete(block.key);
    journal.set(block.key, { event: e, declarations });
  };

  const leaseStatement = (block: LeaseBlock, tokens: Token[], line: number, emit: Emit): void => {
    const locator: Locator = { line };
    const words = tokens.map((t) => t.text);
    const head = words[0] ?? '';
    const e = block.event;
    const setExtra = (key: string, value: string | number | boolean | null): void => {
      if (key in block.extra || Object.keys(block.extra).length < MAX_EXTRA_ENTRIES) {
        block.extra[key] = value;
      }
    };
    switch (head) {
      case 'starts':
      case 'ends':
      case 'cltt':
      case 'tstp':
      case 'tsfp':
      case 'atsfp': {
        const rest = words.slice(1);
        const raw = rest.join(' ');
        const parsed = parseDhcpdDate(rest);
        const t =
          parsed === 'never'
            ? { ts: null, zone: { ...UNKNOWN_ZONE } }
            : stampTime(raw, parsed, locator, emit);
        if (head === 'starts') {
          block.hasStarts = true;
          e.start = t.ts;
          e.ts = t.ts;
          e.tsRaw = raw;
          e.zone = t.zone;
        } else if (head === 'ends') {
          e.end = t.ts;
          if (parsed === 'never') block.flags.add('infinite-lease');
          else block.flags.delete('infinite-lease');
        } else if (head === 'cltt' && block.kind === 'lease') {
          block.cltt = { ts: t.ts, raw, zone: t.zone };
        } else {
          setExtra(head, t.ts);
        }
        return;
      }
      case 'binding':
        if (words[1] === 'state' && words.length === 3) e.state = (words[2] ?? '').slice(0, 64);
        return;
      case 'next':
      case 'rewind':
        if (words[1] === 'binding' && words[2] === 'state' && words.length === 4) {
          setExtra(head === 'next' ? 'nextBindingState' : 'rewindBindingState', words[3] ?? '');
        }
        return;
      case 'hardware':
        if (words.length === 3) {
          e.mac = (words[2] ?? '').toLowerCase().slice(0, 128);
          if (words[1] !== 'ethernet') setExtra('hardwareType', words[1] ?? '');
        }
        return;
      case 'client-hostname': {
        const t = tokens[1];
        if (t !== undefined) e.hostname = t.kind === 'string' ? unescapeString(t.text) : t.text;
        return;
      }
      case 'uid':
        setExtra('uid', words[1] ?? '');
        return;
      case 'preferred-life':
      case 'max-life':
        setExtra(
          head === 'preferred-life' ? 'preferredLife' : 'maxLife',
          isDigits(words[1] ?? '') && (words[1] ?? '').length < 16
            ? Number(words[1])
            : (words[1] ?? ''),
        );
        return;
      case 'abandoned':
        block.flags.add('abandoned');
        return;
      case 'option':
      case 'set': {
        const key = `${head} ${words[1] ?? ''}`;
        let rest = words.slice(2);
        if (rest[0] === '=') rest = rest.slice(1);
        setExtra(key, rest.join(' '));
        return;
      }
      default:
        setExtra(head, words.slice(1).join(' '));
    }
  };

  const endStatement = (line: number, emit: Emit): void => {
    const tokens = stmt;
    const bad = stmtBad;
    stmt = [];
    stmtBad = null;
    if (tokens.length === 0) return;
    if (bad !== null) {
      emit.warning('DHCPD_STATEMENT_TOO_LONG', `statement on line ${stmtLine} ${bad}; ignored`, {
        line: stmtLine,
      });
      return;
    }
    const top = stack[stack.length - 1];
    if (top === undefined || top.kind === 'skip') return;
    if (top.kind === 'ia') {
      if (tokens[0]?.text === 'cltt') {
        const rest = tokens.slice(1).map((t) => t.text);
        const parsed = parseDhcpdDate(rest);
        const raw = rest.join(' ');
        top.cltt =
          parsed === 'never'
            ? { ts: null, raw, zone: { ...UNKNOWN_ZONE } }
            : { raw, ...stampTime(raw, parsed, { line }, emit) };
      }
      return;
    }
    leaseStatement(top, tokens, line, emit);
  };

  const addToken = (t: Token, line: number): void => {
    if (stmt.length === 0) stmtLine = line;
    if (t.text.length > MAX_TOKEN_LENGTH) {
      stmtBad ??= `has a value longer than ${MAX_TOKEN_LENGTH} characters`;
      return;
    }
    if (stmt.length >= MAX_STATEMENT_TOKENS) {
      stmtBad ??= `has more than ${MAX_STATEMENT_TOKENS} tokens`;
      return;
    }
    stmt.push(t);
  };

  const onLine = (text: string, line: number, emit: Emit): void => {
    const n = text.length;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 13) {
        i++;
      } else if (c === 35) {
        return; // comment to the end of the line
      } else if (c === 59) {
        endStatement(line, emit);
        i++;
      } else if (c === 123) {
        const head = stmt;
        const bad = stmtBad;
        stmt = [];
        stmtBad = null;
        if (bad !== null) {
          emit.warning('DHCPD_STATEMENT_TOO_LONG', `block header on line ${line} ${bad}`, { line });
          stack.push({ kind: 'skip' });
        } else {
          openBlock(head, stmtLine || line, emit);
        }
        i++;
      } else if (c === 125) {
        if (stmt.length > 0) endStatement(line, emit);
        closeBlock(line, emit);
        i++;
      } else if (c === 34) {
        let j = i + 1;
        while (j < n) {
          const d = text.charCodeAt(j);
          if (d === 92) j += 2;
          else if (d === 34) break;
          else j++;
        }
        if (j >= n) {
          emit.warning('DHCPD_SYNTAX', `string not closed on line ${line}`, { line });
          addToken({ kind: 'string', text: text.slice(i + 1, Math.min(j, n)) }, line);
          return;
        }
        addToken({ kind: 'string', text: text.slice(i + 1, j) }, line);
        i = j + 1;
      } else {
        let j = i + 1;
        while (j < n) {
          const d = text.charCodeAt(j);
          if (
            d === 32 ||
            d === 9 ||
            d === 13 ||
            d === 59 ||
            d === 123 ||
            d === 125 ||
            d === 34 ||
            d === 35
          ) {
            break;
          }
          j++;
        }
        addToken({ kind: 'word', text: text.slice(i, j) }, line);
        i = j;
      }
    }
  };

  return createLineParser('dhcpd-leases', ctx, {
    onLine(line, emit) {
      onLine(line.text, line.number, emit);
    },
    onEnd(emit) {
      for (const b of stack) {
        if (b.kind === 'lease' || b.kind === 'iaaddr' || b.kind === 'iaprefix') {
          emit.warning(
            'DHCPD_BLOCK_UNTERMINATED',
            `the file ends inside the ${b.kind} ${b.ip} block of line ${b.line}; that declaration was dropped`,
            { line: b.line },
          );
        }
      }
      for (const entry of journal.values()) emit.event(entry.event);
      journal.clear();
    },
  });
}

function detectDhcpd(sample: DetectSample): number {
  const head = sample.head.slice(0, 65536);
  const name = (sample.fileName ?? '').toLowerCase();
  let score = 0;
  if (head.includes('dhcpd.leases(5)') || head.includes('lease file was written by isc-dhcp')) {
    score = 0.98;
  } else {
    let from = 0;
    for (let k = 0; k < 20; k++) {
      const at = head.indexOf('lease ', from);
      if (at < 0) break;
      from = at + 6;
      if (at > 0 && head.charCodeAt(at - 1) !== 10) continue;
      const nl = head.indexOf('\n', at);
      const line = head.slice(at, nl < 0 ? head.length : nl).trim();
      const parts = line.split(' ').filter((p) => p.length > 0);
      if (parts.length === 3 && parts[2] === '{' && normalizeIp(parts[1] ?? '') !== null) {
        score = head.includes('binding state') || head.includes('starts ') ? 0.95 : 0.8;
        break;
      }
    }
    if (
      score === 0 &&
      (head.startsWith('ia-na ') || head.includes('\nia-na ')) &&
      head.includes('iaaddr ')
    ) {
      score = 0.9;
    }
  }
  if (score > 0 && name.includes('dhcpd') && name.includes('leases'))
    score = Math.min(0.99, score + 0.01);
  return score;
}

export const dhcpdLeasesParser: Parser = {
  name: 'dhcpd-leases',
  version: '1.0.0',
  description: 'ISC dhcpd dhcpd.leases journal (last declaration wins) as dhcp:lease',
  kinds: ['dhcp-leases'],
  eventTypes: ['dhcp:lease'],
  detect: detectDhcpd,
  createParser: createDhcpdParser,
};
