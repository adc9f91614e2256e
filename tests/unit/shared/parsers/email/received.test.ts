/**
 * The Received parser on one synthetic header per MTA form (formats.md §1; addresses from the
 * documentation ranges unless the form needs a real provider prefix). Each expectation was written
 * by hand from the MTA's documented format, not copied from the parser's output.
 */
import { describe, expect, it } from 'vitest';
import { parseReceived, type ReceivedParts } from '../../../../../shared/parsers/email';

const DATE = 'Tue, 5 Mar 2024 14:07:09 +0100';

/** The fields a test cares about (problems/flags checked separately when relevant). */
function fields(value: string): Omit<ReceivedParts, 'problems' | 'flags'> {
  const { problems: _p, flags: _f, ...rest } = parseReceived(value);
  return rest;
}

describe('parseReceived: MTA forms', () => {
  it('Postfix: HELO, rDNS and IP from the TCP-info, by, with, id, for', () => {
    expect(
      fields(
        `from mail.example.org (mail.example.org [192.0.2.10]) by mx.example.net (Postfix) with ESMTPS id 4AbCdE for <bob@example.net>; ${DATE} (CET)`,
      ),
    ).toEqual({
      fromHelo: 'mail.example.org',
      fromRdns: 'mail.example.org',
      fromIp: '192.0.2.10',
      byHost: 'mx.example.net',
      byComment: 'Postfix',
      with: 'ESMTPS',
      id: '4AbCdE',
      for: '<bob@example.net>',
      dateText: `${DATE} (CET)`,
    });
  });

  it('Postfix: "unknown" is no rDNS; IPv6 literal normalised', () => {
    const p = fields(
      `from HELO-NAME (unknown [IPv6:2001:DB8:0:0:0:0:0:1]) by mx.example.net (Postfix) with ESMTP id 1; ${DATE}`,
    );
    expect(p.fromHelo).toBe('HELO-NAME');
    expect(p.fromRdns).toBeUndefined();
    expect(p.fromIp).toBe('2001:db8::1');
  });

  it('Postfix local submission: no from clause', () => {
    const p = parseReceived(`by mx.example.net (Postfix, from userid 1001) id 4F1; ${DATE}`);
    expect(p.fromIp).toBeUndefined();
    expect(p.byHost).toBe('mx.example.net');
    expect(p.id).toBe('4F1');
    expect(p.flags).toContain('local-submission');
    expect(p.problems).toEqual([]);
  });

  it('sendmail: ident user@host, (may be forged) nested', () => {
    const p = parseReceived(
      `from client.example (user@host.example.org [203.0.113.9] (may be forged)) by mx.example.net (8.14.7/8.14.7) with ESMTP id x1ABC; ${DATE}`,
    );
    expect(p.fromHelo).toBe('client.example');
    expect(p.fromRdns).toBe('host.example.org');
    expect(p.fromIp).toBe('203.0.113.9');
    expect(p.fromIdent).toBe('user');
    expect(p.byComment).toBe('8.14.7/8.14.7');
    expect(p.flags).toContain('rdns-may-be-forged');
  });

  it('sendmail local: (from user@localhost) is not a from clause', () => {
    const p = parseReceived(
      `(from apache@localhost) by dogma.example.org (8.11.6/8.11.6) id fB69L7c12619; ${DATE}`,
    );
    expect(p.fromIp).toBeUndefined();
    expect(p.fromHelo).toBeUndefined();
    expect(p.byHost).toBe('dogma.example.org');
    expect(p.flags).toContain('local-submission');
    expect(p.problems).toEqual([]);
  });

  it('Exim 4: rDNS first, [ip]:port and helo= in the comment', () => {
    expect(
      fields(
        `from host.example.org ([203.0.113.20]:53412 helo=fake.example) by mx.example.net with esmtps (TLS1.3) tls TLS_AES_256_GCM_SHA384 (Exim 4.96) (envelope-from <a@example.org>) id 1rA2b3-000Xyz-0A for bob@example.net; ${DATE}`,
      ),
    ).toEqual({
      fromHelo: 'fake.example',
      fromRdns: 'host.example.org',
      fromIp: '203.0.113.20',
      fromPort: 53412,
      byHost: 'mx.example.net',
      with: 'esmtps',
      envelopeFrom: '<a@example.org>',
      id: '1rA2b3-000Xyz-0A',
      for: 'bob@example.net',
      dateText: DATE,
    });
  });

  it('Exim 4 without rDNS: [ip] first, port= and helo= in the comment', () => {
    const p = fields(
      `from [203.0.113.21] (port=40000 helo=client.example) by mx.example.net with esmtp (Exim 4.96) id 1rA2b3-000Xyz-0B; ${DATE}`,
    );
    expect(p.fromIp).toBe('203.0.113.21');
    expect(p.fromPort).toBe(40000);
    expect(p.fromHelo).toBe('client.example');
    expect(p.fromRdns).toBeUndefined();
    expect(p.heloIp).toBeUndefined();
  });

  it('Exim 3: host (helo) [ip]', () => {
    const p = fields(
      `from murphy.example.org (claimed.example) [192.0.2.134] by master.example.org with esmtp (Exim 3.12 1 (Debian)) id 18i3AB-0003La-00; ${DATE}`,
    );
    expect(p.fromRdns).toBe('murphy.example.org');
    expect(p.fromHelo).toBe('claimed.example');
    expect(p.fromIp).toBe('192.0.2.134');
  });

  it('qmail: from rdns (HELO helo) (ident@ip)', () => {
    expect(
      fields(
        'from unknown (HELO mail.example.org) (192.0.2.33) by mx.example.net with SMTP; 24 Aug 2014 16:13:38 -0000',
      ),
    ).toEqual({
      fromHelo: 'mail.example.org',
      fromIp: '192.0.2.33',
      byHost: 'mx.example.net',
      with: 'SMTP',
      dateText: '24 Aug 2014 16:13:38 -0000',
    });
    const p = fields(
      'from host.example.org (HELO claimed.example) (user@192.0.2.34) by mx.example.net with SMTP; 24 Aug 2014 16:13:38 -0000',
    );
    expect(p.fromRdns).toBe('host.example.org');
    expect(p.fromHelo).toBe('claimed.example');
    expect(p.fromIp).toBe('192.0.2.34');
    expect(p.fromIdent).toBe('user');
  });

  it('qmail: "invoked by uid" and "invoked from network" are dated hops without clauses', () => {
    for (const v of [
      '(qmail 1234 invoked by uid 500); 24 Aug 2014 16:13:38 -0000',
      '(qmail 10876 invoked from network); 24 Aug 2014 16:13:38 -0000',
    ]) {
      const p = parseReceived(v);
      expect(p.dateText).toBe('24 Aug 2014 16:13:38 -0000');
      expect(p.problems).toEqual([]);
      expect(p.flags).toEqual(['qmail-local']);
      expect(p.fromIp).toBeUndefined();
    }
  });

  it('Exchange SMTPSVC: mail pickup service and an internal hop', () => {
    const pickup = parseReceived(
      'from mail pickup service by EXCH01.corp.example with Microsoft SMTPSVC; Mon, 4 Mar 2024 10:00:00 +0100',
    );
    expect(pickup.fromHelo).toBeUndefined();
    expect(pickup.flags).toContain('mail-pickup');
    expect(pickup.byHost).toBe('EXCH01.corp.example');
    expect(pickup.with).toBe('Microsoft SMTPSVC');
    const internal = fields(
      'from EXCH02.corp.example ([10.1.2.3]) by EXCH01.corp.example with Microsoft SMTPSVC(6.0.3790.4675); Mon, 4 Mar 2024 10:00:01 +0100',
    );
    expect(internal.fromHelo).toBe('EXCH02.corp.example');
    expect(internal.fromIp).toBe('10.1.2.3');
    expect(internal.with).toBe('Microsoft SMTPSVC');
  });

  it('Exchange 2010+ / Outlook.com: bare IPv6 in the comment, via Frontend Transport', () => {
    expect(
      fields(
        'from AM6PR02MB4567.eurprd02.prod.outlook.com (2603:10a6:20b:d0::15) by AM6PR02MB1234.eurprd02.prod.outlook.com (2603:10a6:20b:8c::12) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.7362.17 via Frontend Transport; Tue, 5 Mar 2024 13:07:09 +0000',
      ),
    ).toEqual({
      fromHelo: 'AM6PR02MB4567.eurprd02.prod.outlook.com',
      fromIp: '2603:10a6:20b:d0::15',
      byHost: 'AM6PR02MB1234.eurprd02.prod.outlook.com',
      byComment: '2603:10a6:20b:8c::12',
      with: 'Microsoft SMTP Server',
      id: '15.20.7362.17',
      via: 'Frontend Transport',
      dateText: 'Tue, 5 Mar 2024 13:07:09 +0000',
    });
    const ex = fields(
      'from EXCH01.corp.example (10.1.2.3) by EXCH02.corp.example (10.1.2.4) with Microsoft SMTP Server (TLS) id 14.3.123.3; Tue, 5 Mar 2024 14:07:09 +0100',
    );
    expect(ex.fromIp).toBe('10.1.2.3');
    expect(ex.id).toBe('14.3.123.3');
  });

  it('Outlook.com MAPI hop: link-local IPv6 literal', () => {
    const p = fields(
      'from AM6PR02MB4567.eurprd02.prod.outlook.com ([fe80::1234:5678:9abc:def0]) by AM6PR02MB4567.eurprd02.prod.outlook.com ([fe80::1234:5678:9abc:def0%5]) with mapi id 15.20.7362.019; Tue, 5 Mar 2024 13:07:08 +0000',
    );
    expect(p.fromIp).toBe('fe80::1234:5678:9abc:def0');
    expect(p.with).toBe('mapi');
  });

  it('Gmail: rDNS with a root dot, Google Transport Security; internal "by 2002:…" hop', () => {
    const p = fields(
      'from mail-sor-f41.google.com (mail-sor-f41.google.com. [209.85.220.41]) by mx.google.com with SMTPS id a1sor123456lfb.12.2024.03.05.05.07.09 for <bob@example.net> (Google Transport Security); Tue, 05 Mar 2024 05:07:09 -0800 (PST)',
    );
    expect(p.fromRdns).toBe('mail-sor-f41.google.com');
    expect(p.fromIp).toBe('209.85.220.41');
    expect(p.for).toBe('<bob@example.net>');
    expect(p.dateText).toBe('Tue, 05 Mar 2024 05:07:09 -0800 (PST)');
    const internal = parseReceived(
      'by 2002:a05:6a10:a0d1:b0:4f2:1234:5678 with SMTP id k17csp123456pxa; Tue, 5 Mar 2024 05:07:10 -0800 (PST)',
    );
    expect(internal.byHost).toBe('2002:a05:6a10:a0d1:b0:4f2:1234:5678');
    expect(internal.fromIp).toBeUndefined();
    expect(internal.problems).toEqual([]);
  });

  it('webmail: the client address written as the from-domain of an HTTP hop', () => {
    expect(
      parseReceived(
        'from 144.137.3.98 (SquirrelMail authenticated user jmmail) by jmason.org with HTTP; Thu, 6 Dec 2001 09:21:06 -0000 (GMT)',
      ).fromIp,
    ).toBe('144.137.3.98');
    expect(
      fields(
        'from [198.51.100.44] by web12345.mail.example.com via HTTP; Tue, 05 Mar 2024 05:07:09 PST',
      ).fromIp,
    ).toBe('198.51.100.44');
    const rc = fields(
      'from 203.0.113.77 ([203.0.113.77]) by webmail.example.org with HTTP (HTTP/1.1 POST); Tue, 05 Mar 2024 14:07:09 +0100',
    );
    expect(rc.fromIp).toBe('203.0.113.77');
    expect(rc.with).toBe('HTTP');
  });

  it('fetchmail / IMAP pickup: host [ip] by localhost', () => {
    expect(
      fields(
        'from imap.example.org [192.0.2.50] by localhost with IMAP (fetchmail-6.4.37) for <me@localhost> (single-drop); Tue, 05 Mar 2024 14:07:09 +0100',
      ),
    ).toEqual({
      fromHelo: 'imap.example.org',
      fromIp: '192.0.2.50',
      byHost: 'localhost',
      with: 'IMAP',
      for: '<me@localhost>',
      dateText: 'Tue, 05 Mar 2024 14:07:09 +0100',
    });
  });
});

