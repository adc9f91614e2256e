/**
 * Detection across every registered parser: each fixture must be claimed by its own format, above
 * the auto-pick threshold, and by no other format above it. Guards against one parser's detect()
 * growing greedy as formats are added.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MIN_DETECT_CONFIDENCE, createDefaultRegistry } from '../../../../shared/parsers';

const fixtures = fileURLToPath(new URL('../../../fixtures/', import.meta.url));

const EXPECTED: ReadonlyArray<readonly [string, string]> = [
  ['access-log/generated-combined.log', 'access-log'],
  ['access-log/mixed-defaults.log', 'access-log'],
  ['sshd/auth-rollover.log', 'sshd'],
  ['dhcp/dhcpd.leases', 'dhcpd-leases'],
  ['dhcp/dnsmasq.leases', 'dnsmasq-leases'],
  ['dhcp/kea-leases4.csv', 'kea-leases'],
  ['radius/detail-hu-dsl-2015', 'radius-detail'],
  ['isp-reply/example-semicolon.csv', 'isp-reply'],
  ['nat/a10-portbatch.log', 'a10-cgn'],
  ['nat/cisco-xr-cgn.log', 'cisco-cgn'],
  ['nat/conntrack-events.log', 'conntrack'],
  ['nat/f5-lsn.log', 'f5-lsn'],
  ['nat/juniper-jservices.log', 'juniper-nat'],
  ['nat/juniper-rt-flow-session.log', 'juniper-nat'],
  ['nat/juniper-rt-nat-pba.log', 'juniper-nat'],
  ['nat/synthetic-a10-cgn.log', 'a10-cgn'],
  ['nat/synthetic-cisco-cgn.log', 'cisco-cgn'],
  ['nat/synthetic-conntrack.log', 'conntrack'],
  ['nat/synthetic-f5-lsn.log', 'f5-lsn'],
  ['nat/synthetic-juniper-nat.log', 'juniper-nat'],
  ...readdirSync(join(fixtures, 'email/spamassassin'))
    .filter((f) => f.endsWith('.eml'))
    .map((f) => [`email/spamassassin/${f}`, 'email'] as const),
];

describe('detection across the registry', () => {
  const registry = createDefaultRegistry();
  it.each(EXPECTED)('%s → %s', (file, expected) => {
    const head = readFileSync(join(fixtures, file), 'utf8').slice(0, 64 * 1024);
    const fileName = file.split('/').pop() ?? file;
    const ranked = registry.detectFormat({ head, fileName });
    expect(ranked[0]?.name).toBe(expected);
    expect(ranked[0]?.confidence).toBeGreaterThanOrEqual(MIN_DETECT_CONFIDENCE);
    const rivals = ranked.slice(1).filter((c) => c.confidence >= ranked[0]!.confidence);
    expect(rivals).toEqual([]);
  });

  it('claims nothing for prose', () => {
    const ranked = createDefaultRegistry().detectFormat({
      head: 'Dear investigator,\nplease find the requested records attached.\n',
      fileName: 'letter.txt',
    });
    expect(ranked.filter((c) => c.confidence >= MIN_DETECT_CONFIDENCE)).toEqual([]);
  });
});
