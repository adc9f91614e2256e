import { ipFlags, normalizeIp, parseIp, type IpFlag } from '../net';
import type { BoundedMemo } from './memo';
import type { PortIntervalIndex } from './port-index';
import { containingKeys } from './address-keys';
import {
  deterministicInsidesOf,
  deterministicReverse,
  describeLayout,
  type DeterministicLayout,
} from './deterministic-nat';
import {
  END_INFERRED,
  KIND_AAA,
  KIND_DHCP,
  KIND_NAT_PORTBLOCK,
  KIND_NAT_SESSION,
  START_INFERRED,
  type IntervalIndex,
} from './intervals';
import { mapCePrefix, mapPsidOfPort, type MapRuleLayout } from './map-port-set';
import {
  ATTRIBUTION_CAVEAT,
  chainIncomplete,
  dynamicPortNoBlock,
  endInferred,
  noRecords,
  notAllocated,
  observationInvalid,
  portMissingShared,
  portReused,
  reason,
  sharedAddressSpace,
  startInferred,
  timeTolerance,
  ZONE_AMBIGUOUS_MESSAGE,
  ZONE_DECLARED_MESSAGE,
  ZONE_UNKNOWN_MESSAGE,
} from './reasons';
import { ZONE_AMBIGUOUS_BIT, ZONE_DECLARED_BIT, ZONE_UNKNOWN_BIT } from './records';
import type { EngineState } from './state';
import { isoUtcToMs, msToIso } from './time';
import type {
  AttributionResult,
  DeterministicNatConfig,
  MapRule,
  Observation,
  PathStep,
  Reason,
  RecordRef,
  StepKind,
} from './types';

/** A deterministic configuration or MAP rule with its validity in corrected ms. */
export interface DetEntry {
  readonly config: DeterministicNatConfig;
  readonly layout: DeterministicLayout;
  readonly from: number;
  readonly to: number;
}
export interface MapEntry {
  readonly rule: MapRule;
  readonly layout: MapRuleLayout;
  readonly from: number;
  readonly to: number;
}

export interface ResolverInput {
  readonly state: EngineState;
  readonly outside: PortIntervalIndex;
  readonly address: IntervalIndex;
  readonly det: readonly DetEntry[];
  readonly map: readonly MapEntry[];
  readonly toleranceMs: number;
  readonly guardMs: number;
  readonly corrections: ReadonlyMap<string, number>;
  /** Observed address text → what resolving needs of it (null: not an address). */
  readonly observedIps: BoundedMemo<ObservedIp | null>;
  /** Per inside endpoint: its own address as the account step's only key, or −1 (see state). */
  readonly insideJoinKeys: Int32Array;
  /** Whether any record carries a VRF (else no VRF rule can apply). */
  readonly anyVrf: boolean;
  /** Address-index keys of an inside address, by its address id (filled on first use). */
  readonly insideKeys: Array<readonly number[] | undefined>;
}

/** An observed address, parsed once: normal text, its key, its direct keys and flags. */
export interface ObservedIp {
  readonly ip: string;
  readonly key: number;
  readonly directKeys: readonly number[];
  readonly flags: readonly IpFlag[];
}

function observedIp(r: ResolverInput, text: string): ObservedIp | null {
  const ip = normalizeIp(text);
  if (ip === null) return null;
  return {
    ip,
    key: r.state.addresses.find(ip),
    directKeys: addressKeys(r, ip),
    flags: ipFlags(ip),
  };
}

const KIND_NAMES: readonly StepKind[] = [
  'nat-session',
  'nat-portblock',
  'aaa-session',
  'dhcp-lease',
  'isp-assignment',
];

interface Work {
  path: PathStep[];
  accounts: Set<string>;
  zone: number;
  flags: number;
  /** A boundary of a matched interval falls inside its window. */
  boundary: boolean;
  /** Depth-0 mappings found (NAT, deterministic, MAP, direct). */
  found: number;
  /** Port-restricted mappings at depth 0 (the address was shared by port). */
  portShared: number;
  endpoints: Set<string>;
  /** Distinct endpoints matter only when the port is missing. */
  countEndpoints: boolean;
  /** Inside addresses whose chain found no records at all. */
  uncovered: string[];
  /** Inside addresses covered by records that map them to no one. */
  unallocated: string[];
  reasons: Reason[];
}

