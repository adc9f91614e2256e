import { GrowableFloat64, GrowableInt32, Interner } from './columns';
import { CoverageBuilder } from './intervals';
import { canonicalIpv4, Ipv4Table } from './ipv4-ids';
import { RecordTable } from './records';

/** Growable columns of one staged record family. */
export class Staged {
  readonly cols: Record<string, GrowableFloat64 | GrowableInt32> = {};
  private readonly entries: Array<[string, GrowableFloat64 | GrowableInt32]>;
  length = 0;
  constructor(floats: readonly string[], ints: readonly string[]) {
    for (const f of floats) this.cols[f] = new GrowableFloat64(256);
    for (const i of ints) this.cols[i] = new GrowableInt32(256);
    this.entries = Object.entries(this.cols);
  }
  f(name: string): GrowableFloat64 {
    const c = this.cols[name];
    if (!(c instanceof GrowableFloat64)) throw new Error(`no float column ${name}`);
    return c;
  }
  i(name: string): GrowableInt32 {
    const c = this.cols[name];
    if (!(c instanceof GrowableInt32)) throw new Error(`no int column ${name}`);
    return c;
  }
  push(values: Record<string, number>): number {
    for (const [name, col] of this.entries) col.push(values[name] ?? -1);
    return this.length++;
  }
}

/**
 * Port-block records as staged (millions of rows: pushed positionally, no row objects). The
 * corrected time is not kept twice: it is the record table's, gathered by record at build time.
 */
export class PortblockStage {
  private readonly rec = new GrowableInt32(256);
  private readonly ev = new GrowableInt32(256);
  private readonly outside = new GrowableInt32(256);
  private readonly lo = new GrowableInt32(256);
  private readonly hi = new GrowableInt32(256);
  private readonly inside = new GrowableInt32(256);

  get length(): number {
    return this.rec.length;
  }

  push(rec: number, ev: number, outside: number, lo: number, hi: number, inside: number): void {
    this.rec.push(rec);
    this.ev.push(ev);
    this.outside.push(outside);
    this.lo.push(lo);
    this.hi.push(hi);
    this.inside.push(inside);
  }

  /** The columns, and the time of each row gathered from `records` (a fresh array). */
  columns(records: RecordTable): {
    ts: Float64Array;
    rec: Int32Array;
    ev: Int32Array;
    outside: Int32Array;
    lo: Int32Array;
    hi: Int32Array;
    inside: Int32Array;
  } {
    const ts = new Float64Array(this.length);
    for (let i = 0; i < ts.length; i++) ts[i] = records.tsOf(this.rec.data[i] ?? -1);
    return {
      ts,
      rec: this.rec.data,
      ev: this.ev.data,
      outside: this.outside.data,
      lo: this.lo.data,
      hi: this.hi.data,
      inside: this.inside.data,
    };
  }
}

/** Shared interners, the record table, coverage and staging of everything `addRecords` saw. */
export class EngineState {
  readonly records = new RecordTable();
  readonly addresses = new Interner();
  readonly vrfs = new Interner();
  readonly accounts = new Interner();
  /** Which event field an account id was read from (`user`, `subscriber`, `mac`, …), by account id. */
  readonly accountFields = new Interner();
  readonly accountField = new GrowableInt32();
  readonly strings = new Interner();
  /** Inside endpoints (NAT targets): address id, VRF id (−1 none), DS-Lite B4 address id (−1). */
  readonly insideAddr = new GrowableInt32();
  readonly insideVrf = new GrowableInt32();
  readonly insideB4 = new GrowableInt32();
  private readonly insideIds = new Map<string, number>();
  /** Inside endpoint id of a bare address (no VRF, no B4), by address id; −1 none yet. */
  private readonly plainInside = new GrowableInt32();
  /** Address text as given → its index key (normalised) id, so each text is parsed once. */
  private readonly addressKeyIds = new Map<string, number>();
  /** Address id of a canonical IPv4 text, by its numeric value (the fast road of the two above). */
  private readonly ipv4Ids = new Ipv4Table();
  /** 1 for address ids made from canonical IPv4 text (the fast road above). */
  private ipv4Flags = new Uint8Array(1024);
  /** AAA pairing: NAS id → Acct-Session-Id → pair id. */
  readonly nases = new Interner();
  private readonly sessionPairs: Array<Map<string, number>> = [];
  private pairCount = 0;
  readonly coverage = new CoverageBuilder();
  /** IPv6 (and IPv4) prefix lengths held in the address index. */
  readonly prefixLengths = new Set<number>();
  /** Last record time per family, for closing open intervals at the end of coverage. */
  readonly familyMax = new Map<string, number>();

