/**
 * Linux netfilter `conntrack -E` event logs (formats.md §4.13), with or without `-o timestamp`
 * (`[1757235600.250000]` epoch-seconds prefix, UTC) and `-o extended` (L3 name and number before
 * the L4 protocol):
 *
 *   [epoch]  [NEW] [ipv4 2] tcp 6 120 SYN_SENT src=A dst=B sport=a dport=b [UNREPLIED] src=B dst=C sport=b dport=c [id=N]
 *
 * `[NEW]` → `nat:session` create, `[DESTROY]` → delete; `[UPDATE]` carries no new mapping and is
 * counted once (`NAT_MESSAGES_IGNORED`). The first tuple is the original direction: `src`/`sport`
 * → insideIp/insidePort, `dst`/`dport` → destIp/destPort. The second is the reply direction: with
 * SNAT/MASQUERADE its `dst`/`dport` are the translated public address and port → outsideIp /
 * outsidePort. Without source translation they equal the inside address and port: the event is
 * still emitted, flagged `untranslated`. A translated destination (DNAT: reply `src` ≠ original
 * `dst`) is kept in `extra.translatedDestIp` / `translatedDestPort`, flag `dnat`. ICMP tuples have
 * `type`/`code`/`id` and no ports. `id=` after the tuples → `extra.conntrackId` (ids are reused).
 * A line without the `[epoch]` prefix gets ts null and `NAT_NO_TIMESTAMP` (the stream was recorded
 * without `-o timestamp`).
 */
import type { Locator } from '../../model/event';
import { parseEpoch } from '../../time/instant';
import type { Emit } from '../line-parser';
import {
  RecordCheck,
  createNatLineParser,
  isDigitCode,
  makeSession,
  normalizeProtocol,
  parseCount,
  scoreLines,
  skipBlanks,
  tokens,
  type Extra,
  type NatKit,
  type RecordTime,
} from '../nat-common';
import type { Parser } from '../types';

const NAME = 'conntrack';

interface Tuple {
  src?: string;
  dst?: string;
  sport?: string;
  dport?: string;
  type?: string;
  id?: string;
}

const TAGS: Readonly<Record<string, 'create' | 'delete' | null>> = {
  NEW: 'create',
  DESTROY: 'delete',
  UPDATE: null,
};

