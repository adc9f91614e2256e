/**
 * The email parser end to end on synthetic inputs (built below): mbox, CRLF, folding, encoded
 * words, undated and negative-delay hops, originating-IP headers, address flags, header cap,
 * detection. Every run validates every event against the schema.
 */
import { describe, expect, it } from 'vitest';
import type { EventOf, SealcaseEvent } from '../../../../../shared/model';
import { parseAll, parseText, validateParseOptions } from '../../../../../shared/parsers';
import { createEmailStream, emailParser } from '../../../../../shared/parsers/email';

type Received = EventOf<'email:received'>;
type Message = EventOf<'email:message'>;

const hopsOf = (events: SealcaseEvent[]): Received[] =>
  events.filter((e): e is Received => e.type === 'email:received');
const messagesOf = (events: SealcaseEvent[]): Message[] =>
  events.filter((e): e is Message => e.type === 'email:message');

async function run(text: string, options: Record<string, unknown> = {}) {
  const result = await parseAll(emailParser, [text], {
    options: validateParseOptions(options),
    validateEvents: true,
  });
  expect(result.warnings.filter((w) => w.code.startsWith('PARSER_'))).toEqual([]);
  return result;
}

/** A message: Received fields (top first), other fields, a body. */
function message(received: string[], fields: string[], body = 'Hello.\n'): string {
  return [...received.map((r) => `Received: ${r}`), ...fields, '', body].join('\n');
}

const BASIC = message(
  [
    'from mx.example.net (mx.example.net [192.0.2.1]) by mail.example.com (Postfix) with ESMTP id B; Tue, 5 Mar 2024 14:07:12 +0100',
    'from client.example (dsl.example.net [100.64.1.2]) by mx.example.net (Postfix) with ESMTPSA id A; Tue, 5 Mar 2024 13:07:10 +0000',
  ],
  [
    'Message-ID: <abc@example.com>',
    'Date: Tue, 5 Mar 2024 14:07:09 +0100',
    'From: Alice <alice@example.com>',
    'To: Bob <bob@example.net>, carol@example.org',
    'Subject: hello',
    'X-Originating-IP: [203.0.113.5]',
  ],
);

