/**
 * Cisco IOS XR CGN syslog (CRS CGSE, ASR 9000 ISM/VSM; formats.md §4.1). After a syslog header
 * (`<134>1 2016 Mar 14 10:20:31 cgn1 - - NAT44 - `) a line holds one or more records:
 *
 *   [EventName L4 OrigSrcIP InsideVRF OrigSrcIPv6 TranslatedSrcIP OrigPort FirstPort LastPort DstIP DstPort]
 *
 * (`-` for unused fields). `UserbasedA`/`UserbasedW` (bulk port assignment / withdrawal) →
 * `nat:portblock` allocate/release with `FirstPort..LastPort` inclusive; `SessionbasedA`/`W`/`AD`/
 * `WD` → `nat:session` create/delete (OrigPort → insidePort, FirstPort → outsidePort, destination
 * when logged). Inside VRF names are kept as `vrf`. With both an IPv4 and an IPv6 original source
 * (DS-Lite) insideIp is the IPv4 address and the B4's IPv6 address is `extra.insideIpv6` (flag
 * `ds-lite`); with only IPv6 (NAT64) it is insideIp. `Portblockrunout` carries no mapping.
 * Time: the header's `YYYY Mmm dd hh:mm:ss` (no zone in the line: needs --assume-zone), or an
 * RFC 5424 / RFC 3164 stamp when a collector wrote one. Several records on one line share the
 * line's locator; `extra.record` is the record's 1-based position on the line.
 */
import type { Locator } from '../../model/event';
import type { Emit } from '../line-parser';
import {
  RecordCheck,
  checkRange,
  createNatLineParser,
  makePortblock,
  makeSession,
  normalizeProtocol,
  readSyslogHeader,
  reportReversed,
  scoreLines,
  tokens,
  type Extra,
  type NatKit,
  type TimeFields,
} from '../nat-common';
import type { Parser } from '../types';

const NAME = 'cisco-cgn';

const FIELD_NAMES = [
  'EventName',
  'L4',
  'Original Source IP',
  'Inside VRF Name',
  'Original Source IPv6',
  'Translated Source IP',
  'Original Port',
  'Translated First Source Port',
  'Translated Last Source Port',
  'Destination IP',
  'Destination Port',
] as const;

type Kind =
  | { type: 'portblock'; event: 'allocate' | 'release' }
  | { type: 'session'; event: 'create' | 'delete' };

const EVENTS: Readonly<Record<string, Kind>> = {
  UserbasedA: { type: 'portblock', event: 'allocate' },
  UserbasedW: { type: 'portblock', event: 'release' },
  SessionbasedA: { type: 'session', event: 'create' },
  SessionbasedW: { type: 'session', event: 'delete' },
  SessionbasedAD: { type: 'session', event: 'create' },
  SessionbasedWD: { type: 'session', event: 'delete' },
};

const KNOWN_WITHOUT_MAPPING = new Set(['Portblockrunout']);

function isEventName(word: string): boolean {
  return word in EVENTS || KNOWN_WITHOUT_MAPPING.has(word);
}

/** `[Name …]` records on the line: [start of content, end (the `]`)) pairs of known names. */
function findRecords(text: string): Array<{ from: number; to: number; name: string }> {
  const out: Array<{ from: number; to: number; name: string }> = [];
  let i = 0;
  for (;;) {
    const open = text.indexOf('[', i);
    if (open < 0) break;
    const close = text.indexOf(']', open + 1);
    const to = close < 0 ? text.length : close;
    let k = open + 1;
    while (k < to && text.charCodeAt(k) !== 32 && text.charCodeAt(k) !== 9) k++;
    const name = text.slice(open + 1, k);
    if (isEventName(name)) out.push({ from: open + 1, to, name });
    if (close < 0) break;
    i = close + 1;
  }
  return out;
}

