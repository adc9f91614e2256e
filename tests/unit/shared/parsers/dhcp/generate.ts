/**
 * Generators of synthetic DHCP lease files for tests (deterministic, seeded, no clock):
 * an ISC dhcpd.leases journal where addresses are re-declared (last declaration wins), Kea memfile
 * CSV with any column order, and dnsmasq lease lines. Addresses are RFC 5737 / RFC 3849 ranges.
 */

/** mulberry32. */
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

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** dhcpd's `W YYYY/MM/DD HH:MM:SS` (UTC) of an epoch second. */
export function dhcpdDate(epochSeconds: number): string {
  // Date as a calculator on a number we chose (test code, not log text).
  const d = new Date(epochSeconds * 1000);
  return `${d.getUTCDay()} ${d.getUTCFullYear()}/${pad2(d.getUTCMonth() + 1)}/${pad2(
    d.getUTCDate(),
  )} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}

export const iso = (epochSeconds: number): string => new Date(epochSeconds * 1000).toISOString();

export interface SyntheticLease {
  readonly ip: string;
  readonly starts: number;
  readonly ends: number;
  readonly mac: string;
  readonly hostname: string;
  readonly state: string;
  /** 1-based line of `lease … {`. */
  line: number;
}

export function dhcpdBlock(l: Omit<SyntheticLease, 'line'>): string {
  return [
    `lease ${l.ip} {`,
    `  starts ${dhcpdDate(l.starts)};`,
    `  ends ${dhcpdDate(l.ends)};`,
    `  cltt ${dhcpdDate(l.starts)};`,
    `  binding state ${l.state};`,
    '  next binding state free;',
    `  hardware ethernet ${l.mac};`,
    `  client-hostname "${l.hostname}";`,
    '}',
    '',
  ].join('\n');
}

/**
 * `blocks` lease declarations over `addresses` distinct addresses; returns the text and the
 * expected winners in file order of their last declaration.
 */
export function generateDhcpdJournal(
  seed: number,
  addresses: number,
  blocks: number,
): { text: string; winners: SyntheticLease[]; declarations: Map<string, number> } {
  const rnd = prng(seed);
  const header = '# The format of this file is documented in the dhcpd.leases(5) manual page.\n';
  let text = header;
  let line = 2;
  let t = 1709644029;
  const last = new Map<string, SyntheticLease>();
  const declarations = new Map<string, number>();
  for (let i = 0; i < blocks; i++) {
    t += 1 + Math.floor(rnd() * 600);
    const ip = `198.51.100.${10 + Math.floor(rnd() * addresses)}`;
    const n = Math.floor(rnd() * 200);
    const lease: SyntheticLease = {
      ip,
      starts: t,
      ends: t + 600 + Math.floor(rnd() * 3600),
      mac: `02:00:00:00:${pad2(n % 100)}:${pad2(Math.floor(rnd() * 100))}`,
      hostname: `host-${n}`,
      state: rnd() < 0.8 ? 'active' : 'free',
      line,
    };
    text += dhcpdBlock(lease);
    line += 9;
    last.delete(ip);
    last.set(ip, lease);
    declarations.set(ip, (declarations.get(ip) ?? 0) + 1);
  }
  return { text, winners: [...last.values()], declarations };
}

export interface KeaRow {
  readonly address: string;
  readonly hwaddr: string;
  readonly valid_lifetime: number;
  readonly expire: number;
  readonly hostname: string;
  readonly state: number;
  readonly subnet_id: number;
}

/** A Kea v4 CSV with the given column order (unknown columns are filled with `0`). */
export function keaCsv(columns: readonly string[], rows: readonly KeaRow[], eol = '\n'): string {
  const lines = [columns.join(',')];
  for (const r of rows) {
    lines.push(
      columns
        .map((c) => {
          const v = (r as unknown as Record<string, string | number | undefined>)[c];
          return v === undefined
            ? c === 'client_id' || c === 'user_context'
              ? ''
              : '0'
            : String(v);
        })
        .join(','),
    );
  }
  return lines.join(eol) + eol;
}

export function generateKeaRows(seed: number, count: number): KeaRow[] {
  const rnd = prng(seed);
  const rows: KeaRow[] = [];
  for (let i = 0; i < count; i++) {
    const life = 3600 * (1 + Math.floor(rnd() * 48));
    rows.push({
      address: `192.0.2.${1 + Math.floor(rnd() * 250)}`,
      hwaddr: `02:00:5e:00:${pad2(Math.floor(rnd() * 100))}:${pad2(i % 100)}`,
      valid_lifetime: life,
      expire: 1709644029 + i * 97 + life,
      hostname: rnd() < 0.3 ? '' : `pc-${i}`,
      state: Math.floor(rnd() * 4),
      subnet_id: 1 + Math.floor(rnd() * 3),
    });
  }
  return rows;
}