describe('one message', () => {
  it('a message event and one event per hop, hop 1 at the bottom', async () => {
    const { events, warnings } = await run(BASIC);
    expect(warnings).toEqual([]);
    expect(events.map((e) => e.type)).toEqual([
      'email:message',
      'email:received',
      'email:received',
    ]);
    const [m] = messagesOf(events);
    expect(m).toEqual({
      type: 'email:message',
      ts: '2024-03-05T13:07:09.000Z',
      tsRaw: 'Tue, 5 Mar 2024 14:07:09 +0100',
      zone: { source: 'in-band', offset: '+01:00', name: null },
      locator: { header: 'Message-ID', index: 1, line: 3 },
      messageId: '<abc@example.com>',
      date: '2024-03-05T13:07:09.000Z',
      from: 'Alice <alice@example.com>',
      to: ['bob@example.net', 'carol@example.org'],
      subject: 'hello',
      originatingIp: '203.0.113.5',
      flags: ['documentation-ip'],
      extra: { originatingIpHeader: 'X-Originating-IP' },
    });
    const h = hopsOf(events);
    expect(h[0]).toEqual({
      type: 'email:received',
      ts: '2024-03-05T13:07:10.000Z',
      tsRaw: 'Tue, 5 Mar 2024 13:07:10 +0000',
      zone: { source: 'in-band', offset: '+00:00', name: null },
      locator: { header: 'Received', index: 2, line: 2 },
      hop: 1,
      fromHelo: 'client.example',
      fromRdns: 'dsl.example.net',
      fromIp: '100.64.1.2',
      byHost: 'mx.example.net',
      with: 'ESMTPSA',
      id: 'A',
      flags: ['cgn-shared-ip'],
      extra: { byComment: 'Postfix' },
    });
    expect(h[1]).toMatchObject({ hop: 2, delaySeconds: 2, flags: ['documentation-ip'] });
  });

  it('flags private, loopback, link-local and documentation addresses on hops', async () => {
    const text = message(
      [
        'from a (a [10.0.0.1]) by b; Tue, 5 Mar 2024 14:07:13 +0000',
        'from a (a [127.0.0.1]) by b; Tue, 5 Mar 2024 14:07:12 +0000',
        'from a (a [IPv6:fe80::1]) by b; Tue, 5 Mar 2024 14:07:11 +0000',
        'from a (a [2001:db8::1]) by b; Tue, 5 Mar 2024 14:07:10 +0000',
      ],
      ['Subject: x'],
    );
    const h = hopsOf((await run(text)).events);
    expect(h.map((e) => [e.fromIp, e.flags])).toEqual([
      ['2001:db8::1', ['documentation-ip']],
      ['fe80::1', ['link-local-ip']],
      ['127.0.0.1', ['loopback-ip']],
      ['10.0.0.1', ['private-ip']],
    ]);
  });

  it('an undated hop keeps its place; delays skip over it (null for it)', async () => {
    const text = message(
      [
        'from c (c [192.0.2.3]) by d; Tue, 5 Mar 2024 14:00:30 +0000',
        'from b (b [192.0.2.2]) by c with SMTP id 2',
        'from a (a [192.0.2.1]) by b; Tue, 5 Mar 2024 14:00:00 +0000',
      ],
      ['Subject: x'],
    );
    const { events, warnings } = await run(text);
    const h = hopsOf(events);
    expect(h.map((e) => [e.hop, e.ts, e.tsRaw, e.delaySeconds])).toEqual([
      [1, '2024-03-05T14:00:00.000Z', 'Tue, 5 Mar 2024 14:00:00 +0000', undefined],
      [2, null, '', null],
      [3, '2024-03-05T14:00:30.000Z', 'Tue, 5 Mar 2024 14:00:30 +0000', 30],
    ]);
    expect(h[1]?.zone).toEqual({ source: 'unknown', offset: null, name: null });
    expect(h[1]?.fromIp).toBe('192.0.2.2');
    expect(warnings.map((w) => [w.code, w.locator])).toEqual([
      ['EMAIL_RECEIVED_NO_DATE', { header: 'Received', index: 2, line: 2 }],
    ]);
  });

  it('an unreadable hop date: ts null, a TIME_ warning, delay null after it', async () => {
    const text = message(
      [
        'from c by d; Tue, 5 Mar 2024 14:00:30 +0000',
        'from b by c; Tue, 5 Mar 2024 14:00:20 CEST',
        'from a by b; yesterday at noon',
      ],
      ['Subject: x'],
    );
    const { events, warnings } = await run(text);
    const h = hopsOf(events);
    expect(h.map((e) => [e.ts, e.delaySeconds])).toEqual([
      [null, undefined],
      [null, null],
      ['2024-03-05T14:00:30.000Z', null],
    ]);
    expect(warnings.map((w) => w.code)).toEqual([
      'TIME_UNPARSEABLE',
      'TIME_ABBREVIATION_UNRESOLVED',
    ]);
    expect(warnings[0]?.locator).toEqual({ header: 'Received', index: 3, line: 3 });
  });

  it('a negative delay is kept and flagged', async () => {
    const text = message(
      [
        'from b (b [192.0.2.2]) by c; Tue, 5 Mar 2024 13:59:00 +0000',
        'from a (a [192.0.2.1]) by b; Tue, 5 Mar 2024 15:00:00 +0100',
      ],
      ['Subject: x'],
    );
    const h = hopsOf((await run(text)).events);
    expect(h[1]?.delaySeconds).toBe(-60);
    expect(h[1]?.flags).toEqual(['negative-delay', 'documentation-ip']);
  });

  it('a malformed Received gives an event with what could be read and a warning', async () => {
    const text = message(['junk words (b [192.0.2.9] by c; Tue, 5 Mar 2024 14:00:00 +0000'], []);
    const { events, warnings } = await run(text);
    const [h] = hopsOf(events);
    expect(h?.ts).toBe('2024-03-05T14:00:00.000Z');
    expect(warnings.map((w) => w.code)).toEqual(['EMAIL_RECEIVED_MALFORMED']);
    expect(warnings[0]?.message).toContain('a comment is not closed');
    expect(warnings[0]?.locator).toEqual({ header: 'Received', index: 1, line: 1 });
  });

  it('no Date header: ts null, tsRaw "", date absent; locator falls back', async () => {
    const { events } = await run('From: a@example.com\nSubject: x\n\nbody\n');
    const [m] = messagesOf(events);
    expect(m).toEqual({
      type: 'email:message',
      ts: null,
      tsRaw: '',
      zone: { source: 'unknown', offset: null, name: null },
      locator: { line: 1 },
      from: 'a@example.com',
      subject: 'x',
    });
  });

  it('a Date with no zone is not read as UTC; --assume-zone resolves it', async () => {
    const text = 'Date: Tue, 5 Mar 2024 14:07:09\nSubject: x\n';
    const plain = await run(text);
    expect(messagesOf(plain.events)[0]).toMatchObject({ ts: null, date: null });
    expect(plain.warnings.map((w) => [w.code, w.locator])).toEqual([
      ['TIME_NO_ZONE', { header: 'Date', index: 1, line: 1 }],
    ]);
    const declared = await run(text, { assumeZone: 'Europe/Tallinn' });
    expect(messagesOf(declared.events)[0]?.date).toBe('2024-03-05T12:07:09.000Z');
  });
});

