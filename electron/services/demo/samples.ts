/**
 * The demo's built-in sample evidence: one consistent, synthetic story (addresses from the
 * documentation ranges of RFC 5737 and the shared CGN range of RFC 6598; times in UTC).
 *
 * A message reaches victim@example.org from a webmail service. Its earliest Received header names
 * the sender's address, 198.51.100.23 at 09:44:58 — a CGN public address, and no port. The webmail
 * provider's access log (with source ports, `%{remote}p`) has the send request from
 * 198.51.100.23:41012 at that second. The CGN's port-block log puts port 41012 in the block
 * 40960–41471 that inside address 100.64.12.34 held from 09:40:58 to 10:15:00 (another subscriber,
 * 100.64.12.35, held 41472–41983 on the same public address). RADIUS accounting gives
 * 100.64.12.34 to subscriber-0042@isp.example from 09:30:02 to 10:20:00. The ISP's reply to the
 * request for 198.51.100.23:41012 at 09:44:58 names the same account and its holder. Without the
 * port the header alone is ambiguous between the two subscribers; with it, one account.
 */
import type { ParseDecisionOptions } from '../../../shared/model';

export interface DemoSample {
  readonly name: string;
  readonly text: string;
  /** What the examiner decides for its parse: a format where detection needs help, options. */
  readonly format?: string;
  readonly options: ParseDecisionOptions;
  /** Its events are observations (who was it?) rather than records (who held the address?). */
  readonly role: 'observation' | 'record';
}

export const DEMO_SAMPLES: readonly DemoSample[] = [
  {
    name: 'complaint.eml',
    role: 'observation',
    options: {},
    text:
      'Received: from webmail.example.net (webmail.example.net [203.0.113.10])\n' +
      '\tby mx.example.org (Postfix) with ESMTPS id 4F1A2B3C\n' +
      '\tfor <victim@example.org>; Sat, 14 Mar 2026 09:45:02 +0000\n' +
      'Received: from [198.51.100.23] by webmail.example.net with HTTPS;\n' +
      '\tSat, 14 Mar 2026 09:44:58 +0000\n' +
      'X-Originating-IP: [198.51.100.23]\n' +
      'From: sender@webmail.example.net\nTo: victim@example.org\nSubject: demo\n' +
      'Date: Sat, 14 Mar 2026 09:44:58 +0000\nMessage-ID: <demo-1@webmail.example.net>\n\n' +
      'Sample body.\n',
  },
  {
    name: 'webmail-access.log',
    role: 'observation',
    // Apache's combined format with the client's source port after the address.
    format: 'access-log',
    options: { logFormat: '%h %{remote}p %l %u %t "%r" %>s %b "%{Referer}i" "%{User-agent}i"' },
    text:
      '198.51.100.23 41007 - - [14/Mar/2026:09:41:07 +0000] "POST /login HTTP/1.1" 302 0 "-" "Mozilla/5.0 (X11; Linux x86_64)"\n' +
      '198.51.100.23 41522 - - [14/Mar/2026:09:42:30 +0000] "GET /inbox HTTP/1.1" 200 5120 "-" "Mozilla/5.0 (Windows NT 10.0)"\n' +
      '198.51.100.23 41012 - - [14/Mar/2026:09:44:58 +0000] "POST /compose/send HTTP/1.1" 200 214 "-" "Mozilla/5.0 (X11; Linux x86_64)"\n',
  },
  {
    name: 'cgn-nat.log',
    role: 'record',
    options: {},
    text:
      'RT_NAT - RT_SRC_NAT_PBA_ALLOC [internal-ip="100.64.12.35" block-used="1" block-max-per-host="8" block-port-low="41472" block-port-high="41983" reflexive-ip="198.51.100.23" nat-pool-name="pool-1" logical-system-id="0" epoch-time-64="69b52c84"]\n' +
      'RT_NAT - RT_SRC_NAT_PBA_ALLOC [internal-ip="100.64.12.34" block-used="1" block-max-per-host="8" block-port-low="40960" block-port-high="41471" reflexive-ip="198.51.100.23" nat-pool-name="pool-1" logical-system-id="0" epoch-time-64="69b52d2a"]\n' +
      'RT_NAT - RT_SRC_NAT_PBA_RELEASE [internal-ip="100.64.12.35" block-used="0" block-max-per-host="8" block-port-low="41472" block-port-high="41983" reflexive-ip="198.51.100.23" nat-pool-name="pool-1" logical-system-id="0" epoch-time-64="69b5348e"]\n' +
      'RT_NAT - RT_SRC_NAT_PBA_RELEASE [internal-ip="100.64.12.34" block-used="0" block-max-per-host="8" block-port-low="40960" block-port-high="41471" reflexive-ip="198.51.100.23" nat-pool-name="pool-1" logical-system-id="0" epoch-time-64="69b53524"]\n',
  },
  {
    name: 'radius-detail',
    role: 'record',
    // The detail file's headers are local times without a zone: the examiner states it.
    options: { assumeZone: 'UTC' },
    text:
      'Sat Mar 14 09:30:02 2026\n' +
      '\tAcct-Status-Type = Start\n' +
      '\tUser-Name = "subscriber-0042@isp.example"\n' +
      '\tFramed-IP-Address = 100.64.12.34\n' +
      '\tAcct-Session-Id = "0A1B2C3D"\n' +
      '\tNAS-IP-Address = 192.0.2.1\n' +
      '\tCalling-Station-Id = "02:00:5e:00:53:42"\n' +
      '\tAcct-Delay-Time = 0\n' +
      '\tTimestamp = 1773480602\n\n' +
      'Sat Mar 14 09:35:00 2026\n' +
      '\tAcct-Status-Type = Start\n' +
      '\tUser-Name = "subscriber-0043@isp.example"\n' +
      '\tFramed-IP-Address = 100.64.12.35\n' +
      '\tAcct-Session-Id = "0A1B2C4E"\n' +
      '\tNAS-IP-Address = 192.0.2.1\n' +
      '\tAcct-Delay-Time = 0\n' +
      '\tTimestamp = 1773480900\n\n' +
      'Sat Mar 14 10:20:00 2026\n' +
      '\tAcct-Status-Type = Stop\n' +
      '\tUser-Name = "subscriber-0042@isp.example"\n' +
      '\tFramed-IP-Address = 100.64.12.34\n' +
      '\tAcct-Session-Id = "0A1B2C3D"\n' +
      '\tNAS-IP-Address = 192.0.2.1\n' +
      '\tAcct-Session-Time = 2998\n' +
      '\tAcct-Delay-Time = 0\n' +
      '\tTimestamp = 1773483600\n\n',
  },
  {
    name: 'isp-reply.csv',
    role: 'record',
    options: {},
    text:
      'Requested IP,Requested port,Requested time,Zone,Internal IP,Account,Holder,Address\n' +
      '198.51.100.23,41012,2026-03-14 09:44:58,UTC,100.64.12.34,subscriber-0042@isp.example,J. Example,1 Example Street\n',
  },
];
