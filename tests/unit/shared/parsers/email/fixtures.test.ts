/**
 * Real messages from the SpamAssassin test data (tests/fixtures/email/README.md). Every value
 * below was read off the header text by hand; hop 1 is the bottom Received field.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { EventOf, SealcaseEvent } from '../../../../../shared/model';
import { parseAll } from '../../../../../shared/parsers';
import { emailParser } from '../../../../../shared/parsers/email';

const DIR = fileURLToPath(new URL('../../../../fixtures/email/spamassassin/', import.meta.url));

function read(name: string): string {
  return readFileSync(DIR + name, 'utf8');
}

async function run(name: string) {
  const result = await parseAll(emailParser, [read(name)], {
    fileName: name,
    validateEvents: true,
  });
  const invalid = result.warnings.filter((w) => w.code === 'PARSER_EVENT_INVALID');
  expect(invalid).toEqual([]);
  return result;
}

function hops(events: SealcaseEvent[]): EventOf<'email:received'>[] {
  return events.filter((e): e is EventOf<'email:received'> => e.type === 'email:received');
}

function message(events: SealcaseEvent[]): EventOf<'email:message'> {
  const m = events.find((e): e is EventOf<'email:message'> => e.type === 'email:message');
  if (m === undefined) throw new Error('no message event');
  return m;
}

describe('SpamAssassin nice/002 (7 hops: webmail, sendmail, Exim, Postfix, fetchmail)', () => {
  it('message fields', async () => {
    const { events } = await run('nice-002.eml');
    const m = message(events);
    expect(m).toMatchObject({
      messageId: '<1896.144.137.3.98.1007630466.squirrel@jmason.org>',
      date: '2001-12-06T09:21:06.000Z',
      ts: '2001-12-06T09:21:06.000Z',
      tsRaw: 'Thu, 6 Dec 2001 09:21:06 -0000 (GMT)',
      zone: { source: 'in-band', offset: '-00:00', name: null },
      from: '"Whitelist Nonspam Testing" <whitelist_test@whitelist.spamassassin.taint.org>',
      to: ['craig@hughes-family.org'],
      subject: 'Re: [SAtalk] auto-whitelisting order',
      locator: { header: 'Message-ID', index: 1, line: 23 },
    });
  });

  it('each hop, hand-checked', async () => {
    const { events } = await run('nice-002.eml');
    const h = hops(events);
    expect(h.map((e) => [e.hop, e.locator])).toEqual([
      [1, { header: 'Received', index: 7, line: 21 }],
      [2, { header: 'Received', index: 6, line: 17 }],
      [3, { header: 'Received', index: 5, line: 13 }],
      [4, { header: 'Received', index: 4, line: 10 }],
      [5, { header: 'Received', index: 3, line: 7 }],
      [6, { header: 'Received', index: 2, line: 4 }],
      [7, { header: 'Received', index: 1, line: 1 }],
    ]);
    const pick = (e: EventOf<'email:received'>) => ({
      fromHelo: e.fromHelo,
      fromRdns: e.fromRdns,
      fromIp: e.fromIp,
      byHost: e.byHost,
      ts: e.ts,
      delaySeconds: e.delaySeconds,
    });
    expect(h.map(pick)).toEqual([
      // from 144.137.3.98 (SquirrelMail authenticated user jmmail) by jmason.org with HTTP
      {
        fromHelo: undefined,
        fromRdns: undefined,
        fromIp: '144.137.3.98',
        byHost: 'jmason.org',
        ts: '2001-12-06T09:21:06.000Z',
        delaySeconds: undefined,
      },
      // (from apache@localhost) by dogma.slashnull.org
      {
        fromHelo: undefined,
        fromRdns: undefined,
        fromIp: undefined,
        byHost: 'dogma.slashnull.org',
        ts: '2001-12-06T09:21:07.000Z',
        delaySeconds: 1,
      },
      // from dogma.slashnull.org ([212.17.35.15]) by usw-sf-list1… with esmtp (Exim …)
      {
        fromHelo: undefined,
        fromRdns: 'dogma.slashnull.org',
        fromIp: '212.17.35.15',
        byHost: 'usw-sf-list1.sourceforge.net',
        ts: '2001-12-06T09:21:15.000Z',
        delaySeconds: 8,
      },
      // from localhost ([127.0.0.1] helo=usw-sf-list1.sourceforge.net) … (Exim …)
      {
        fromHelo: 'usw-sf-list1.sourceforge.net',
        fromRdns: 'localhost',
        fromIp: '127.0.0.1',
        byHost: 'usw-sf-list1.sourceforge.net',
        ts: '2001-12-06T09:22:01.000Z',
        delaySeconds: 46,
      },
      // from usw-sf-list1.sourceforge.net (usw-sf-fw2.sourceforge.net [216.136.171.252])
      {
        fromHelo: 'usw-sf-list1.sourceforge.net',
        fromRdns: 'usw-sf-fw2.sourceforge.net',
        fromIp: '216.136.171.252',
        byHost: 'dogma.slashnull.org',
        ts: '2001-12-06T09:22:34.000Z',
        delaySeconds: 33,
      },
      // from dogma.slashnull.org [212.17.35.15] by localhost with IMAP (fetchmail-5.7.4)
      {
        fromHelo: 'dogma.slashnull.org',
        fromRdns: undefined,
        fromIp: '212.17.35.15',
        byHost: 'localhost',
        ts: '2001-12-06T23:47:44.000Z',
        delaySeconds: 51910,
      },
      // from localhost (localhost.localdomain [127.0.0.1]) by stinkpad.jmason.org (Postfix)
      {
        fromHelo: 'localhost',
        fromRdns: 'localhost.localdomain',
        fromIp: '127.0.0.1',
        byHost: 'stinkpad.jmason.org',
        ts: '2001-12-06T23:47:43.000Z',
        delaySeconds: -1,
      },
    ]);
    expect(h[0]?.with).toBe('HTTP');
    expect(h[0]?.flags).toEqual(['authenticated']);
    expect(h[5]?.with).toBe('IMAP');
    expect(h[5]?.for).toBe('jm@localhost');
    // A real negative delay: the Postfix hop's clock is one second behind fetchmail's.
    expect(h[6]?.flags).toEqual(['negative-delay', 'loopback-ip']);
    expect(h[3]?.flags).toEqual(['loopback-ip']);
  });
});

describe('SpamAssassin nice/cjk/iso-2022-jp.1 (mbox, qmail, sendmail ident)', () => {
  it('qmail and sendmail hops', async () => {
    const { events, warnings } = await run('nice-cjk-iso-2022-jp.1.eml');
    const h = hops(events);
    expect(h).toHaveLength(8);
    // Received: from unknown (HELO lune.stained-g) (202.214.129.125) by stained-g.net with SMTP
    expect(h[0]).toMatchObject({
      hop: 1,
      fromHelo: 'lune.stained-g',
      fromIp: '202.214.129.125',
      byHost: 'stained-g.net',
      with: 'SMTP',
      ts: '2002-12-16T14:08:43.000Z',
      locator: { header: 'Received', index: 8, message: 1, line: 21 },
    });
    expect(h[0]?.fromRdns).toBeUndefined();
    // Received: from mpehp1.mpe-garching.mpg.de (root@130.183.70.10) by o05.xray.mpe.mpg.de
    expect(h[6]).toMatchObject({
      hop: 7,
      fromHelo: 'mpehp1.mpe-garching.mpg.de',
      fromIp: '130.183.70.10',
      byHost: 'o05.xray.mpe.mpg.de',
      extra: { fromIdent: 'root' },
      ts: '2002-12-16T14:31:36.000Z',
      delaySeconds: 2,
    });
    // Received: (qmail 18769 invoked from network); 16 Dec 2002 14:31:36 -0000
    expect(h[7]).toMatchObject({ hop: 8, flags: ['qmail-local'], delaySeconds: 0 });
    expect(h.map((e) => e.delaySeconds)).toEqual([undefined, 0, 0, 1, 3, 1367, 2, 0]);
    expect(warnings.filter((w) => w.code.startsWith('EMAIL_'))).toEqual([]);
    const m = message(events);
    expect(m.locator).toEqual({ header: 'Message-ID', index: 1, message: 1, line: 24 });
    expect(m.date).toBe('2002-12-16T14:07:49.000Z');
  });
});

describe('SpamAssassin nice/mime9 (mbox; forwarded messages in the body are not hops)', () => {
  it('reads only the three Received fields of the header block', async () => {
    const { events } = await run('nice-mime9.eml');
    const h = hops(events);
    expect(h).toHaveLength(3);
    // Received: from [205.188.139.136] (helo=imo-d20.mx.aol.com) by server11… (Exim 4.24)
    expect(h[1]).toMatchObject({
      hop: 2,
      fromIp: '205.188.139.136',
      fromHelo: 'imo-d20.mx.aol.com',
      byHost: 'server11.arteryserver11.net',
      with: 'esmtp',
      id: '1AtWef-0007Y2-44',
      for: 'user@example.com',
      ts: '2004-02-18T18:42:41.000Z',
      locator: { header: 'Received', index: 2, message: 1, line: 8 },
    });
    expect(h[1]?.fromRdns).toBeUndefined();
    // Received: from user@aol.com by imo-d20.mx.aol.com … (EST): no address in it.
    expect(h[0]?.fromIp).toBeUndefined();
    expect(h[0]?.ts).toBe('2004-02-18T18:42:23.000Z');
    // The Date header says "EST" without an offset: EST is a fixed RFC 5322 zone (-0500).
    expect(message(events).date).toBe('2004-02-18T18:42:22.000Z');
  });
});

describe('SpamAssassin spam/dmarc/noneko.eml (IPv6 hops)', () => {
  it('Postfix IPv6 literal and a Gmail ESMTPSA hop', async () => {
    const { events, warnings } = await run('spam-dmarc-noneko.eml');
    const h = hops(events);
    // Received: from PC ([2409:4063:231e:c527:1997:664a:34e5:7d88]) by smtp.gmail.com with ESMTPSA
    expect(h[0]).toMatchObject({
      hop: 1,
      fromHelo: 'PC',
      fromIp: '2409:4063:231e:c527:1997:664a:34e5:7d88',
      byHost: 'smtp.gmail.com',
      with: 'ESMTPSA',
      for: '<test@dmarc1.spamassassin.org>',
      ts: '2021-06-15T09:55:43.000Z',
    });
    // Received: from mail-pf1-x432.google.com (mail-pf1-x432.google.com [IPv6:2607:f8b0:4864:20::432])
    expect(h[1]).toMatchObject({
      hop: 2,
      fromHelo: 'mail-pf1-x432.google.com',
      fromRdns: 'mail-pf1-x432.google.com',
      fromIp: '2607:f8b0:4864:20::432',
      byHost: 'dmarc1.spamassassin.org',
      with: 'ESMTPS',
      id: 'EDD4E2073D',
      ts: '2021-06-15T09:55:45.000Z',
      delaySeconds: 2,
    });
    // Two Message-ID fields in this sample: the first is used, the second reported.
    expect(message(events).messageId).toBe(
      '<1076436841.67074.8fa05ccdc458abe5.1446041b@persist.google.com>',
    );
    expect(warnings.map((w) => [w.code, w.locator])).toEqual([
      ['EMAIL_DUPLICATE_HEADER', { header: 'Message-ID', index: 2, line: 16 }],
    ]);
  });
});
