import { ZIP_LIMITS } from '../layout';

/**
 * Bounds on what a zip may make the reader do (FORMAT.md §8). Every limit ends the read with a
 * code instead of memory or time growing with hostile input.
 */
export interface ZipLimits {
  /** Entries in the central directory (files and folders). */
  readonly maxEntries: number;
  /** Bytes of the central directory itself (read into memory at once). */
  readonly maxCentralDirectoryBytes: number;
  /** Sum of the declared uncompressed sizes of all entries. */
  readonly maxTotalUncompressed: number;
  /** A deflated entry may declare at most `maxRatio × compressed + ratioSlackBytes` bytes. */
  readonly maxRatio: number;
  readonly ratioSlackBytes: number;
  /** UTF-8 bytes of one entry name. */
  readonly maxNameBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  ...ZIP_LIMITS,
  // ≈ 100 bytes per entry for 100,000 entries, with room for long names.
  maxCentralDirectoryBytes: 64 * 1024 * 1024,
  maxNameBytes: 4096,
};