describe('parseReceived: addresses, ports, nesting', () => {
  it('ports: [ip]:port and (ip:port)', () => {
    const a = fields(`from relay.example ([192.0.2.60]:2525) by mx.example; ${DATE}`);
    expect([a.fromIp, a.fromPort]).toEqual(['192.0.2.60', 2525]);
    const b = fields(`from relay.example (192.0.2.61:25) by mx.example; ${DATE}`);
    expect([b.fromIp, b.fromPort]).toEqual(['192.0.2.61', 25]);
  });

  it('nested comments do not confuse the clauses', () => {
    const p = fields(
      `from a.example (b.example [192.0.2.70] (note (deeper (deepest) by x) with y)) by c.example with SMTP id Q; ${DATE}`,
    );
    expect(p.fromIp).toBe('192.0.2.70');
    expect(p.fromRdns).toBe('b.example');
    expect(p.byHost).toBe('c.example');
    expect(p.with).toBe('SMTP');
    expect(p.id).toBe('Q');
  });

  it('never takes fromIp from the HELO: an address literal HELO is kept apart', () => {
    const claimed = fields(
      `from [8.8.8.8] (dyn.example.net [203.0.113.90]) by mx.example; ${DATE}`,
    );
    expect(claimed.fromIp).toBe('203.0.113.90');
    expect(claimed.fromHelo).toBe('[8.8.8.8]');
    expect(claimed.heloIp).toBe('8.8.8.8');
    const only = fields(`from [192.0.2.80] by mx.example with SMTP; ${DATE}`);
    expect(only.fromIp).toBeUndefined();
    expect(only.heloIp).toBe('192.0.2.80');
    const word = fields(`from 192.0.2.81 by mx.example with SMTP; ${DATE}`);
    expect(word.fromIp).toBeUndefined();
  });

  it('IPv6 literal without the IPv6: tag, and IPv4-mapped', () => {
    expect(fields(`from x ([2001:db8::5]) by y; ${DATE}`).fromIp).toBe('2001:db8::5');
    expect(fields(`from x (x [IPv6:2001:0db8:0000::0005]:587) by y; ${DATE}`)).toMatchObject({
      fromIp: '2001:db8::5',
      fromPort: 587,
    });
  });
});

