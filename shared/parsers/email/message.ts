/**
 * From one message's header fields to its events: one `email:message`, then one
 * `email:received` per Received field in hop order (hop 1 = the bottom field, the earliest).
 */
import { addressParser, decodeWords } from 'postal-mime';
import type { EventOf, EventZone, HeaderLocator, Locator, ParseWarning } from '../../model/event';
import { ipFlags } from '../../net/ip';
import { parseRfc5322Date } from '../../time/instant';
import { stamp } from '../../time/stamp';
import type { ParseOptions } from '../types';
import { readIpText } from './address-text';
import type { HeaderField } from './headers';
import { parseReceived } from './received';

export type EmailMessageEvent = EventOf<'email:message'>;
export type EmailReceivedEvent = EventOf<'email:received'>;

export interface MessageOutput {
  readonly events: (EmailMessageEvent | EmailReceivedEvent)[];
  readonly warnings: ParseWarning[];
}

/**
 * Provider headers that name the submitting client, in the order they are trusted (formats.md
 * §1.3). All are assertions by the provider, not by an MTA of the case's own.
 */
export const ORIGINATING_IP_HEADERS = [
  'x-originating-ip',
  'x-ms-exchange-organization-originalclientipaddress',
  'x-client-ip',
  'x-forwarded-for',
] as const;

const UNKNOWN_ZONE: EventZone = { source: 'unknown', offset: null, name: null };
const MAX_TEXT = 65536;
const MAX_TS_RAW = 4096;
const MAX_RECIPIENTS = 10000;

function clip(text: string, max = MAX_TEXT): string {
  return text.length > max ? text.slice(0, max) : text;
}

function decode(text: string): string {
  try {
    return decodeWords(text);
  } catch {
    return text;
  }
}

function unique(flags: readonly string[]): string[] {
  return [...new Set(flags)];
}

function quoteShort(text: string): string {
  return text.length > 80 ? `"${text.slice(0, 77)}…"` : `"${text}"`;
}

interface Stamped {
  ts: string | null;
  tsRaw: string;
  zone: EventZone;
  instant: number | null;
}

function stampDate(
  raw: string | null,
  locator: Locator,
  options: ParseOptions,
  warnings: ParseWarning[],
): Stamped {
  if (raw === null) return { ts: null, tsRaw: '', zone: UNKNOWN_ZONE, instant: null };
  const tsRaw = clip(raw, MAX_TS_RAW);
  const t = stamp({ tsRaw, parsed: parseRfc5322Date(raw), locator }, options);
  for (const w of t.warnings) warnings.push(w);
  return { ts: t.ts, tsRaw, zone: t.zone, instant: t.instant };
}

function recipients(fields: readonly HeaderField[]): string[] {
  const out: string[] = [];
  for (const f of fields) {
    let parsed: { name: string; address: string }[];
    try {
      parsed = addressParser(f.value, { flatten: true }) as { name: string; address: string }[];
    } catch {
      parsed = [];
    }
    let any = false;
    for (const a of parsed) {
      const text = a.address.length > 0 ? a.address : a.name;
      if (text.length === 0) continue;
      any = true;
      if (out.length < MAX_RECIPIENTS) out.push(clip(text));
    }
    if (!any && f.value.length > 0 && out.length < MAX_RECIPIENTS) out.push(clip(decode(f.value)));
  }
  return out;
}

export interface MessageContext {
  /** 1-based message number, only when the artefact holds several (mbox). */
  readonly message?: number;
  /** Line of the first header of the message. */
  readonly firstLine: number;
  readonly options: ParseOptions;
}

function headerLocator(
  name: string,
  index: number,
  f: HeaderField,
  ctx: MessageContext,
): HeaderLocator {
  return ctx.message === undefined
    ? { header: name, index, line: f.line }
    : { header: name, index, message: ctx.message, line: f.line };
}