function fail(observation: Observation, detail: string): AttributionResult {
  return {
    observation,
    status: 'no-coverage',
    subscribers: [],
    path: [],
    sharedBy: observation.port === undefined ? 0 : null,
    reasons: [observationInvalid(detail)],
    caveat: ATTRIBUTION_CAVEAT,
    window: { start: observation.ts, end: observation.ts },
  };
}

/** The observed address, parsed once per text (null: not an address). */
export function seenIp(r: ResolverInput, observation: Observation): ObservedIp | null {
  return r.observedIps.get(observation.ip, (text) => observedIp(r, text));
}

/** The observation's time in ms with its source's clock correction applied. */
export function correctedTime(r: ResolverInput, observation: Observation, raw: number): number {
  return (
    raw + (observation.artefact === undefined ? 0 : (r.corrections.get(observation.artefact) ?? 0))
  );
}

export function resolveObservation(r: ResolverInput, observation: Observation): AttributionResult {
  const { state } = r;
  const raw = isoUtcToMs(observation.ts);
  if (raw === null)
    return fail(observation, `the time "${observation.ts}" is not an ISO 8601 UTC instant`);
  const seen = seenIp(r, observation);
  if (seen === null) return fail(observation, `"${observation.ip}" is not an IP address`);
  const { ip, key: ipKey } = seen;
  const port = observation.port ?? -1;
  const t = correctedTime(r, observation, raw);
  const a = t - r.toleranceMs;
  const b = t + r.toleranceMs;
  const w: Work = {
    path: [],
    accounts: new Set(),
    zone: 0,
    flags: 0,
    boundary: false,
    found: 0,
    portShared: 0,
    endpoints: new Set(),
    countEndpoints: port < 0,
    uncovered: [],
    unallocated: [],
    reasons: [],
  };
  if (observation.zoneSource === 'declared') w.zone |= ZONE_DECLARED_BIT;
  if (observation.zoneSource === 'unknown') w.zone |= ZONE_UNKNOWN_BIT;
  if (observation.zoneAmbiguous === true) w.zone |= ZONE_AMBIGUOUS_BIT;

  const from = port >= 0 ? { ip, port } : { ip };
  let covered = ipKey >= 0 && state.coverage.covers(ipKey, a, b);

  // 1. Records that map the observed address straight to an account (ISP rows, AAA, DHCP).
  for (const key of seen.directKeys) {
    r.address.query(key, a, b, port, (row) => {
      addAddressStep(r, w, row, 0, null, from, a, b);
      w.found++;
    });
  }

  // 2. CGN records on the observed address → inside address → account.
  // With a port, the rows near the window serve the reuse check too (see checkReuse).
  const nearRows: number[] = [];
  const near = port >= 0 ? r.guardMs : 0;
  if (ipKey >= 0) r.outside.query(ipKey, a - near, b + near, port, (row) => nearRows.push(row));
  const { starts: startCol, ends: endCol } = r.outside;
  // In start order (ties: the order a (key, start) index walked backwards gives, see PortIntervalIndex).
  nearRows.sort(r.outside.compareRows);
  const natRows =
    near === 0
      ? nearRows
      : nearRows.filter((row) => (startCol[row] ?? 0) <= b && (endCol[row] ?? 0) > a);
  for (const row of natRows) {
    const c = r.outside;
    const s = c.starts[row] ?? 0;
    const e = c.ends[row] ?? 0;
    const step = natStep(r, row, from);
    noteInterval(w, s, e, c.flags(row), a, b);
    const index = pushStep(w, step);
    w.found++;
    if (c.portLo(row) > 0 || c.portHi(row) < 65535) w.portShared++;
    const inside = c.target(row);
    const addr =
      state.insideB4.get(inside) >= 0 ? state.insideB4.get(inside) : state.insideAddr.get(inside);
    chain(
      r,
      w,
      state.addresses.value(addr),
      state.insideVrf.get(inside),
      index,
      Math.max(a, s),
      Math.min(b, e - 1),
      addr,
    );
  }

  // 3. Deterministic NAT configurations valid in the window.
  for (const d of r.det) {
    const lo = Math.max(a, d.from);
    const hi = Math.min(b, d.to - 1);
    if (lo > hi) continue;
    if (port >= 0) {
      const rev = deterministicReverse(d.layout, ip, port);
      if (rev.kind === 'outside-range') continue;
      covered = true;
      if (rev.kind === 'dynamic') {
        if (!natRows.some((row) => r.outside.kind(row) === KIND_NAT_PORTBLOCK)) {
          w.reasons.push(dynamicPortNoBlock(ip, port, d.config.id));
        }
        continue;
      }
      const index = pushStep(w, detStep(d, from, rev.insideIp, rev.portStart, rev.portEnd, port));
      w.found++;
      w.portShared++;
      if (d.from > a || d.to - 1 < b) w.boundary = true;
      chain(r, w, rev.insideIp, vrfIdOf(r, d.config.vrf), index, lo, hi);
    } else {
      const insides = deterministicInsidesOf(d.layout, ip);
      if (insides.length === 0) continue;
      covered = true;
      for (const m of insides) {
        const index = pushStep(w, detStep(d, from, m.insideIp, m.portStart, m.portEnd, -1));
        w.found++;
        w.portShared++;
        chain(r, w, m.insideIp, vrfIdOf(r, d.config.vrf), index, lo, hi);
      }
    }
  }

  // 4. MAP-E / MAP-T rules: port → PSID → the CE's IPv6 prefix → account.
  for (const m of r.map) {
    const lo = Math.max(a, m.from);
    const hi = Math.min(b, m.to - 1);
    if (lo > hi) continue;
    const psids: number[] = [];
    if (port >= 0) {
      const psid = mapPsidOfPort(m.layout.params, port);
      if (mapCePrefix(m.layout, ip, 0) === null) continue;
      covered = true;
      if (psid === null) continue;
      psids.push(psid);
    } else {
      if (mapCePrefix(m.layout, ip, 0) === null) continue;
      covered = true;
      for (let p = 0; p < 2 ** m.layout.params.psidLength; p++) psids.push(p);
    }
    for (const psid of psids) {
      const prefix = mapCePrefix(m.layout, ip, psid);
      if (prefix === null) continue;
      const index = pushStep(w, mapStep(m, from, prefix, psid));
      w.found++;
      if (m.layout.params.psidLength > 0) w.portShared++;
      chain(r, w, prefix, -1, index, lo, hi);
    }
  }

  // Reuse of the observed port close to the observed time (RFC 6888 REQ-8).
  if (port >= 0 && ipKey >= 0) checkReuse(r, w, nearRows, ip, port, a, b);

  const subscribers = [...w.accounts].sort();
  const reasons: Reason[] = [];
  if (seen.flags.length > 0) reasons.push(sharedAddressSpace(ip, [...seen.flags]));
  let status: AttributionResult['status'];
  if (subscribers.length > 1) status = 'ambiguous';
  else if (subscribers.length === 1) status = 'unique';
  else if (w.found === 0) status = covered ? 'none' : 'no-coverage';
  else status = w.uncovered.length > 0 ? 'no-coverage' : 'none';
  if (status === 'no-coverage') {
    reasons.push(
      noRecords(
        w.found === 0 ? `address ${ip}` : `inside address ${[...new Set(w.uncovered)].join(', ')}`,
      ),
    );
  } else if (status === 'none') {
    reasons.push(
      notAllocated(w.found === 0 ? `address ${ip}` : `the address ${ip} and its mappings`),
    );
  } else if (w.uncovered.length > 0) {
    for (const u of new Set(w.uncovered)) reasons.push(chainIncomplete(u));
  }
  const sharedBy = port >= 0 ? null : subscribers.length;
  if (port < 0 && (w.portShared > 0 || subscribers.length > 1 || w.endpoints.size > 1)) {
    reasons.push(portMissingShared(ip, subscribers.length, w.endpoints.size));
  }
  reasons.push(...w.reasons);
  if (w.boundary && r.toleranceMs > 0) reasons.push(timeTolerance(r.toleranceMs / 1000));
  if ((w.zone & ZONE_DECLARED_BIT) !== 0)
    reasons.push(reason('ZONE_DECLARED', ZONE_DECLARED_MESSAGE));
  if ((w.zone & ZONE_AMBIGUOUS_BIT) !== 0)
    reasons.push(reason('ZONE_AMBIGUOUS', ZONE_AMBIGUOUS_MESSAGE));
  if ((w.zone & ZONE_UNKNOWN_BIT) !== 0) reasons.push(reason('ZONE_UNKNOWN', ZONE_UNKNOWN_MESSAGE));
  if ((w.flags & END_INFERRED) !== 0) reasons.push(endInferred());
  if ((w.flags & START_INFERRED) !== 0) reasons.push(startInferred());
  const windowStart = msToIso(a);
  return {
    observation,
    status,
    subscribers,
    path: w.path.slice(), // exact length (the working array has room to spare)
    sharedBy,
    reasons: dedupe(reasons),
    caveat: ATTRIBUTION_CAVEAT,
    window: { start: windowStart, end: b === a ? windowStart : msToIso(b) },
  };
}

