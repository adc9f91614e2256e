/**
 * Synthetic multi-line NAT logs for the five parsers, deterministic from a seed, together with
 * the events they must give. Line shapes follow formats.md §4 (the verbatim examples with other
 * addresses, ports and times). `writeSyntheticFixtures` (run from synthetic.test.ts when
 * SEALCASE_WRITE_FIXTURES=1) regenerates tests/fixtures/nat/synthetic-*.log; the test checks the
 * stored files equal the generator's output, so the fixtures stay reproducible.
 */

/** A small deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Expected {
  readonly type: 'nat:session' | 'nat:portblock';
  readonly event: string;
  readonly ts: string | null;
  readonly insideIp: string;
  readonly outsideIp: string;
  readonly insidePort?: number;
  readonly outsidePort?: number;
  readonly portStart?: number;
  readonly portEnd?: number;
  readonly vrf?: string;
  readonly line: number;
}

export interface Synthetic {
  readonly text: string;
  readonly expected: Expected[];
  /** Options the text needs (zone, year). */
  readonly options: Record<string, unknown>;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

function ciscoStamp(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()} ${MONTHS[d.getUTCMonth()]} ${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

function bsdStamp(ms: number): string {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

interface Pick {
  int(lo: number, hi: number): number;
  inside(): string;
  outside(): string;
}

function picker(seed: number): Pick {
  const r = prng(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
  return {
    int,
    inside: () => `100.${int(64, 127)}.${int(0, 255)}.${int(1, 254)}`,
    outside: () => `203.0.113.${int(1, 254)}`,
  };
}

/** Times start at 2024-12-31T23:00:00Z and move forward a few minutes per line (crossing New Year). */
const START = Date.UTC(2024, 11, 31, 23, 0, 0);

export function juniperSynthetic(seed: number, count: number): Synthetic {
  const p = picker(seed);
  const lines: string[] = [];
  const expected: Expected[] = [];
  let t = START;
  for (let i = 0; i < count; i++) {
    t += p.int(1, 600) * 1000;
    const inside = p.inside();
    const outside = p.outside();
    const lo = 1024 + 256 * p.int(0, 200);
    const kind = p.int(0, 2);
    const name = ['RT_SRC_NAT_PBA_ALLOC', 'RT_SRC_NAT_PBA_INTERIM', 'RT_SRC_NAT_PBA_RELEASE'][kind];
    const event = ['allocate', 'interim', 'release'][kind] ?? 'allocate';
    const hex = Math.floor(t / 1000).toString(16);
    lines.push(
      `<14>1 ${iso(t + 2000)} srx1 RT_NAT - ${name} [junos@2636.1.1.1.2.26 internal-ip="${inside}" block-used="1" block-max-per-host="8" block-port-low="${lo}" block-port-high="${lo + 255}" reflexive-ip="${outside}" nat-pool-name="pool${i % 3}" logical-system-id="0" epoch-time-64="${hex}"]`,
    );
    expected.push({
      type: 'nat:portblock',
      event,
      ts: iso(Math.floor(t / 1000) * 1000),
      insideIp: inside,
      outsideIp: outside,
      portStart: lo,
      portEnd: lo + 255,
      line: i + 1,
    });
  }
  return { text: lines.join('\n') + '\n', expected, options: {} };
}

export function ciscoSynthetic(seed: number, count: number): Synthetic {
  const p = picker(seed);
  const lines: string[] = [];
  const expected: Expected[] = [];
  let t = START;
  let line = 0;
  for (let i = 0; i < count; i++) {
    t += p.int(1, 600) * 1000;
    line++;
    const records: string[] = [];
    const n = p.int(1, 3);
    for (let k = 0; k < n; k++) {
      const inside = p.inside();
      const outside = p.outside();
      const vrf = `VRF-${p.int(1, 4)}`;
      const lo = 1024 + 256 * p.int(0, 200);
      const allocate = p.int(0, 1) === 0;
      records.push(
        `[${allocate ? 'UserbasedA' : 'UserbasedW'} - ${inside} ${vrf} - ${outside} - ${lo} ${lo + 255} - -]`,
      );
      expected.push({
        type: 'nat:portblock',
        event: allocate ? 'allocate' : 'release',
        ts: iso(t),
        insideIp: inside,
        outsideIp: outside,
        portStart: lo,
        portEnd: lo + 255,
        vrf,
        line,
      });
    }
    lines.push(`<134>1 ${ciscoStamp(t)} cgn1 - - NAT44 - ${records.join('')}`);
  }
  return { text: lines.join('\n') + '\n', expected, options: { assumeZone: 'UTC' } };
}

export function a10Synthetic(seed: number, count: number): Synthetic {
  const p = picker(seed);
  const lines: string[] = [];
  const expected: Expected[] = [];
  let t = START;
  for (let i = 0; i < count; i++) {
    t += p.int(1, 600) * 1000;
    const inside = p.inside();
    const outside = p.outside();
    const inPort = p.int(1024, 65535);
    const outPort = p.int(1024, 65535);
    if (p.int(0, 1) === 0) {
      lines.push(
        `${bsdStamp(t)} ax1 NAT-TCP-C: ${inside}:${inPort}<->198.51.100.80:443, ${outside}:${outPort}<-->198.51.100.80:443`,
      );
      expected.push({
        type: 'nat:session',
        event: 'create',
        ts: iso(t),
        insideIp: inside,
        outsideIp: outside,
        insidePort: inPort,
        outsidePort: outPort,
        line: i + 1,
      });
    } else {
      const lo = 1024 + 512 * p.int(0, 100);
      lines.push(`${bsdStamp(t)}PortBatchV2Allocated: [${inside} ${outside} ${lo} ${lo + 511}]`);
      expected.push({
        type: 'nat:portblock',
        event: 'allocate',
        ts: iso(t),
        insideIp: inside,
        outsideIp: outside,
        portStart: lo,
        portEnd: lo + 511,
        line: i + 1,
      });
    }
  }
  return { text: lines.join('\n') + '\n', expected, options: { assumeZone: 'UTC', year: 2024 } };
}

export function f5Synthetic(seed: number, count: number): Synthetic {
  const p = picker(seed);
  const lines: string[] = [];
  const expected: Expected[] = [];
  let t = START;
  for (let i = 0; i < count; i++) {
    t += p.int(1, 600) * 1000;
    const inside = p.inside();
    const outside = p.outside();
    const rd = String(p.int(0, 3));
    const inPort = p.int(1024, 65535);
    const outPort = p.int(1024, 65535);
    const add = p.int(0, 1) === 0;
    lines.push(
      `${iso(t)} bigip1 tmm[1]: ${add ? 'LSN_ADD' : 'LSN_DELETE'} ${inside}%${rd}:${inPort} 6 ${outside}%${rd}:${outPort} 93.184.216.34 443`,
    );
    expected.push({
      type: 'nat:session',
      event: add ? 'create' : 'delete',
      ts: iso(t),
      insideIp: inside,
      outsideIp: outside,
      insidePort: inPort,
      outsidePort: outPort,
      vrf: rd,
      line: i + 1,
    });
  }
  return { text: lines.join('\n') + '\n', expected, options: {} };
}

export function conntrackSynthetic(seed: number, count: number): Synthetic {
  const p = picker(seed);
  const lines: string[] = [];
  const expected: Expected[] = [];
  let t = START;
  for (let i = 0; i < count; i++) {
    t += p.int(1, 600_000);
    const inside = `10.8.${p.int(0, 255)}.${p.int(1, 254)}`;
    const outside = p.outside();
    const inPort = p.int(1024, 65535);
    const outPort = p.int(1024, 65535);
    const isNew = p.int(0, 1) === 0;
    const secs = Math.floor(t / 1000);
    const frac = String((t % 1000) * 1000).padStart(6, '0');
    const body = isNew
      ? `    [NEW] tcp      6 120 SYN_SENT src=${inside} dst=93.184.216.34 sport=${inPort} dport=443 [UNREPLIED] src=93.184.216.34 dst=${outside} sport=443 dport=${outPort}`
      : `[DESTROY] tcp      6 src=${inside} dst=93.184.216.34 sport=${inPort} dport=443 src=93.184.216.34 dst=${outside} sport=443 dport=${outPort} [ASSURED]`;
    lines.push(`[${secs}.${frac}]\t${body}`);
    expected.push({
      type: 'nat:session',
      event: isNew ? 'create' : 'delete',
      ts: iso(t),
      insideIp: inside,
      outsideIp: outside,
      insidePort: inPort,
      outsidePort: outPort,
      line: i + 1,
    });
  }
  return { text: lines.join('\n') + '\n', expected, options: {} };
}

export const SYNTHETIC = {
  'juniper-nat': juniperSynthetic,
  'cisco-cgn': ciscoSynthetic,
  'a10-cgn': a10Synthetic,
  'f5-lsn': f5Synthetic,
  conntrack: conntrackSynthetic,
} as const;

/** The stored fixtures: seed 20240101, 40 lines each. */
export const FIXTURE_SEED = 20240101;
export const FIXTURE_LINES = 40;