function onLine(text: string, lineNumber: number, kit: NatKit, emit: Emit): void {
  const locator: Locator = { line: lineNumber };
  let i = skipBlanks(text, 0);
  let record: RecordTime | null = null;
  if (text.charCodeAt(i) === 91 && isDigitCode(text.charCodeAt(i + 1))) {
    const close = text.indexOf(']', i);
    if (close < 0 || close - i > 40) {
      kit.tally.unknown(lineNumber, text.trim());
      return;
    }
    const raw = text.slice(i + 1, close);
    record = { tsRaw: raw, parsed: parseEpoch(raw) };
    i = skipBlanks(text, close + 1);
  }
  if (text.charCodeAt(i) !== 91) {
    kit.tally.unknown(lineNumber, text.trim());
    return;
  }
  const tagEnd = text.indexOf(']', i);
  const tag = tagEnd < 0 || tagEnd - i > 12 ? '' : text.slice(i + 1, tagEnd);
  const event = TAGS[tag];
  if (event === undefined) {
    kit.tally.unknown(lineNumber, text.trim());
    return;
  }
  if (event === null) {
    kit.tally.ignored(lineNumber, `[${tag}]`);
    return;
  }
  const words = tokens(text, tagEnd + 1);
  let k = 0;
  const extra: Extra = {};
  if (words[0] === 'ipv4' || words[0] === 'ipv6') {
    extra.l3 = words[0];
    k = 2;
  }
  const l4Name = words[k];
  const l4Number = words[k + 1];
  const protocol =
    l4Number !== undefined && parseCount(l4Number) !== null
      ? normalizeProtocol(l4Number)
      : normalizeProtocol(l4Name);
  const tuples: Tuple[] = [{}, {}];
  let t = 0;
  for (let w = k; w < words.length; w++) {
    const word = words[w] ?? '';
    if (word === '[UNREPLIED]') {
      extra.unreplied = true;
      continue;
    }
    if (word === '[ASSURED]') {
      extra.assured = true;
      continue;
    }
    const eq = word.indexOf('=');
    if (eq <= 0) {
      if (t === 0 && tuples[0]?.src === undefined && /* state */ w > k + 1) {
        const isTimeout = parseCount(word) !== null;
        if (isTimeout) extra.timeout = Number(word);
        else if (word.length <= 32) extra.state = word;
      }
      continue;
    }
    const key = word.slice(0, eq);
    const value = word.slice(eq + 1);
    let cur = tuples[t];
    if (cur === undefined) break;
    if (key === 'src') {
      if (cur.src !== undefined && t === 0) {
        t = 1;
        cur = tuples[1];
        if (cur === undefined) break;
      }
      if (cur.src === undefined) cur.src = value;
      continue;
    }
    if (key === 'dst' || key === 'sport' || key === 'dport' || key === 'type') {
      if (cur[key] === undefined) cur[key] = value;
      continue;
    }
    if (key === 'id') {
      // An ICMP tuple's own id, else the conntrack entry id.
      if (cur.type !== undefined && cur.id === undefined && cur.src !== undefined) cur.id = value;
      else {
        const n = parseCount(value);
        extra.conntrackId = n === null ? value.slice(0, 64) : n;
      }
      continue;
    }
    if (key === 'mark' || key === 'zone' || key === 'use') {
      const n = parseCount(value);
      if (n !== null) extra[key] = n;
    }
  }
  const [orig = {}, reply = {}] = tuples;
  const check = new RecordCheck();
  const insideIp = check.ip('original src', orig.src, true);
  const outsideIp = check.ip('reply dst', reply.dst, true);
  const insidePort = check.port('original sport', orig.sport, false);
  const outsidePort = check.port('reply dport', reply.dport, false);
  const destIp = check.ip('original dst', orig.dst, false);
  const destPort = check.port('original dport', orig.dport, false);
  const replySrc = check.ip('reply src', reply.src, false);
  const replySport = check.port('reply sport', reply.sport, false);
  if (!check.report(emit, locator, `[${tag}] entry`) || insideIp === undefined) return;
  if (outsideIp === undefined) return;
  const flags: string[] = [];
  if (outsideIp === insideIp && outsidePort === insidePort) flags.push('untranslated');
  if (
    replySrc !== undefined &&
    destIp !== undefined &&
    (replySrc !== destIp || replySport !== destPort)
  ) {
    flags.push('dnat');
    extra.translatedDestIp = replySrc;
    if (replySport !== undefined) extra.translatedDestPort = replySport;
  }
  if (orig.type !== undefined) {
    const n = parseCount(orig.type);
    if (n !== null) extra.icmpType = n;
  }
  const time = kit.time(
    null,
    record,
    locator,
    emit,
    'no [epoch] prefix: the events were recorded without conntrack -o timestamp',
  );
  emit.event(
    makeSession(time, locator, {
      event,
      protocol,
      insideIp,
      insidePort,
      outsideIp,
      outsidePort,
      destIp,
      destPort,
      vendorEvent: tag,
      flags,
      extra,
    }),
  );
}

function looksConntrack(line: string): boolean {
  return (
    (line.includes('[NEW]') || line.includes('[DESTROY]') || line.includes('[UPDATE]')) &&
    line.includes(' src=') &&
    line.includes(' dst=')
  );
}

export const conntrackParser: Parser = {
  name: NAME,
  version: '1.0.0',
  description: 'Linux conntrack -E event logs ([NEW]/[DESTROY], -o timestamp, -o extended)',
  kinds: ['nat-log'],
  eventTypes: ['nat:session'],
  detect(sample) {
    return scoreLines(sample.head, looksConntrack);
  },
  createParser(options, ctx) {
    return createNatLineParser(NAME, options, ctx, (line, kit, emit) => {
      onLine(line.text, line.number, kit, emit);
    });
  },
};
