import { deflateSync } from 'fflate';
import { crc32 } from '../../../../../shared/package/zip';

/**
 * Hand-built zips, byte by byte (APPNOTE 6.3.10 layouts), so tests can make every lie a hostile
 * archive can tell: wrong sizes, names, CRCs, offsets, overlapping entries, ZIP64 records.
 */
export interface CraftEntry {
  name: string | Uint8Array;
  data?: Uint8Array;
  method?: 0 | 8 | number;
  /** Overrides of what the headers declare. */
  crc?: number;
  csize?: number;
  usize?: number;
  flags?: number;
  /** Version made by, high byte (3 = Unix). */
  madeBy?: number;
  external?: number;
  /** Local header name, when it should differ from the central one. */
  localName?: string;
  /** Point the central entry at another entry's local header (overlap). */
  offsetOf?: number;
  /** Bytes to use as the (compressed) data instead of compressing `data`. */
  raw?: Uint8Array;
}

export interface CraftOptions {
  zip64?: boolean;
  comment?: string;
  trailing?: Uint8Array;
  /** Declared entry count, when it should lie. */
  count?: number;
}

const enc = new TextEncoder();

class Out {
  parts: number[] = [];
  u16(v: number) {
    this.parts.push(v & 0xff, (v >>> 8) & 0xff);
  }
  u32(v: number) {
    this.u16(v & 0xffff);
    this.u16(Math.floor(v / 0x10000) & 0xffff);
  }
  u64(v: number) {
    this.u32(v % 0x1_0000_0000);
    this.u32(Math.floor(v / 0x1_0000_0000));
  }
  bytes(b: Uint8Array) {
    for (const x of b) this.parts.push(x);
  }
  get length() {
    return this.parts.length;
  }
}

export function craftZip(entries: CraftEntry[], options: CraftOptions = {}): Uint8Array {
  const out = new Out();
  const offsets: number[] = [];
  const central: {
    e: CraftEntry;
    name: Uint8Array;
    crc: number;
    csize: number;
    usize: number;
    offset: number;
  }[] = [];
  entries.forEach((e, i) => {
    const data = e.data ?? new Uint8Array(0);
    const method = e.method ?? 0;
    const body = e.raw ?? (method === 8 ? deflateSync(data) : data);
    const name = typeof e.name === 'string' ? enc.encode(e.name) : e.name;
    const localName = e.localName === undefined ? name : enc.encode(e.localName);
    const crc = e.crc ?? crc32(data);
    const csize = e.csize ?? body.length;
    const usize = e.usize ?? data.length;
    const offset = e.offsetOf === undefined ? out.length : offsets[e.offsetOf]!;
    offsets.push(out.length);
    out.u32(0x04034b50);
    out.u16(options.zip64 ? 45 : 20);
    out.u16(e.flags ?? 0x800);
    out.u16(method);
    out.u16(0);
    out.u16(0x21);
    out.u32(crc);
    out.u32(options.zip64 ? 0xffffffff : csize);
    out.u32(options.zip64 ? 0xffffffff : usize);
    out.u16(localName.length);
    out.u16(options.zip64 ? 20 : 0);
    out.bytes(localName);
    if (options.zip64) {
      out.u16(1);
      out.u16(16);
      out.u64(usize);
      out.u64(csize);
    }
    out.bytes(body);
    central.push({ e, name, crc, csize, usize, offset });
    void i;
  });
  const cdStart = out.length;
  for (const { e, name, crc, csize, usize, offset } of central) {
    out.u32(0x02014b50);
    out.u16(((e.madeBy ?? 3) << 8) | 45);
    out.u16(options.zip64 ? 45 : 20);
    out.u16(e.flags ?? 0x800);
    out.u16(e.method ?? 0);
    out.u16(0);
    out.u16(0x21);
    out.u32(crc);
    out.u32(options.zip64 ? 0xffffffff : csize);
    out.u32(options.zip64 ? 0xffffffff : usize);
    out.u16(name.length);
    out.u16(options.zip64 ? 28 : 0);
    out.u16(0);
    out.u16(0);
    out.u16(0);
    out.u32(e.external ?? (0o100644 << 16) >>> 0);
    out.u32(options.zip64 ? 0xffffffff : offset);
    out.bytes(name);
    if (options.zip64) {
      out.u16(1);
      out.u16(24);
      out.u64(usize);
      out.u64(csize);
      out.u64(offset);
    }
  }
  const cdSize = out.length - cdStart;
  const count = options.count ?? entries.length;
  if (options.zip64) {
    const at64 = out.length;
    out.u32(0x06064b50);
    out.u64(44);
    out.u16(45);
    out.u16(45);
    out.u32(0);
    out.u32(0);
    out.u64(count);
    out.u64(count);
    out.u64(cdSize);
    out.u64(cdStart);
    out.u32(0x07064b50);
    out.u32(0);
    out.u64(at64);
    out.u32(1);
  }
  const comment = enc.encode(options.comment ?? '');
  out.u32(0x06054b50);
  out.u16(0);
  out.u16(0);
  out.u16(options.zip64 ? 0xffff : count);
  out.u16(options.zip64 ? 0xffff : count);
  out.u32(options.zip64 ? 0xffffffff : cdSize);
  out.u32(options.zip64 ? 0xffffffff : cdStart);
  out.u16(comment.length);
  out.bytes(comment);
  if (options.trailing) out.bytes(options.trailing);
  return Uint8Array.from(out.parts);
}
