import { SealcaseError } from './sealcase-error';

/**
 * Codes of the package area (issue 8): the zip reader, the package readers and the package
 * verifier. The same codes name thrown `PackageError`s (a reader cannot go on) and verification
 * findings (`{ code, file, message }`), so a zip problem met while hashing a payload file is
 * reported under the code the reader threw.
 */
export const PACKAGE_ERROR_CODES = [
  // — zip container (names as in shared/package/FORMAT.md §8) —
  /** The zip structure is damaged or lies: no end record, bad offsets, overlapping entries, an
   *  entry whose local and central headers differ or whose data is not its declared size. */
  'ZIP_MALFORMED',
  /** An entry name is unsafe: `..`, absolute, backslash, drive letter, NUL or control character. */
  'ZIP_UNSAFE_PATH',
  /** Two entries with one name after Unicode NFC and case folding, or a file that is another's folder. */
  'ZIP_DUPLICATE_ENTRY',
  /** Too many entries, too large a central directory or name, or too many bytes in all. */
  'ZIP_TOO_LARGE',
  /** A deflated entry declares more than the ratio limit allows (a zip bomb). */
  'ZIP_RATIO',
  /** An entry's bytes do not match its CRC-32. */
  'ZIP_CRC_MISMATCH',
  /** A zip feature Sealcase does not read: encryption, multi-disk, symlinks, other methods. */
  'ZIP_UNSUPPORTED',
  /** The zip does not hold one bag: no single top folder with a bag in it. */
  'ZIP_LAYOUT',
  // — opening a package (exit 2 in the CLI) —
  /** The package path does not exist or cannot be read. */
  'PKG_UNREADABLE',
  /** The path is neither a package folder nor a zip holding one. */
  'PKG_NOT_A_PACKAGE',
  /** Reading a file of an opened package failed. */
  'PKG_IO',
  /** A package file is larger than a bounded read allows (tag files, signatures, ledger lines). */
  'PKG_FILE_TOO_LARGE',
  /** A file named in the package is not in it. */
  'PKG_FILE_NOT_FOUND',
] as const;
export type PackageErrorCode = (typeof PACKAGE_ERROR_CODES)[number];

export class PackageError extends SealcaseError<PackageErrorCode> {
  readonly area = 'package';
  override readonly name = 'PackageError';
}
