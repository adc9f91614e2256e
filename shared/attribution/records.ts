import type { EventZone, Locator } from '../model/event';
import { GrowableFloat64, GrowableInt32, Interner } from './columns';
import { msToIso } from './time';
import type { RecordRef } from './types';

/** Zone bits kept per record (and OR-ed per interval). */
export const ZONE_DECLARED_BIT = 1;
export const ZONE_AMBIGUOUS_BIT = 2;
export const ZONE_UNKNOWN_BIT = 4;

export function zoneBits(zone: EventZone | undefined): number {
  if (zone === undefined) return 0;
  let bits = 0;
  if (zone.source === 'declared') bits |= ZONE_DECLARED_BIT;
  if (zone.source === 'unknown') bits |= ZONE_UNKNOWN_BIT;
  if (zone.ambiguous === true) bits |= ZONE_AMBIGUOUS_BIT;
  return bits;
}

/**
 * Every record the engine used, as columns: artefact id, locator (line numbers inline, other
 * locators in a side map), corrected time, zone bits. Intervals point here by record index.
 */
export class RecordTable {
  readonly artefacts = new Interner();
  private readonly artefact = new GrowableInt32();
  private readonly line = new GrowableInt32();
  private readonly ts = new GrowableFloat64();
  private readonly zone = new GrowableInt32();
  private readonly otherLocators = new Map<number, Locator>();

  get size(): number {
    return this.artefact.length;
  }

  add(artefact: string | undefined, locator: Locator, tsMs: number, zone: number): number {
    const id = this.artefact.push(artefact === undefined ? -1 : this.artefacts.intern(artefact));
    // A line locator (`{ line }`); a header locator may carry a line too, so it goes aside.
    if ('line' in locator && locator.line !== undefined && !('header' in locator)) {
      this.line.push(locator.line);
    } else {
      this.line.push(-1);
      this.otherLocators.set(id, locator);
    }
    this.ts.push(tsMs);
    this.zone.push(zone);
    return id;
  }

  tsOf(id: number): number {
    return this.ts.get(id);
  }
  zoneOf(id: number): number {
    return id < 0 ? 0 : this.zone.get(id);
  }
  artefactOf(id: number): string | undefined {
    const a = this.artefact.get(id);
    return a < 0 ? undefined : this.artefacts.value(a);
  }
  artefactIdOf(id: number): number {
    return this.artefact.get(id);
  }
  locatorOf(id: number): Locator {
    const line = this.line.get(id);
    if (line >= 0) return { line };
    return this.otherLocators.get(id) ?? { offset: 0 };
  }

  /** The record as a path reference; `locator` may be passed when the caller already has it. */
  ref(id: number, role: RecordRef['role'], locator: Locator = this.locatorOf(id)): RecordRef {
    const artefact = this.artefactOf(id);
    const ts = this.tsOf(id);
    const ref: { -readonly [K in keyof RecordRef]: RecordRef[K] } = {
      role,
      locator,
      ts: Number.isFinite(ts) ? msToIso(ts) : null,
    };
    if (artefact !== undefined) ref.artefact = artefact;
    return ref;
  }
}