describe('header syntax', () => {
  it('CRLF line ends and folded fields give the same events as LF', async () => {
    const folded = [
      'Received: from a.example (a.example',
      '\t[192.0.2.1]) by b.example',
      '    with ESMTP id X; Tue, 5 Mar 2024',
      ' 14:07:09 +0100',
      'Subject: folded',
      '  subject',
      '',
      'body',
    ].join('\n');
    const lf = await run(folded);
    const crlf = await run(folded.replaceAll('\n', '\r\n'));
    expect(crlf.events).toEqual(lf.events);
    const [h] = hopsOf(lf.events);
    expect(h).toMatchObject({
      fromIp: '192.0.2.1',
      with: 'ESMTP',
      id: 'X',
      ts: '2024-03-05T13:07:09.000Z',
      tsRaw: 'Tue, 5 Mar 2024 14:07:09 +0100',
    });
    expect(messagesOf(lf.events)[0]?.subject).toBe('folded  subject');
  });

  it('decodes RFC 2047 words in Subject and From, keeping the raw form in extra', async () => {
    const text = [
      'From: =?UTF-8?B?SsO8cmdlbg==?= <j@example.de>',
      'Subject: =?ISO-8859-1?Q?Gr=FC=DFe?= aus =?UTF-8?Q?K=C3=B6ln?=',
      '',
    ].join('\n');
    const [m] = messagesOf((await run(text)).events);
    expect(m?.from).toBe('Jürgen <j@example.de>');
    expect(m?.subject).toBe('Grüße aus Köln');
    expect(m?.extra).toEqual({
      fromRaw: '=?UTF-8?B?SsO8cmdlbg==?= <j@example.de>',
      subjectRaw: '=?ISO-8859-1?Q?Gr=FC=DFe?= aus =?UTF-8?Q?K=C3=B6ln?=',
    });
  });

  it('a pasted block that lost its folding: continuation read, warned', async () => {
    const text = [
      'Received: from a (a [192.0.2.1]) by b with SMTP id Q; Tue, 5 Mar 2024',
      '16:20:05 -0400',
      'Subject: x',
    ].join('\n');
    const { events, warnings } = await run(text);
    expect(hopsOf(events)[0]?.ts).toBe('2024-03-05T20:20:05.000Z');
    expect(warnings.map((w) => [w.code, w.locator])).toEqual([
      ['EMAIL_LINE_NOT_A_HEADER', { line: 2 }],
    ]);
  });

  it('text before the header block is skipped with one warning', async () => {
    const text =
      '--- Original headers ---\nplease see below\n\nReceived: from a (a [192.0.2.1]) by b; Tue, 5 Mar 2024 14:00:00 +0000\n';
    const { events, warnings } = await run(text);
    expect(hopsOf(events)).toHaveLength(1);
    expect(warnings.map((w) => [w.code, w.locator])).toEqual([
      ['EMAIL_TEXT_BEFORE_HEADERS', { line: 1 }],
    ]);
  });

  it('originating-IP variants: X-Forwarded-For first entry, Exchange original client IP, IPv6', async () => {
    const xff = await run('X-Forwarded-For: 198.51.100.7, 10.0.0.1\nSubject: x\n');
    expect(messagesOf(xff.events)[0]).toMatchObject({
      originatingIp: '198.51.100.7',
      extra: { originatingIpHeader: 'X-Forwarded-For' },
    });
    const ms = await run(
      'x-ms-exchange-organization-originalclientipaddress: 2001:DB8::0:1\nX-Client-IP: 192.0.2.9\n',
    );
    expect(messagesOf(ms.events)[0]).toMatchObject({
      originatingIp: '2001:db8::1',
      extra: { originatingIpHeader: 'x-ms-exchange-organization-originalclientipaddress' },
    });
    const bad = await run('X-Originating-IP: nonsense\nX-Client-IP: [192.168.1.4]\n');
    expect(messagesOf(bad.events)[0]).toMatchObject({
      originatingIp: '192.168.1.4',
      flags: ['private-ip'],
    });
    expect(bad.warnings.map((w) => w.code)).toEqual(['EMAIL_ORIGINATING_IP_INVALID']);
  });

  it('To with a group and encoded display names gives the addresses', async () => {
    const text = 'To: team: a@example.com, =?UTF-8?Q?B=C3=B6b?= <b@example.com>;, c@example.com\n';
    expect(messagesOf((await run(text)).events)[0]?.to).toEqual([
      'a@example.com',
      'b@example.com',
      'c@example.com',
    ]);
  });
});