/** Shared by every result without reasons (most of them): results are read-only. */
const NO_REASONS: readonly Reason[] = Object.freeze([]);

function dedupe(reasons: Reason[]): readonly Reason[] {
  if (reasons.length === 0) return NO_REASONS;
  if (reasons.length < 2) return reasons;
  const seen = new Set<string>();
  return reasons.filter((x) => {
    const k = `${x.code}\u0000${x.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function vrfIdOf(r: ResolverInput, vrf: string | undefined): number {
  return vrf === undefined ? -1 : r.state.vrfs.find(vrf);
}

/**
 * Address-index keys that may hold `ip` (the address, or IPv6 prefixes containing it); `id`, when
 * given, is the interned id of `ipOrPrefix` itself (an IPv4 address is then its own only key).
 */
function addressKeys(r: ResolverInput, ipOrPrefix: string, id = -1): number[] {
  if (id >= 0 && (r.state.isPlainIpv4Id(id) || isPlainIpv4(ipOrPrefix))) return [id];
  const slash = ipOrPrefix.indexOf('/');
  const ip = parseIp(slash < 0 ? ipOrPrefix : ipOrPrefix.slice(0, slash));
  const keys: number[] = [];
  if (ip === null) return keys;
  const length = slash < 0 ? (ip.family === 4 ? 32 : 128) : Number(ipOrPrefix.slice(slash + 1));
  const texts =
    ip.family === 6
      ? containingKeys(ip, length, r.state.prefixLengths)
      : slash < 0
        ? [ipOrPrefix]
        : [];
  if (ip.family === 6 && slash >= 0 && !texts.includes(ipOrPrefix)) texts.push(ipOrPrefix);
  for (const text of texts) {
    const k = r.state.addresses.find(text);
    if (k >= 0 && !keys.includes(k)) keys.push(k);
  }
  return keys;
}

/** `addressKeys` of the inside address with address id `id`, computed once per id. */
export function insideKeysOf(r: ResolverInput, id: number): readonly number[] {
  let keys = r.insideKeys[id];
  if (keys === undefined) r.insideKeys[id] = keys = addressKeys(r, r.state.addresses.value(id), id);
  return keys;
}

/** An IPv4 address (not a prefix, not IPv6): its own and only address-index key. */
function isPlainIpv4(text: string): boolean {
  return !text.includes(':') && !text.includes('/') && parseIp(text) !== null;
}

function noteInterval(w: Work, s: number, e: number, flags: number, a: number, b: number): void {
  w.flags |= flags & (END_INFERRED | START_INFERRED);
  w.zone |= flags & (ZONE_DECLARED_BIT | ZONE_AMBIGUOUS_BIT | ZONE_UNKNOWN_BIT);
  if (a < b && (s > a || e - 1 < b)) w.boundary = true;
}

function pushStep(w: Work, step: PathStep): number {
  w.path.push(step);
  return w.path.length - 1;
}

/** Follows an inside address (or CE prefix) to accounts within `[a, b]`. */
function chain(
  r: ResolverInput,
  w: Work,
  inside: string,
  vrf: number,
  parent: number,
  a: number,
  b: number,
  insideId = -1,
): void {
  const vrfText = vrf >= 0 ? r.state.vrfs.value(vrf) : undefined;
  if (w.countEndpoints) w.endpoints.add(`${inside}|${vrfText ?? ''}`);
  if (a > b) return;
  const from = vrfText === undefined ? { ip: inside } : { ip: inside, vrf: vrfText };
  let hits = 0;
  const keys = insideId >= 0 ? insideKeysOf(r, insideId) : addressKeys(r, inside);
  for (const key of keys) {
    r.address.query(key, a, b, -1, (row) => {
      const rv = r.address.cols.vrf[row] ?? -1;
      if (vrf >= 0 && rv >= 0 && rv !== vrf) return;
      hits++;
      addAddressStep(r, w, row, 1, parent, from, a, b);
    });
  }
  if (hits > 0) return;
  const covered = keys.some((k) => r.state.coverage.covers(k, a, b));
  if (covered) w.unallocated.push(inside);
  else w.uncovered.push(inside);
}

function recordRefs(
  r: ResolverInput,
  startRec: number,
  endRec: number,
  startRole: RecordRef['role'],
  startLocator: PathStep['locator'],
): RecordRef[] {
  const start = r.state.records.ref(startRec, startRole, startLocator);
  // Array literals of the final length: a pushed-to array keeps room for 16 more.
  return endRec >= 0 && endRec !== startRec ? [start, r.state.records.ref(endRec, 'end')] : [start];
}

function intervalOf(s: number, e: number, flags: number): PathStep['interval'] {
  return {
    start: msToIso(s),
    end: msToIso(e),
    startInferred: (flags & START_INFERRED) !== 0,
    endInferred: (flags & END_INFERRED) !== 0,
  };
}

type MutableStep = { -readonly [K in keyof PathStep]: PathStep[K] };

/** Adds the artefact of record `rec` to the step (last, as a spread would), when it has one. */
function withArtefact(r: ResolverInput, rec: number, step: MutableStep): PathStep {
  const artefact = r.state.records.artefactOf(rec);
  if (artefact !== undefined) step.artefact = artefact;
  return step;
}

function addAddressStep(
  r: ResolverInput,
  w: Work,
  row: number,
  depth: 0 | 1,
  parent: number | null,
  from: PathStep['from'],
  a: number,
  b: number,
): void {
  const c = r.address.cols;
  const s = c.start[row] ?? 0;
  const e = c.end[row] ?? 0;
  const flags = c.flags[row] ?? 0;
  noteInterval(w, s, e, flags, a, b);
  const kind = c.kind[row] ?? 0;
  const target = c.target[row] ?? -1;
  const startRec = c.startRec[row] ?? 0;
  const to: { -readonly [K in keyof PathStep['to']]: PathStep['to'][K] } = {};
  if (target >= 0) {
    const account = r.state.accounts.value(target);
    to.account = account;
    to.accountField = r.state.accountFields.value(r.state.accountField.get(target));
    w.accounts.add(account);
  }
  const vrf = c.vrf[row] ?? -1;
  if (vrf >= 0) to.vrf = r.state.vrfs.value(vrf);
  if (
    kind !== KIND_AAA &&
    kind !== KIND_DHCP &&
    ((c.portLo[row] ?? 0) > 0 || (c.portHi[row] ?? 65535) < 65535)
  ) {
    to.portStart = c.portLo[row] ?? 0;
    to.portEnd = c.portHi[row] ?? 65535;
  }
  const locator = r.state.records.locatorOf(startRec);
  const role = kind === KIND_AAA ? 'start' : 'row';
  w.path.push(
    withArtefact(r, startRec, {
      kind: KIND_NAMES[kind] ?? 'isp-assignment',
      depth,
      parent,
      from,
      to,
      locator,
      records: recordRefs(r, startRec, c.endRec[row] ?? -1, role, locator),
      interval: intervalOf(s, e, flags),
    }),
  );
}

function natStep(r: ResolverInput, row: number, from: PathStep['from']): PathStep {
  const c = r.outside;
  const { state } = r;
  const inside = c.target(row);
  const to: { -readonly [K in keyof PathStep['to']]: PathStep['to'][K] } = {
    ip: state.addresses.value(state.insideAddr.get(inside)),
    portStart: c.portLo(row),
    portEnd: c.portHi(row),
  };
  const vrf = state.insideVrf.get(inside);
  if (vrf >= 0) to.vrf = state.vrfs.value(vrf);
  const b4 = state.insideB4.get(inside);
  const startRec = c.startRec(row);
  const kind = c.kind(row) === KIND_NAT_SESSION ? 'nat-session' : 'nat-portblock';
  const flags = c.flags(row);
  const locator = state.records.locatorOf(startRec);
  const role = (flags & START_INFERRED) !== 0 ? 'end' : 'start';
  const step: MutableStep = {
    kind,
    depth: 0,
    parent: null,
    from,
    to,
    locator,
    records: recordRefs(r, startRec, c.endRec(row), role, locator),
    interval: intervalOf(c.starts[row] ?? 0, c.ends[row] ?? 0, flags),
  };
  if (b4 >= 0) {
    step.note = `DS-Lite: the subscriber is the B4 tunnel address ${state.addresses.value(b4)}`;
  }
  return withArtefact(r, startRec, step);
}

function detStep(
  d: DetEntry,
  from: PathStep['from'],
  insideIp: string,
  portStart: number,
  portEnd: number,
  port: number,
): PathStep {
  const how =
    port >= 0
      ? `port ${port} lies in block ${portStart}–${portEnd}, which the configuration gives to ${insideIp}`
      : `${insideIp} holds ports ${portStart}–${portEnd} of this address`;
  const config = d.config;
  const ref: RecordRef = {
    role: 'config',
    ...(config.artefact === undefined ? {} : { artefact: config.artefact }),
    locator: config.locator ?? { line: 1 },
    ts: null,
  };
  return {
    kind: 'deterministic-nat',
    depth: 0,
    parent: null,
    from,
    to: {
      ip: insideIp,
      portStart,
      portEnd,
      ...(config.vrf === undefined ? {} : { vrf: config.vrf }),
    },
    ...(config.artefact === undefined ? {} : { artefact: config.artefact }),
    locator: config.locator ?? { line: 1 },
    records: [ref],
    interval: {
      start: Number.isFinite(d.from) ? msToIso(d.from) : null,
      end: Number.isFinite(d.to) ? msToIso(d.to) : null,
      startInferred: false,
      endInferred: false,
    },
    note: `Configuration "${config.id}" (${describeLayout(d.layout)}): ${how}.`,
  };
}

function mapStep(m: MapEntry, from: PathStep['from'], prefix: string, psid: number): PathStep {
  const rule = m.rule;
  return {
    kind: 'map-port-set',
    depth: 0,
    parent: null,
    from,
    to: { ip: prefix },
    ...(rule.artefact === undefined ? {} : { artefact: rule.artefact }),
    locator: rule.locator ?? { line: 1 },
    records: [
      {
        role: 'config',
        ...(rule.artefact === undefined ? {} : { artefact: rule.artefact }),
        locator: rule.locator ?? { line: 1 },
        ts: null,
      },
    ],
    interval: {
      start: Number.isFinite(m.from) ? msToIso(m.from) : null,
      end: Number.isFinite(m.to) ? msToIso(m.to) : null,
      startInferred: false,
      endInferred: false,
    },
    note:
      `MAP rule "${rule.id}" (${rule.ipv4Prefix} ↔ ${rule.ipv6Prefix}, ${rule.eaBitsLength} EA bits, ` +
      `PSID offset ${m.layout.params.psidOffset}): PSID ${psid} → CE prefix ${prefix}.`,
  };
}

/** PORT_REUSED: the observed port changed holder with a gap ≤ the guard, near the window. */
function checkReuse(
  r: ResolverInput,
  w: Work,
  /** The outside rows of the address and port within `[a − guard, b + guard]`, sorted by `compareRows`. */
  rows: readonly number[],
  ip: string,
  port: number,
  a: number,
  b: number,
): void {
  const c = r.outside;
  let best = Infinity;
  for (let i = 0; i < rows.length; i++) {
    for (let j = i + 1; j < rows.length; j++) {
      const x = rows[i] ?? 0;
      const y = rows[j] ?? 0;
      if (c.target(x) === c.target(y)) continue;
      const gap = (c.starts[y] ?? 0) - (c.ends[x] ?? 0);
      if (gap < 0 || gap > r.guardMs) continue;
      const change = c.starts[y] ?? 0;
      if (change < a - r.guardMs || (c.ends[x] ?? 0) > b + r.guardMs) continue;
      best = Math.min(best, gap);
    }
  }
  if (Number.isFinite(best)) w.reasons.push(portReused(ip, port, best / 1000, r.guardMs / 1000));
}
