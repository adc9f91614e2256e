/** Seeded synthetic events for the workspace bench (pure: also runs under Node). */
import type { SealcaseEvent } from '../../../shared/model';

/** mulberry32: a small seeded generator, identical on every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const START = Date.UTC(2026, 9, 1);
/** Seven days of traffic. */
export const SPAN = 7 * 24 * 3600 * 1000;
const PATHS = ['/', '/login', '/api/v1/items', '/static/app.js', '/admin', '/search?q=x'];
const AGENTS = ['Mozilla/5.0 (X11; Linux x86_64)', 'curl/8.5.0', 'python-requests/2.32'];
const USERS = Array.from({ length: 500 }, (_, i) => `user${i}`);

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * One artefact's events: a mostly time-ordered log (as a server writes it) with a little jitter.
 * `kind` picks the mix: an access log, a CGN NAT log, or RADIUS accounting with some untimed lines.
 */
export function* generate(
  kind: 'http' | 'nat' | 'aaa',
  count: number,
  seed: number,
  batch = 10_000,
): Generator<SealcaseEvent[]> {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const cgn = () => `100.64.${Math.floor(r() * 64)}.${Math.floor(r() * 256)}`;
  const pub = () => `198.51.100.${Math.floor(r() * 256)}`;
  const client = () =>
    r() < 0.6 ? `203.0.113.${Math.floor(r() * 256)}` : `192.0.2.${Math.floor(r() * 256)}`;
  let out: SealcaseEvent[] = [];
  for (let i = 0; i < count; i++) {
    const ms = Math.round(START + (i / count) * SPAN + (r() - 0.5) * 2000);
    const ts = iso(ms);
    const zone = { source: 'in-band', offset: '+00:00', name: null } as const;
    let e: SealcaseEvent;
    if (kind === 'http') {
      e = {
        type: 'http:access',
        ts,
        tsRaw: ts,
        zone,
        locator: { line: i + 1 },
        clientIp: client(),
        clientPort: 1024 + Math.floor(r() * 64000),
        method: r() < 0.8 ? 'GET' : 'POST',
        path: pick(PATHS),
        status: r() < 0.9 ? 200 : 404,
        bytes: Math.floor(r() * 50_000),
        userAgent: pick(AGENTS),
      };
    } else if (kind === 'nat') {
      e = {
        type: 'nat:session',
        ts,
        tsRaw: ts,
        zone,
        locator: { line: i + 1 },
        event: r() < 0.5 ? 'create' : 'delete',
        protocol: r() < 0.8 ? 'tcp' : 'udp',
        insideIp: cgn(),
        insidePort: 1024 + Math.floor(r() * 60000),
        outsideIp: pub(),
        outsidePort: 1024 + Math.floor(r() * 60000),
        destIp: client(),
        destPort: r() < 0.7 ? 443 : 80,
      };
    } else {
      const untimed = r() < 0.01;
      e = {
        type: 'aaa:session',
        ts: untimed ? null : ts,
        tsRaw: untimed ? 'Thu Oct  1 10:00:00' : ts,
        zone: untimed ? { source: 'unknown', offset: null, name: null } : zone,
        locator: { line: i + 1 },
        event: pick(['start', 'stop', 'interim'] as const),
        user: pick(USERS),
        framedIp: cgn(),
        sessionId: `s${Math.floor(r() * 1e9).toString(16)}`,
        nas: 'bng-1',
      };
    }
    out.push(e);
    if (out.length === batch) {
      yield out;
      out = [];
    }
  }
  if (out.length > 0) yield out;
}

/** The artefacts of the benchmark: 1,000,000 events = 60 % access log, 30 % NAT, 10 % RADIUS. */
export function plan(
  total: number,
): Array<{ artefact: string; kind: 'http' | 'nat' | 'aaa'; count: number; seed: number }> {
  const http = Math.round(total * 0.6);
  const nat = Math.round(total * 0.3);
  return [
    { artefact: '1'.repeat(64), kind: 'http', count: http, seed: 1 },
    { artefact: '2'.repeat(64), kind: 'nat', count: nat, seed: 2 },
    { artefact: '3'.repeat(64), kind: 'aaa', count: total - http - nat, seed: 3 },
  ];
}
