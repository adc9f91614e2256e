/**
 * Generator of synthetic FreeRADIUS `detail` files for tests (deterministic: a seeded PRNG, no
 * clock). Records follow formats.md §5: ctime header in the server's local time (here a fixed
 * offset, `offsetMinutes`), TAB-indented attributes, `Timestamp` epoch, blank line between records.
 * Addresses are documentation ranges (RFC 5737 / RFC 3849).
 */

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** ctime text (`Tue Mar  5 14:07:09 2024`) of an epoch second shifted by `offsetMinutes`. */
export function ctimeOf(epochSeconds: number, offsetMinutes: number): string {
  // Date as a calculator on a number we chose (test code, not log text).
  const d = new Date((epochSeconds + offsetMinutes * 60) * 1000);
  const day = d.getUTCDate();
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${day < 10 ? ` ${day}` : day} ${pad2(
    d.getUTCHours(),
  )}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

export interface SyntheticRecord {
  readonly epoch: number;
  readonly status: 'Start' | 'Stop' | 'Interim-Update' | 'Accounting-On' | 'Accounting-Off';
  readonly user?: string;
  readonly framedIp?: string;
  readonly sessionId?: string;
  readonly nasIp?: string;
  readonly delay?: number;
  readonly sessionTime?: number;
  readonly extraLines?: readonly string[];
}

export function detailRecord(r: SyntheticRecord, offsetMinutes = 60): string {
  const lines = [ctimeOf(r.epoch, offsetMinutes)];
  if (r.user !== undefined) lines.push(`\tUser-Name = "${r.user}"`);
  if (r.nasIp !== undefined) lines.push(`\tNAS-IP-Address = ${r.nasIp}`);
  if (r.framedIp !== undefined) lines.push(`\tFramed-IP-Address = ${r.framedIp}`);
  lines.push(`\tAcct-Status-Type = ${r.status}`);
  if (r.sessionId !== undefined) lines.push(`\tAcct-Session-Id = "${r.sessionId}"`);
  if (r.delay !== undefined) lines.push(`\tAcct-Delay-Time = ${r.delay}`);
  if (r.sessionTime !== undefined) lines.push(`\tAcct-Session-Time = ${r.sessionTime}`);
  for (const l of r.extraLines ?? []) lines.push(l);
  lines.push(`\tTimestamp = ${r.epoch}`);
  return `${lines.join('\n')}\n\n`;
}

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

/** `count` records of start/interim/stop sessions, in time order, from `startEpoch`. */
export function generateDetailFile(
  seed: number,
  count: number,
  startEpoch = 1709644029,
): { text: string; records: SyntheticRecord[] } {
  const rnd = prng(seed);
  const statuses = ['Start', 'Interim-Update', 'Stop'] as const;
  const records: SyntheticRecord[] = [];
  let epoch = startEpoch;
  for (let i = 0; i < count; i++) {
    epoch += Math.floor(rnd() * 120);
    const status = statuses[Math.floor(rnd() * 3)] ?? 'Start';
    records.push({
      epoch,
      status,
      user: `user${Math.floor(rnd() * 50)}`,
      framedIp: `203.0.113.${1 + Math.floor(rnd() * 250)}`,
      sessionId: `S${i.toString(16).padStart(8, '0')}`,
      nasIp: '192.0.2.1',
      delay: Math.floor(rnd() * 3),
      ...(status === 'Start' ? {} : { sessionTime: Math.floor(rnd() * 86400) }),
    });
  }
  return { text: records.map((r) => detailRecord(r)).join(''), records };
}