  readonly familyMin = new Map<string, number>();

  readonly natSessions = new Staged(
    ['ts'],
    ['rec', 'ev', 'outside', 'proto', 'port', 'inside', 'inPort', 'dest', 'dPort'],
  );
  readonly portblocks = new PortblockStage();
  readonly aaa = new Staged(
    ['ts', 'sessionTime'],
    ['rec', 'ev', 'pair', 'nas', 'addr4', 'addr6', 'account', 'vrf'],
  );
  readonly dhcp = new Staged(['start', 'end'], ['rec', 'addr', 'account', 'held', 'open']);
  readonly isp = new Staged(['start', 'end'], ['rec', 'addr', 'lo', 'hi', 'account', 'open']);

  noteTime(family: string, t: number): void {
    if (!Number.isFinite(t)) return;
    const cur = this.familyMax.get(family);
    if (cur === undefined || t > cur) this.familyMax.set(family, t);
    const min = this.familyMin.get(family);
    if (min === undefined || t < min) this.familyMin.set(family, t);
  }

  account(value: string, field: string): number {
    const id = this.accounts.intern(value);
    if (id === this.accountField.length) this.accountField.push(this.accountFields.intern(field));
    return id;
  }

  inside(addr: number, vrf: number, b4: number): number {
    if (vrf < 0 && b4 < 0) {
      while (this.plainInside.length <= addr) this.plainInside.push(-1);
      let plain = this.plainInside.get(addr);
      if (plain < 0) {
        plain = this.insideAddr.push(addr);
        this.insideVrf.push(-1);
        this.insideB4.push(-1);
        this.plainInside.set(addr, plain);
      }
      return plain;
    }
    const name = `${addr}|${vrf}|${b4}`;
    let id = this.insideIds.get(name);
    if (id === undefined) {
      id = this.insideAddr.push(addr);
      this.insideVrf.push(vrf);
      this.insideB4.push(b4);
      this.insideIds.set(name, id);
    }
    return id;
  }

  /** `addresses.intern(text)`, by number when the text is a canonical IPv4 address. */
  addressId(text: string): number {
    const v4 = canonicalIpv4(text);
    if (v4 < 0) return this.addresses.intern(text);
    let id = this.ipv4Ids.get(v4);
    if (id < 0) {
      this.ipv4Ids.set(v4, (id = this.addresses.intern(text)));
      if (id >= this.ipv4Flags.length) {
        const grown = new Uint8Array(Math.max(1024, 2 * id + 2));
        grown.set(this.ipv4Flags);
        this.ipv4Flags = grown;
      }
      this.ipv4Flags[id] = 1;
    }
    return id;
  }

  /** True when address id `id` is known to be a plain (canonical) IPv4 address. */
  isPlainIpv4Id(id: number): boolean {
    return this.ipv4Flags[id] === 1;
  }

  /**
   * Per inside endpoint: the address-index key the account step looks up when that is simply its
   * own IPv4 address (no DS-Lite B4 address), else −1 (the caller works the keys out in full).
   */
  insideJoinKeys(): Int32Array {
    const n = this.insideAddr.length;
    const keys = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const addr = this.insideAddr.get(i);
      keys[i] = this.insideB4.get(i) < 0 && this.isPlainIpv4Id(addr) ? addr : -1;
    }
    return keys;
  }

  /** The address-index id of an address text (normalised with `normalize` on first sight). */
  addressKey(text: string, normalize: (text: string) => string): number {
    if (canonicalIpv4(text) >= 0) return this.addressId(text); // already normal
    let id = this.addressKeyIds.get(text);
    if (id === undefined) {
      id = this.addresses.intern(normalize(text));
      this.addressKeyIds.set(text, id);
    }
    return id;
  }

  get sessionPairCount(): number {
    return this.pairCount;
  }

  /** A dense id for (NAS, Acct-Session-Id). */
  sessionPair(nas: number, sessionId: string): number {
    let ids = this.sessionPairs[nas];
    if (ids === undefined) this.sessionPairs[nas] = ids = new Map();
    let id = ids.get(sessionId);
    if (id === undefined) ids.set(sessionId, (id = this.pairCount++));
    return id;
  }

  vrfId(vrf: string | undefined): number {
    return vrf === undefined || vrf === '' ? -1 : this.vrfs.intern(vrf);
  }
}