describe('mbox', () => {
  const MBOX = [
    'From alice@example.com Tue Mar  5 14:07:09 2024',
    'Received: from a (a [192.0.2.1]) by b; Tue, 5 Mar 2024 14:07:09 +0000',
    'Message-ID: <one@example.com>',
    '',
    'First body.',
    '>From the desk of nobody',
    'Received: from z (z [192.0.2.99]) by z; Tue, 5 Mar 2024 14:07:09 +0000',
    '',
    'From bob@example.org Tue Mar  5 15:07:09 2024',
    'Received: from c (c [192.0.2.3]) by d; Tue, 5 Mar 2024 15:07:09 +0000',
    'Received: from e (e [192.0.2.5]) by c; Tue, 5 Mar 2024 15:07:08 +0000',
    'Message-ID: <two@example.org>',
    '',
    'Second body.',
    'From carol@example.net Tue Mar  5 16:07:09 2024',
    'Subject: third, no blank line after the headers',
  ].join('\n');

  it('several messages, numbered in the locators; bodies never parsed', async () => {
    const { events, warnings } = await run(MBOX);
    expect(warnings).toEqual([]);
    expect(events.map((e) => [e.type, e.locator])).toEqual([
      ['email:message', { header: 'Message-ID', index: 1, message: 1, line: 3 }],
      ['email:received', { header: 'Received', index: 1, message: 1, line: 2 }],
      ['email:message', { header: 'Message-ID', index: 1, message: 2, line: 12 }],
      ['email:received', { header: 'Received', index: 2, message: 2, line: 11 }],
      ['email:received', { header: 'Received', index: 1, message: 2, line: 10 }],
      ['email:message', { line: 16 }],
    ]);
    expect(hopsOf(events).map((e) => e.fromIp)).toEqual(['192.0.2.1', '192.0.2.5', '192.0.2.3']);
  });

  it('an mbox message with no header fields is reported', async () => {
    const text = 'From a@example.com Tue Mar  5 14:07:09 2024\n\nbody only\n';
    const { events, warnings } = await run(text);
    expect(events).toEqual([]);
    expect(warnings.map((w) => [w.code, w.locator])).toEqual([
      ['EMAIL_MESSAGE_EMPTY', { line: 1 }],
      ['EMAIL_NO_HEADERS', null],
    ]);
  });
});