describe('parseReceived: dates and damage', () => {
  it('takes the date after the LAST top-level ";", not one inside a comment', () => {
    expect(parseReceived(`from a by b (x; y); foo; ${DATE} (a;b)`).dateText).toBe(`${DATE} (a;b)`);
  });

  it('finds a date with no ";" before it (flagged)', () => {
    const p = parseReceived(`from a by b with SMTP id x ${DATE}`);
    expect(p.dateText).toBe(DATE);
    expect(p.id).toBe('x');
    expect(p.flags).toContain('date-without-semicolon');
  });

  it('no date at all', () => {
    const p = parseReceived('from a by b with SMTP id x');
    expect(p.dateText).toBeNull();
    expect(p.byHost).toBe('b');
  });

  it('an unclosed comment is reported and the date still read', () => {
    const p = parseReceived(`from a (b [192.0.2.1] by c; ${DATE}`);
    expect(p.problems).toEqual(['a comment is not closed']);
    expect(p.fromIp).toBe('192.0.2.1');
    expect(p.dateText).toBe(DATE);
  });

  it('text before the first clause and empty values are problems', () => {
    expect(parseReceived(`garbage here; ${DATE}`).problems).toEqual([
      'text before the first clause: "garbage"',
    ]);
    expect(parseReceived('').problems).toEqual(['no from or by clause']);
  });
});