/** The events of one message whose header block is `fields` (file order). */
export function messageEvents(fields: readonly HeaderField[], ctx: MessageContext): MessageOutput {
  const events: (EmailMessageEvent | EmailReceivedEvent)[] = [];
  const warnings: ParseWarning[] = [];
  const byKey = new Map<string, HeaderField[]>();
  for (const f of fields) {
    const list = byKey.get(f.key);
    if (list === undefined) byKey.set(f.key, [f]);
    else list.push(f);
  }
  const all = (key: string): HeaderField[] => byKey.get(key) ?? [];

  events.push(messageEvent(all, ctx, warnings));

  const received = all('received');
  let previous: number | null = null;
  for (let k = received.length - 1; k >= 0; k--) {
    const f = received[k];
    if (f === undefined) continue;
    const index = k + 1;
    const hop = received.length - k;
    const locator = headerLocator('Received', index, f, ctx);
    const parts = parseReceived(f.value);
    if (parts.problems.length > 0) {
      warnings.push({
        code: 'EMAIL_RECEIVED_MALFORMED',
        message: `Received header ${index} (hop ${hop}): ${parts.problems.join('; ')}; kept what could be read`,
        locator,
      });
    }
    if (parts.dateText === null) {
      warnings.push({
        code: 'EMAIL_RECEIVED_NO_DATE',
        message: `Received header ${index} (hop ${hop}) has no date after a ";"; the hop keeps its place with no time`,
        locator,
      });
    }
    const t = stampDate(parts.dateText, locator, ctx.options, warnings);
    const flags = [...parts.flags];
    let delaySeconds: number | null | undefined;
    if (hop > 1) {
      delaySeconds = t.instant === null || previous === null ? null : (t.instant - previous) / 1000;
      if (delaySeconds !== null && delaySeconds < 0) flags.push('negative-delay');
    }
    if (t.instant !== null) previous = t.instant;
    if (parts.fromIp !== undefined) for (const fl of ipFlags(parts.fromIp)) flags.push(fl);

    const extra: Record<string, string | number> = {};
    if (parts.fromPort !== undefined) extra.fromPort = parts.fromPort;
    if (parts.fromIdent !== undefined) extra.fromIdent = parts.fromIdent;
    if (parts.heloIp !== undefined) extra.heloIp = parts.heloIp;
    if (parts.byComment !== undefined) extra.byComment = parts.byComment;
    if (parts.via !== undefined) extra.via = parts.via;
    if (parts.envelopeFrom !== undefined) extra.envelopeFrom = parts.envelopeFrom;

    const event: EmailReceivedEvent = {
      type: 'email:received',
      ts: t.ts,
      tsRaw: t.tsRaw,
      zone: t.zone,
      locator,
      hop,
    };
    if (parts.fromHelo !== undefined) event.fromHelo = parts.fromHelo;
    if (parts.fromRdns !== undefined) event.fromRdns = parts.fromRdns;
    if (parts.fromIp !== undefined) event.fromIp = parts.fromIp;
    if (parts.byHost !== undefined) event.byHost = parts.byHost;
    if (parts.with !== undefined) event.with = parts.with;
    if (parts.id !== undefined) event.id = parts.id;
    if (parts.for !== undefined) event.for = parts.for;
    if (delaySeconds !== undefined) event.delaySeconds = delaySeconds;
    const unique_ = unique(flags);
    if (unique_.length > 0) event.flags = unique_.slice(0, 64);
    if (Object.keys(extra).length > 0) event.extra = extra;
    events.push(event);
  }
  return { events, warnings };
}

function messageEvent(
  all: (key: string) => HeaderField[],
  ctx: MessageContext,
  warnings: ParseWarning[],
): EmailMessageEvent {
  const ids = all('message-id');
  const dates = all('date');
  const idField = ids[0];
  const dateField = dates[0];
  const locator: Locator =
    idField !== undefined
      ? headerLocator('Message-ID', 1, idField, ctx)
      : dateField !== undefined
        ? headerLocator('Date', 1, dateField, ctx)
        : { line: ctx.firstLine };

  for (const [list, name] of [
    [ids, 'Message-ID'],
    [dates, 'Date'],
  ] as const) {
    const second = list[1];
    if (second !== undefined) {
      warnings.push({
        code: 'EMAIL_DUPLICATE_HEADER',
        message: `${list.length} ${name} headers in one message; the first is used`,
        locator: headerLocator(name, 2, second, ctx),
      });
    }
  }

  let t: Stamped = { ts: null, tsRaw: '', zone: UNKNOWN_ZONE, instant: null };
  if (dateField !== undefined) {
    const dateLocator = headerLocator('Date', 1, dateField, ctx);
    if (dateField.value.length === 0) {
      warnings.push({
        code: 'EMAIL_DATE_EMPTY',
        message: 'the Date header is empty',
        locator: dateLocator,
      });
    } else {
      t = stampDate(dateField.value, dateLocator, ctx.options, warnings);
    }
  }

  const event: EmailMessageEvent = {
    type: 'email:message',
    ts: t.ts,
    tsRaw: t.tsRaw,
    zone: t.zone,
    locator,
  };
  const extra: Record<string, string> = {};
  const flags: string[] = [];
  if (idField !== undefined && idField.value.length > 0) event.messageId = clip(idField.value);
  if (dateField !== undefined) event.date = t.ts;

  const from = all('from')[0];
  if (from !== undefined && from.value.length > 0) {
    const decoded = decode(from.value);
    event.from = clip(decoded);
    if (decoded !== from.value) extra.fromRaw = clip(from.value);
  }
  const to = all('to');
  if (to.length > 0) event.to = recipients(to);
  const subject = all('subject')[0];
  if (subject !== undefined) {
    const decoded = decode(subject.value);
    event.subject = clip(decoded);
    if (decoded !== subject.value) extra.subjectRaw = clip(subject.value);
  }

  for (const key of ORIGINATING_IP_HEADERS) {
    const field = all(key)[0];
    if (field === undefined) continue;
    const first = (key === 'x-forwarded-for' ? (field.value.split(',')[0] ?? '') : field.value)
      .trim()
      .split(/[ \t]/)[0];
    const ip = readIpText(first ?? '');
    if (ip === null) {
      warnings.push({
        code: 'EMAIL_ORIGINATING_IP_INVALID',
        message: `${field.name}: ${quoteShort(field.value)} is not an IP address`,
        locator: headerLocator(field.name, 1, field, ctx),
      });
      continue;
    }
    event.originatingIp = ip.ip;
    extra.originatingIpHeader = field.name;
    for (const fl of ipFlags(ip.ip)) flags.push(fl);
    break;
  }
  if (flags.length > 0) event.flags = unique(flags);
  if (Object.keys(extra).length > 0) event.extra = extra;
  return event;
}