function record(
  fields: string[],
  kind: Kind,
  index: number,
  time: () => TimeFields,
  emit: Emit,
  locator: Locator,
): void {
  const name = fields[0] ?? '';
  const what = `${name} record ${index}`;
  const check = new RecordCheck();
  if (fields.length < FIELD_NAMES.length) {
    check.missing.push(...FIELD_NAMES.slice(fields.length));
  }
  const f = (k: number): string | undefined => fields[k];
  const v4 = check.ip(FIELD_NAMES[2], f(2), false);
  const v6 = check.ip(FIELD_NAMES[4], f(4), false);
  const blank = (raw: string | undefined): boolean =>
    raw === undefined || raw === '' || raw === '-';
  if (blank(f(2)) && blank(f(4)) && !check.missing.includes(FIELD_NAMES[2])) {
    check.missing.push(FIELD_NAMES[2]);
  }
  const vrfRaw = f(3);
  const vrf = vrfRaw === undefined || vrfRaw === '-' ? undefined : vrfRaw;
  const outsideIp = check.ip(FIELD_NAMES[5], f(5), fields.length > 5);
  const extra: Extra = { record: index };
  const flags: string[] = [];
  if (v4 !== undefined && v6 !== undefined) {
    extra.insideIpv6 = v6;
    flags.push('ds-lite');
  }
  const insideIp = v4 ?? v6;
  if (kind.type === 'portblock') {
    const range = checkRange(check, FIELD_NAMES[7], f(7), FIELD_NAMES[8], f(8));
    if (!check.report(emit, locator, what) || insideIp === undefined || outsideIp === undefined)
      return;
    if (range === null) return;
    if (range.reversed) {
      reportReversed(emit, locator, what, range.start, range.end);
      return;
    }
    emit.event(
      makePortblock(time(), locator, {
        event: kind.event,
        insideIp,
        outsideIp,
        portStart: range.start,
        portEnd: range.end,
        vrf,
        vendorEvent: name,
        flags,
        extra,
      }),
    );
    return;
  }
  const insidePort = check.port(FIELD_NAMES[6], f(6), false);
  const outsidePort = check.port(FIELD_NAMES[7], f(7), false);
  const destIp = check.ip(FIELD_NAMES[9], f(9), false);
  const destPort = check.port(FIELD_NAMES[10], f(10), false);
  if (!check.report(emit, locator, what) || insideIp === undefined || outsideIp === undefined)
    return;
  emit.event(
    makeSession(time(), locator, {
      event: kind.event,
      protocol: normalizeProtocol(f(1)),
      insideIp,
      insidePort,
      outsideIp,
      outsidePort,
      destIp,
      destPort,
      vrf,
      vendorEvent: name,
      flags,
      extra,
    }),
  );
}

function onLine(text: string, lineNumber: number, kit: NatKit, emit: Emit): void {
  const locator: Locator = { line: lineNumber };
  const records = findRecords(text);
  if (records.length === 0) {
    kit.tally.unknown(lineNumber, text.trim());
    return;
  }
  const first = records[0];
  const header = readSyslogHeader(text, first === undefined ? text.length : first.from - 1);
  // One time reading per line, shared by its records (and taken only if a record is usable).
  let time: TimeFields | null = null;
  const timeOnce = (): TimeFields => {
    time ??= kit.time(header, null, locator, emit, 'no syslog header timestamp before the records');
    return time;
  };
  let index = 0;
  for (const r of records) {
    index++;
    const kind = EVENTS[r.name];
    if (kind === undefined) {
      kit.tally.ignored(lineNumber, r.name);
      continue;
    }
    record(tokens(text, r.from, r.to), kind, index, timeOnce, emit, locator);
  }
}

function looksCisco(line: string): boolean {
  return (
    line.includes('[UserbasedA ') ||
    line.includes('[UserbasedW ') ||
    line.includes('[SessionbasedA') ||
    line.includes('[SessionbasedW') ||
    line.includes('[Portblockrunout')
  );
}

export const ciscoCgnParser: Parser = {
  name: NAME,
  version: '1.0.0',
  description: 'Cisco IOS XR CGN syslog: UserbasedA/W port blocks and SessionbasedA/W sessions',
  kinds: ['nat-log'],
  eventTypes: ['nat:portblock', 'nat:session'],
  detect(sample) {
    return scoreLines(sample.head, looksCisco);
  },
  createParser(options, ctx) {
    return createNatLineParser(NAME, options, ctx, (line, kit, emit) => {
      onLine(line.text, line.number, kit, emit);
    });
  },
};