describe('bounds', () => {
  it('a header block over the cap: fields before it kept, the rest skipped, one warning', () => {
    const stream = createEmailStream('email', {}, { maxLineLength: 1 << 20 }, 200);
    const text = [
      'Received: from a (a [192.0.2.1]) by b; Tue, 5 Mar 2024 14:00:00 +0000',
      `X-Filler: ${'x'.repeat(300)}`,
      'Received: from c (c [192.0.2.3]) by d; Tue, 5 Mar 2024 14:00:00 +0000',
      '',
      'body',
    ].join('\n');
    const a = stream.push(text);
    const b = stream.end();
    const events = [...a.events, ...b.events];
    const warnings = [...a.warnings, ...b.warnings];
    expect(hopsOf(events).map((e) => e.fromIp)).toEqual(['192.0.2.1']);
    expect(warnings.map((w) => [w.code, w.locator])).toEqual([
      ['EMAIL_HEADER_TOO_LARGE', { line: 2 }],
    ]);
  });

  it('the body is not buffered: a long body costs no events and no warnings', () => {
    const body = 'x'.repeat(1000) + '\n';
    const chunks = ['Subject: x\n\n', ...Array.from({ length: 2000 }, () => body)];
    const { events, warnings } = parseText(emailParser, chunks, { validateEvents: true });
    expect(events).toHaveLength(1);
    expect(warnings).toEqual([]);
  });
});

describe('detect', () => {
  const d = (head: string, fileName?: string) =>
    emailParser.detect(fileName === undefined ? { head } : { head, fileName });

  it('high for header blocks and mbox, medium for a name alone, low for other text', () => {
    expect(d(BASIC)).toBeGreaterThanOrEqual(0.9);
    expect(
      d('Return-Path: <a@b>\nReceived: from x by y; Tue, 5 Mar 2024 14:00:00 +0000\n'),
    ).toBeGreaterThanOrEqual(0.9);
    expect(
      d('From a@b Tue Mar  5 14:07:09 2024\nReceived: from x by y\nSubject: s\n'),
    ).toBeGreaterThanOrEqual(0.9);
    expect(
      d('Date: Tue, 5 Mar 2024 14:07:09 +0100\nFrom: a@b\nTo: c@d\nSubject: x\n'),
    ).toBeGreaterThanOrEqual(0.9);
    expect(d('hello world\n', 'mail.eml')).toBeGreaterThanOrEqual(0.5);
    expect(d('hello world\n', 'mail.eml')).toBeLessThan(0.9);
    expect(
      d('192.0.2.1 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 2326\n'),
    ).toBeLessThan(0.5);
    expect(
      d('Mar  5 14:07:09 host sshd[123]: Accepted password for root from 192.0.2.1\n'),
    ).toBeLessThan(0.5);
    expect(d('ip,port,time\n192.0.2.1,80,2024-03-05T14:00:00Z\n')).toBeLessThan(0.5);
    expect(d('')).toBeLessThan(0.5);
  });
});
