/**
 * The AAA sessions held open while the RADIUS records are replayed in time order.
 *
 * One 64-byte row per pair id (a (NAS, Acct-Session-Id), or a private id for a session without
 * one) in a single buffer, read through a float64 and an int32 view: opening a session writes one
 * cache line and closing it — usually much later, at a pair id unrelated to the last one — reads
 * that one line back, where separate columns by pair id cost a cache miss per field.
 *
 * Each NAS keeps the openings it is asked to list (those an Accounting-On/Off still to come may
 * close) in order, as an append-only list of (pair, opening number); a row holds the opening
 * number of its open session (0: closed). An entry is live while its pair is
 * still open with that same number: a pair closed and opened again is listed again at its new
 * position, so the live entries are the NAS's open sessions in opening order (what an
 * Accounting-On/Off closes), with no unlinking at random neighbours. A list is compacted to its
 * live entries when it grows past twice its NAS's open sessions (plus a little): at least half of
 * its entries go, so each opening is checked a bounded number of times and a list stays within
 * twice its NAS's open sessions, however many records the NAS has.
 */

/** Row fields: the float64 index, then int32 indices (the float takes int32 slots 0 and 1). */
const F_START = 0;
const I_SEQ = 2;
const I_NAS = 3;
const I_START_REC = 4;
const I_FLAGS = 5;
const I_ADDR4 = 6;
const I_ADDR6 = 7;
const I_ACCOUNT = 8;
const I_VRF = 9;
const F_ROW = 8;
const I_ROW = 16;
/** Entries a list may hold past twice its open sessions before it is compacted. */
const SLACK = 8;

export class OpenSessionTable {
  private readonly f: Float64Array;
  private readonly i: Int32Array;
  /** Opening numbers, from 1 (0 marks a closed row). */
  private seq = 0;
  private total = 0;
  /** Per NAS: (pair, opening number) of its openings in order, stale ones included. */
  private readonly lists: Int32Array[] = [];
  private readonly lengths: Int32Array;
  private readonly openCounts: Int32Array;

  constructor(
    readonly pairs: number,
    nases: number,
  ) {
    const buffer = new ArrayBuffer(pairs * I_ROW * 4);
    this.f = new Float64Array(buffer);
    this.i = new Int32Array(buffer);
    // Written through once, in order: each page is then mapped by one fault up front, instead of
    // a read fault (the zero page) and then a write fault when a session first opens on it.
    this.i.fill(0);
    this.lengths = new Int32Array(nases);
    this.openCounts = new Int32Array(nases);
  }

  isOpen(p: number): boolean {
    return this.i[p * I_ROW + I_SEQ] !== 0;
  }
  start(p: number): number {
    return this.f[p * F_ROW + F_START] ?? 0;
  }
  startRec(p: number): number {
    return this.i[p * I_ROW + I_START_REC] ?? -1;
  }
  flags(p: number): number {
    return this.i[p * I_ROW + I_FLAGS] ?? 0;
  }
  addr4(p: number): number {
    return this.i[p * I_ROW + I_ADDR4] ?? -1;
  }
  addr6(p: number): number {
    return this.i[p * I_ROW + I_ADDR6] ?? -1;
  }
  account(p: number): number {
    return this.i[p * I_ROW + I_ACCOUNT] ?? -1;
  }
  vrf(p: number): number {
    return this.i[p * I_ROW + I_VRF] ?? -1;
  }

  /**
   * Reads row `p` and returns a field of it: called for the records just ahead, so that their
   * cache misses overlap (the caller keeps the result so the read is not optimised away).
   */
  touch(p: number): number {
    return this.i[p * I_ROW + I_SEQ] ?? 0;
  }

  /** Fills the account and addresses that open session `p` does not know yet (−1) from a record. */
  learn(p: number, account: number, addr4: number, addr6: number): void {
    const at = p * I_ROW;
    const i = this.i;
    if (account >= 0 && (i[at + I_ACCOUNT] ?? -1) < 0) i[at + I_ACCOUNT] = account;
    if (addr4 >= 0 && (i[at + I_ADDR4] ?? -1) < 0) i[at + I_ADDR4] = addr4;
    if (addr6 >= 0 && (i[at + I_ADDR6] ?? -1) < 0) i[at + I_ADDR6] = addr6;
  }

  /** Opens a session on closed row `p` (not listed in its NAS's opening order: see `list`). */
  open(
    p: number,
    nas: number,
    start: number,
    startRec: number,
    flags: number,
    addr4: number,
    addr6: number,
    account: number,
    vrf: number,
  ): void {
    this.f[p * F_ROW + F_START] = start;
    const at = p * I_ROW;
    const i = this.i;
    i[at + I_SEQ] = ++this.seq;
    i[at + I_NAS] = nas;
    i[at + I_START_REC] = startRec;
    i[at + I_FLAGS] = flags;
    i[at + I_ADDR4] = addr4;
    i[at + I_ADDR6] = addr6;
    i[at + I_ACCOUNT] = account;
    i[at + I_VRF] = vrf;
    this.total++;
    this.openCounts[nas] = (this.openCounts[nas] ?? 0) + 1;
  }

  /**
   * Lists the session just opened on row `p` last in its NAS's opening order, for an
   * Accounting-On/Off of that NAS still to come (a session opened after its NAS's last one need
   * not be listed: nothing walks the list again).
   */
  list(p: number): void {
    const at = p * I_ROW;
    const seq = this.i[at + I_SEQ] ?? 0;
    const nas = this.i[at + I_NAS] ?? 0;
    let length = this.lengths[nas] ?? 0;
    if (length > 2 * (this.openCounts[nas] ?? 0) + SLACK) length = this.compact(nas, length);
    let list = this.lists[nas];
    if (list === undefined || 2 * length + 2 > list.length) {
      const grown = new Int32Array(Math.max(16, 4 * length + 4));
      if (list !== undefined) grown.set(list.subarray(0, 2 * length));
      this.lists[nas] = list = grown;
    }
    list[2 * length] = p;
    list[2 * length + 1] = seq;
    this.lengths[nas] = length + 1;
  }

  /** Sessions open now, on all NASes. */
  get openTotal(): number {
    return this.total;
  }

  /** Marks open row `p` closed. */
  close(p: number): void {
    const at = p * I_ROW;
    this.i[at + I_SEQ] = 0;
    this.total--;
    const nas = this.i[at + I_NAS] ?? 0;
    this.openCounts[nas] = (this.openCounts[nas] ?? 1) - 1;
  }

  /** The open sessions of `nas` in opening order; its list is emptied (the caller closes them). */
  takeNas(nas: number): number[] {
    const out: number[] = [];
    const list = this.lists[nas];
    const length = this.lengths[nas] ?? 0;
    if (list === undefined) return out;
    for (let k = 0; k < length; k++) {
      const p = list[2 * k] ?? 0;
      if (this.i[p * I_ROW + I_SEQ] === list[2 * k + 1]) out.push(p);
    }
    this.lengths[nas] = 0;
    return out;
  }

  /** Keeps the live entries of `nas`'s list, in order; returns its new length. */
  private compact(nas: number, length: number): number {
    const list = this.lists[nas];
    if (list === undefined) return 0;
    let kept = 0;
    for (let k = 0; k < length; k++) {
      const p = list[2 * k] ?? 0;
      const seq = list[2 * k + 1] ?? 0;
      if (this.i[p * I_ROW + I_SEQ] !== seq) continue;
      list[2 * kept] = p;
      list[2 * kept + 1] = seq;
      kept++;
    }
    return kept;
  }
}
