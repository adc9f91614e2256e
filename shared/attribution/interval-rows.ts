/**
 * Staged interval rows: 64 bytes, one cache line each — start and end as float64 (slots 0 and 1
 * of the row's eight), the integer fields as int32 from byte 16 (slots 4… of the row's sixteen).
 * The replays write them in the order intervals end; the outside index reads its rows' fields
 * from here (one cache miss for all of a row's fields).
 */
export const ROW_BYTES = 64;
export const F_ROW = 8;
export const I_ROW = 16;
export const F_START = 0;
export const F_END = 1;
export const I_KEY = 4;
export const I_PORT_LO = 5;
export const I_PORT_HI = 6;
export const I_FLAGS = 7;
export const I_START_REC = 8;
export const I_END_REC = 9;
export const I_TARGET = 10;
export const I_KIND = 11;
export const I_VRF = 12;
/** The replay's number for the row's (key, port range), or −1 (see `groupByTriple`'s hint). */
export const I_TRIPLE = 13;

/**
 * Read access to staged rows by their number (the order they were written in): the fields the
 * outside index does not keep as columns of its own (it keeps start and end).
 */
export class IntervalRows {
  constructor(
    private readonly f: Float64Array,
    private readonly i: Int32Array,
  ) {}

  key(row: number): number {
    return this.i[row * I_ROW + I_KEY] ?? -1;
  }
  portLo(row: number): number {
    return this.i[row * I_ROW + I_PORT_LO] ?? 0;
  }
  portHi(row: number): number {
    return this.i[row * I_ROW + I_PORT_HI] ?? 0;
  }
  flags(row: number): number {
    return this.i[row * I_ROW + I_FLAGS] ?? 0;
  }
  startRec(row: number): number {
    return this.i[row * I_ROW + I_START_REC] ?? -1;
  }
  endRec(row: number): number {
    return this.i[row * I_ROW + I_END_REC] ?? -1;
  }
  target(row: number): number {
    return this.i[row * I_ROW + I_TARGET] ?? -1;
  }
  kind(row: number): number {
    return this.i[row * I_ROW + I_KIND] ?? -1;
  }
}
