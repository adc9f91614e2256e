import { PackageError } from '../../errors';

/** Little-endian field readers over a header's bytes (zip is little-endian throughout). */
export function u16(b: Uint8Array, at: number): number {
  return (b[at] as number) | ((b[at + 1] as number) << 8);
}

export function u32(b: Uint8Array, at: number): number {
  return (
    ((b[at] as number) |
      ((b[at + 1] as number) << 8) |
      ((b[at + 2] as number) << 16) |
      ((b[at + 3] as number) << 24)) >>>
    0
  );
}

/** An unsigned 64-bit field; above 2^53 − 1 it cannot be an offset or size in any real file. */
export function u64(b: Uint8Array, at: number, what: string): number {
  const lo = u32(b, at);
  const hi = u32(b, at + 4);
  if (hi >= 0x200000) throw new PackageError('ZIP_MALFORMED', `${what} is larger than 2^53`);
  return hi * 0x1_0000_0000 + lo;
}
