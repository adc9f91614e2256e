import { GrowableFloat64, GrowableInt32, Interner } from './columns';
import { CoverageBuilder } from './intervals';
import { RecordTable } from './records';

/** Growable columns of one staged record family. */
export class Staged {
  readonly cols: Record<string, GrowableFloat64 | GrowableInt32> = {};
  length = 0;
  constructor(floats: readonly string[], ints: readonly string[]) {
    for (const f of floats) this.cols[f] = new GrowableFloat64(256);
    for (const i of ints) this.cols[i] = new GrowableInt32(256);
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
    for (const [name, col] of Object.entries(this.cols)) col.push(values[name] ?? -1);
    return this.length++;
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
  readonly portblocks = new Staged(['ts'], ['rec', 'ev', 'outside', 'lo', 'hi', 'inside']);
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

  vrfId(vrf: string | undefined): number {
    return vrf === undefined || vrf === '' ? -1 : this.vrfs.intern(vrf);
  }
}
