import type { Locator, SealcaseEvent } from '../model/event';
import { buildAaa, stageAaa } from './aaa-index';
import { deterministicLayout } from './deterministic-nat';
import { IntervalIndexBuilder, type IntervalIndex } from './intervals';
import { buildDhcp, buildIsp, stageDhcp, stageIsp } from './lease-index';
import { mapRuleLayout } from './map-port-set';
import { BoundedMemo } from './memo';
import { buildNatSessions, stageNatSession } from './nat-index';
import { buildPortblocks, stagePortblock } from './portblock-index';
import { zoneBits } from './records';
import { attributeSet } from './result-set';
import { resolveObservation, type DetEntry, type MapEntry, type ResolverInput } from './resolve';
import { EngineState } from './state';
import { isoUtcToMs } from './time';
import {
  ATTRIBUTION_ENGINE_VERSION,
  type AttributionEngine,
  type AttributionOptions,
  type AttributionResult,
  type AttributionResultSet,
  type BuildSummary,
  type EngineWarning,
  type Observation,
} from './types';

const MAX_EXAMPLES = 5;

class Warnings {
  private readonly byCode = new Map<
    string,
    { message: string; count: number; examples: Array<{ artefact?: string; locator: Locator }> }
  >();
  add(code: string, message: string, artefact?: string, locator?: Locator): void {
    let w = this.byCode.get(code);
    if (w === undefined) this.byCode.set(code, (w = { message, count: 0, examples: [] }));
    w.count++;
    if (locator !== undefined && w.examples.length < MAX_EXAMPLES) {
      w.examples.push(artefact === undefined ? { locator } : { artefact, locator });
    }
  }
  list(): EngineWarning[] {
    return [...this.byCode.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([code, w]) => ({ code, message: w.message, count: w.count, examples: w.examples }));
  }
  count(): number {
    let n = 0;
    for (const w of this.byCode.values()) n += w.count;
    return n;
  }
}

const USED_TYPES = new Set([
  'nat:session',
  'nat:portblock',
  'aaa:session',
  'dhcp:lease',
  'isp:assignment',
]);

/**
 * `const engine = createAttributionEngine(options); engine.addRecords(batch); …; engine.build();
 * engine.attribute(observation)`. Records may be added after `build()`; the next `build()` (or the
 * next `attribute`) re-pairs everything added so far.
 */
