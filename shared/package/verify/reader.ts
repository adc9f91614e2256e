import type { PackageFindingCode } from '../finding-codes';

/** A regular file of the package, by its bag path (`/`-separated, relative to the bag root). */
export interface PackageFile {
  readonly path: string;
  readonly size: number;
}

/** Something the reader met while listing: an unsafe zip entry, a symbolic link in a folder. */
export interface ReaderFinding {
  readonly code: PackageFindingCode;
  readonly file: string;
  readonly message: string;
}

export interface PackageListing {
  readonly files: readonly PackageFile[];
  readonly findings: readonly ReaderFinding[];
}

export type ChunkSink = (chunk: Uint8Array) => void | Promise<void>;

/**
 * A package behind one interface, whether a folder (Node) or a zip (Node fd, or a browser File):
 * the verifier only lists files and streams their bytes. Readers throw `PackageError`s: a
 * listing that cannot be made at all, a file that cannot be read, a zip entry that fails its CRC.
 */
export interface PackageReader {
  readonly form: 'folder' | 'zip';
  /** The package as the user named it (for messages). */
  readonly label: string;
  list(): Promise<PackageListing>;
  /** Streams the bytes of a listed file in chunks (each chunk may be reused after the sink returns). */
  stream(path: string, sink: ChunkSink): Promise<void>;
}
