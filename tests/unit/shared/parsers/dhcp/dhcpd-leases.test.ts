import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DhcpLeaseEvent } from '../../../../../shared/model';
import { parseAll, parseText, validateParseOptions } from '../../../../../shared/parsers';
import { dhcpdLeasesParser } from '../../../../../shared/parsers/dhcpd-leases';
import { dhcpdBlock, generateDhcpdJournal, iso } from './generate';

const FIXTURES = join(import.meta.dirname, '../../../../fixtures/dhcp');
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');
const UTC = { source: 'in-band', offset: '+00:00', name: null };

function chunks(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

async function run(text: string, options: Record<string, unknown> = {}) {
  const r = await parseAll(dhcpdLeasesParser, chunks(text, 5), {
    options: validateParseOptions(options),
    validateEvents: true,
  });
  expect(r.warnings.filter((w) => w.code === 'PARSER_EVENT_INVALID')).toEqual([]);
  return { ...r, events: r.events as DhcpLeaseEvent[] };
}

describe('dhcpd-leases: the real example of formats.md §6.1', () => {
  it('reads it exactly, times as UTC whatever zone is declared', async () => {
    for (const options of [{}, { assumeZone: 'America/New_York' }]) {
      const r = await run(fixture('dhcpd.leases'), options);
      expect(r.warnings).toEqual([]);
      expect(r.events).toEqual([
        {
          type: 'dhcp:lease',
          ts: '2025-09-24T12:08:03.000Z',
          tsRaw: '3 2025/09/24 12:08:03',
          zone: UTC,
          locator: { line: 3 },
          ip: '192.168.56.50',
          start: '2025-09-24T12:08:03.000Z',
          end: '2025-09-24T12:18:03.000Z',
          state: 'active',
          mac: '08:00:27:a5:b8:87',
          hostname: 'ubuntu',
          extra: {
            cltt: '2025-09-24T12:08:03.000Z',
            nextBindingState: 'free',
            rewindBindingState: 'free',
            uid: "\\001\\010\\000'\\245\\270\\207",
          },
        },
      ]);
    }
  });
});

describe('dhcpd-leases: pitfalls', () => {
  it('a later declaration of the same address overrides the earlier one', async () => {
    const a = { ip: '192.0.2.10', mac: '02:00:00:00:00:01', state: 'active' };
    const text =
      dhcpdBlock({ ...a, starts: 1709644029, ends: 1709644629, hostname: 'first' }) +
      dhcpdBlock({
        ip: '192.0.2.11',
        mac: '02:00:00:00:00:02',
        state: 'active',
        starts: 1709644100,
        ends: 1709644700,
        hostname: 'other',
      }) +
      dhcpdBlock({ ...a, starts: 1709645000, ends: 1709645600, hostname: 'second', state: 'free' });
    const r = await run(text);
    expect(r.warnings).toEqual([]);
    expect(
      r.events.map((e) => [
        e.ip,
        e.hostname,
        e.state,
        e.start,
        e.locator,
        e.extra?.['declarations'],
      ]),
    ).toEqual([
      ['192.0.2.11', 'other', 'active', iso(1709644100), { line: 10 }, undefined],
      ['192.0.2.10', 'second', 'free', iso(1709645000), { line: 19 }, 2],
    ]);
  });

  it('never, epoch form, abandoned and unknown statements', async () => {
    const text = [
      'lease 192.0.2.20 {',
      '  starts epoch 1709644029; # Tue Mar 05 14:07:09 2024',
      '  ends never;',
      '  tstp never;',
      '  binding state abandoned;',
      '  abandoned;',
      '  option agent.circuit-id "eth0/1";',
      '  set ddns-fwd-name = "pc.example.";',
      '  on expiry { set x = "}"; }',
      '  hardware token-ring 00:11:22:33:44:55;',
      '}',
    ].join('\n');
    const r = await run(text);
    expect(r.warnings).toEqual([]);
    expect(r.events).toEqual([
      {
        type: 'dhcp:lease',
        ts: '2024-03-05T13:07:09.000Z',
        tsRaw: 'epoch 1709644029',
        zone: { source: 'epoch', offset: null, name: null },
        locator: { line: 1 },
        ip: '192.0.2.20',
        start: '2024-03-05T13:07:09.000Z',
        end: null,
        state: 'abandoned',
        mac: '00:11:22:33:44:55',
        flags: ['abandoned', 'infinite-lease'],
        extra: {
          tstp: null,
          'option agent.circuit-id': 'eth0/1',
          'set ddns-fwd-name': 'pc.example.',
          hardwareType: 'token-ring',
        },
      },
    ]);
  });

  it('IPv6 ia-na / ia-pd blocks: one event per address or prefix', async () => {
    const text = [
      'server-duid "\\000\\001\\000\\001";',
      'ia-na "\\001\\000\\000\\000\\000\\001" {',
      '  cltt 4 2024/03/07 10:00:00;',
      '  iaaddr 2001:DB8:0:0::10 {',
      '    binding state active;',
      '    preferred-life 27000;',
      '    max-life 43200;',
      '    ends 4 2024/03/07 22:00:00;',
      '  }',
      '}',
      'ia-pd "\\002" {',
      '  cltt 4 2024/03/07 11:00:00;',
      '  iaprefix 2001:db8:100::/56 {',
      '    binding state active;',
      '    ends never;',
      '  }',
      '}',
    ].join('\n');
    const r = await run(text);
    expect(r.warnings).toEqual([]);
    expect(r.events).toEqual([
      {
        type: 'dhcp:lease',
        ts: '2024-03-07T10:00:00.000Z',
        tsRaw: '4 2024/03/07 10:00:00',
        zone: UTC,
        locator: { line: 4 },
        ip: '2001:db8::10',
        state: 'active',
        end: '2024-03-07T22:00:00.000Z',
        extra: {
          iaType: 'ia-na',
          iaidDuid: '\\001\\000\\000\\000\\000\\001',
          preferredLife: 27000,
          maxLife: 43200,
          cltt: '2024-03-07T10:00:00.000Z',
        },
      },
      {
        type: 'dhcp:lease',
        ts: '2024-03-07T11:00:00.000Z',
        tsRaw: '4 2024/03/07 11:00:00',
        zone: UTC,
        locator: { line: 13 },
        ip: '2001:db8:100::',
        state: 'active',
        end: null,
        flags: ['delegated-prefix', 'infinite-lease'],
        extra: {
          iaType: 'ia-pd',
          iaidDuid: '\\002',
          prefixLength: 56,
          cltt: '2024-03-07T11:00:00.000Z',
        },
      },
    ]);
  });

  it('host and group blocks are skipped; malformed input gives warnings', async () => {
    const text = [
      'host pc { dynamic; hardware ethernet 02:00:00:00:00:09; fixed-address 192.0.2.99; }',
      'lease not-an-ip {',
      '  starts 2 2024/03/05 14:07:09;',
      '}',
      'lease 192.0.2.30 {',
      '  starts 2 2024/13/05 14:07:09;',
      '  client-hostname "unterminated;',
      '}',
      '}',
      'lease 192.0.2.31 {',
      '  starts 2 2024/03/05 14:07:09;',
    ].join('\n');
    const r = await run(text);
    expect(r.warnings.map((w) => [w.code, w.locator])).toEqual([
      ['DHCPD_ADDRESS_INVALID', { line: 2 }],
      ['TIME_UNPARSEABLE', { line: 6 }],
      ['DHCPD_SYNTAX', { line: 7 }],
      ['DHCPD_SYNTAX', { line: 9 }],
      ['DHCPD_BLOCK_UNTERMINATED', { line: 10 }],
    ]);
    expect(r.events.map((e) => [e.ip, e.ts, e.start])).toEqual([['192.0.2.30', null, null]]);
  });

  it('reads a generated journal: winners in file order of their last declaration', async () => {
    const { text, winners, declarations } = generateDhcpdJournal(3, 20, 300);
    const r = await run(text);
    expect(r.warnings).toEqual([]);
    expect(
      r.events.map((e) => [e.ip, e.start, e.end, e.mac, e.hostname, e.state, e.locator]),
    ).toEqual(
      winners.map((w) => [
        w.ip,
        iso(w.starts),
        iso(w.ends),
        w.mac,
        w.hostname,
        w.state,
        { line: w.line },
      ]),
    );
    for (const e of r.events) {
      const n = declarations.get(e.ip) ?? 0;
      expect(e.extra?.['declarations']).toBe(n > 1 ? n : undefined);
    }
  });

  it('a 1 MiB string is refused in linear time', () => {
    const text = `lease 192.0.2.40 {\n  client-hostname "${'x'.repeat(1024 * 1024)}";\n  binding state active;\n}\n`;
    const t0 = performance.now();
    const r = parseText(dhcpdLeasesParser, chunks(text, 65536), { validateEvents: true });
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(r.warnings.map((w) => w.code)).toEqual(['DHCPD_STATEMENT_TOO_LONG']);
    expect((r.events as DhcpLeaseEvent[]).map((e) => [e.ip, e.hostname, e.state])).toEqual([
      ['192.0.2.40', undefined, 'active'],
    ]);
  });
});