export function createAttributionEngine(options: AttributionOptions = {}): AttributionEngine {
  const state = new EngineState();
  const warnings = new Warnings();
  const skipped = new Warnings();
  const corrections = new Map<string, number>();
  for (const [sha, seconds] of Object.entries(options.clockCorrections ?? {})) {
    if (Number.isFinite(seconds)) corrections.set(sha.toLowerCase(), seconds * 1000);
  }
  const shift = (artefact: string | undefined): number =>
    artefact === undefined ? 0 : (corrections.get(artefact) ?? 0);
  const toleranceMs = Math.max(0, (options.toleranceSeconds ?? 0) * 1000);
  const guardMs = Math.max(0, (options.reuseGuardSeconds ?? 120) * 1000);

  const det: DetEntry[] = [];
  for (const config of options.deterministicNat ?? []) {
    const layout = deterministicLayout(config);
    if (!layout.ok) {
      warnings.add(
        'ATTRIBUTION_DETNAT_INVALID',
        `deterministic NAT configuration unusable: ${layout.reason}`,
      );
      continue;
    }
    const s = shift(config.artefact);
    const from =
      config.validFrom === undefined ? -Infinity : (isoUtcToMs(config.validFrom) ?? NaN) + s;
    const to = config.validTo === undefined ? Infinity : (isoUtcToMs(config.validTo) ?? NaN) + s;
    if (Number.isNaN(from) || Number.isNaN(to)) {
      warnings.add(
        'ATTRIBUTION_DETNAT_INVALID',
        'deterministic NAT validity is not an ISO UTC instant',
      );
      continue;
    }
    det.push({ config, layout: layout.layout, from, to });
  }
  const map: MapEntry[] = [];
  for (const rule of options.mapRules ?? []) {
    const layout = mapRuleLayout(rule);
    if ('error' in layout) {
      warnings.add('ATTRIBUTION_MAP_RULE_INVALID', `MAP rule unusable: ${layout.error}`);
      continue;
    }
    const s = shift(rule.artefact);
    const from = rule.validFrom === undefined ? -Infinity : (isoUtcToMs(rule.validFrom) ?? NaN) + s;
    const to = rule.validTo === undefined ? Infinity : (isoUtcToMs(rule.validTo) ?? NaN) + s;
    if (Number.isNaN(from) || Number.isNaN(to)) {
      warnings.add('ATTRIBUTION_MAP_RULE_INVALID', 'MAP rule validity is not an ISO UTC instant');
      continue;
    }
    map.push({ rule, layout, from, to });
  }

  let resolver: ResolverInput | null = null;
  let outsideSize = 0;
  let addressSize = 0;

  const timeOf = (text: string | null | undefined, s: number): number | null | undefined => {
    if (text === undefined) return undefined;
    if (text === null) return null;
    const ms = isoUtcToMs(text);
    return ms === null ? null : ms + s;
  };

  const addOne = (e: SealcaseEvent): void => {
    if (!USED_TYPES.has(e.type)) return;
    if (e.ts === null) {
      skipped.add(
        'ATTRIBUTION_TIME_UNKNOWN',
        'records whose time could not be known (ts: null) were skipped: they cannot be placed in time',
        e.artefact,
        e.locator,
      );
      return;
    }
    const s = shift(e.artefact);
    const ts = isoUtcToMs(e.ts);
    if (ts === null) {
      skipped.add(
        'ATTRIBUTION_TIME_INVALID',
        'records with an unreadable ts were skipped',
        e.artefact,
        e.locator,
      );
      return;
    }
    const at = ts + s;
    const zone = zoneBits(e.zone);
    switch (e.type) {
      case 'nat:session':
        stageNatSession(state, e, at, state.records.add(e.artefact, e.locator, at, zone));
        break;
      case 'nat:portblock':
        stagePortblock(state, e, at, state.records.add(e.artefact, e.locator, at, zone));
        break;
      case 'aaa:session':
        stageAaa(state, e, at, state.records.add(e.artefact, e.locator, at, zone));
        break;
      case 'dhcp:lease': {
        const start = timeOf(e.start, s);
        const end = timeOf(e.end, s);
        if (start === null) {
          skipped.add(
            'ATTRIBUTION_LEASE_START_UNKNOWN',
            'leases whose start could not be known were skipped',
            e.artefact,
            e.locator,
          );
          return;
        }
        const begin = start ?? at;
        const finish = end ?? Infinity;
        if (finish < begin) {
          skipped.add(
            'ATTRIBUTION_WINDOW_REVERSED',
            'records whose end is before their start were skipped',
            e.artefact,
            e.locator,
          );
          return;
        }
        stageDhcp(state, e, begin, finish, state.records.add(e.artefact, e.locator, begin, zone));
        break;
      }
      case 'isp:assignment': {
        const start = timeOf(e.start, s);
        const end = timeOf(e.end, s);
        if (start === null) {
          skipped.add(
            'ATTRIBUTION_ROW_START_UNKNOWN',
            'ISP rows whose start could not be known were skipped',
            e.artefact,
            e.locator,
          );
          return;
        }
        const begin = start ?? (end === undefined || end === null ? at : end);
        const finish = end ?? Infinity;
        if (finish < begin) {
          skipped.add(
            'ATTRIBUTION_WINDOW_REVERSED',
            'records whose end is before their start were skipped',
            e.artefact,
            e.locator,
          );
          return;
        }
        stageIsp(state, e, begin, finish, state.records.add(e.artefact, e.locator, begin, zone));
        break;
      }
      case 'http:access':
      case 'ssh:auth':
      case 'email:message':
      case 'email:received':
        break;
    }
  };

  const build = (): BuildSummary => {
    // At most one interval per NAT record; two per AAA record (IPv4 and IPv6), one per lease/row.
    const outside = new IntervalIndexBuilder(state.natSessions.length + state.portblocks.length);
    buildNatSessions(state, outside);
    buildPortblocks(state, outside);
    const address = new IntervalIndexBuilder(
      2 * state.aaa.length + state.dhcp.length + state.isp.length,
    );
    buildAaa(state, address);
    buildDhcp(state, address);
    buildIsp(state, address);
    const keyCount = state.addresses.size;
    const outsideIndex = outside.buildByPort(keyCount);
    const addressIndex: IntervalIndex = address.build(keyCount);
    outsideSize = outsideIndex.size;
    addressSize = addressIndex.size;
    resolver = {
      state,
      outside: outsideIndex,
      address: addressIndex,
      det,
      map,
      toleranceMs,
      guardMs,
      corrections,
      observedIps: new BoundedMemo(),
      insideKeys: [],
      insideJoinKeys: state.insideJoinKeys(),
      anyVrf: state.vrfs.size > 0,
    };
    return summary();
  };

  const allWarnings = (): EngineWarning[] => [...warnings.list(), ...skipped.list()];
  const summary = (): BuildSummary => ({
    records: state.records.size,
    intervals: { outside: outsideSize, address: addressSize },
    skipped: skipped.count(),
    warnings: allWarnings(),
  });

  const ready = (): ResolverInput => {
    if (resolver === null) build();
    if (resolver === null) throw new Error('unreachable: build() sets the resolver');
    return resolver;
  };

  return {
    version: ATTRIBUTION_ENGINE_VERSION,
    addRecords(events: Iterable<SealcaseEvent>): void {
      for (const e of events) addOne(e);
      resolver = null;
    },
    build,
    attribute(observation: Observation): AttributionResult {
      return resolveObservation(ready(), observation);
    },
    attributeAll(observations: Iterable<Observation>): AttributionResult[] {
      const r = ready();
      const out: AttributionResult[] = [];
      for (const o of observations) out.push(resolveObservation(r, o));
      return out;
    },
    attributeSet(observations: readonly Observation[]): AttributionResultSet {
      return attributeSet(ready(), observations);
    },
    warnings: allWarnings,
  };
}
