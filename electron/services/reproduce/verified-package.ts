/**
 * The package as reproduce reads it: every file it reads must be listed in
 * `manifest-sha256.txt`, and each complete pass over a file is hashed on the way and compared
 * with its line. What was compared is therefore exactly what the manifest names; a package whose
 * manifest does not match what was read is refused (ReproduceError, exit 2) instead of being
 * reported as a difference. Signatures are `sealcase verify`'s business, not this one's.
 */
import { createHash } from 'node:crypto';
import { ReproduceError } from '../../../shared/errors/reproduce-error';
import { MANIFEST_TXT, parseManifest } from '../../../shared/package';
import type { PackageFile, PackageReader } from '../../../shared/package/verify/reader';
import { pullBlocks } from './pull-blocks';

/** The manifest is read whole; a real one is a line per payload file. */
const MAX_MANIFEST_BYTES = 256 * 1024 * 1024;

export class VerifiedPackage {
  private failure: ReproduceError | null = null;
  private readonly verified = new Set<string>();

  private constructor(
    readonly reader: PackageReader,
    readonly files: ReadonlyMap<string, PackageFile>,
    /** Payload path → SHA-256 (hex) from the manifest. */
    readonly manifest: ReadonlyMap<string, string>,
  ) {}

  /** Lists the package and reads its manifest; a reader finding or a bad manifest is fatal. */
  static async open(reader: PackageReader): Promise<VerifiedPackage> {
    const listing = await reader.list();
    const refused = listing.findings[0];
    if (refused !== undefined) {
      throw new ReproduceError(
        'REPRODUCE_PACKAGE_INVALID',
        `${reader.label}: ${refused.file}: ${refused.code}: ${refused.message}`,
        { where: refused.file },
      );
    }
    const files = new Map(listing.files.map((f) => [f.path, f]));
    const manifestFile = files.get(MANIFEST_TXT);
    if (manifestFile === undefined || manifestFile.size > MAX_MANIFEST_BYTES) {
      throw new ReproduceError(
        'REPRODUCE_MANIFEST_INVALID',
        `${reader.label}: ${MANIFEST_TXT} is ${manifestFile === undefined ? 'missing' : 'too large'}: not a Sealcase package`,
        { where: MANIFEST_TXT },
      );
    }
    const bytes = new Uint8Array(manifestFile.size);
    let at = 0;
    await reader.stream(MANIFEST_TXT, (chunk) => {
      if (at + chunk.length <= bytes.length) bytes.set(chunk, at);
      at += chunk.length;
    });
    const parsed = at === bytes.length ? parseManifest(bytes) : null;
    if (parsed === null || !parsed.ok) {
      throw new ReproduceError(
        'REPRODUCE_MANIFEST_INVALID',
        `${reader.label}: ${MANIFEST_TXT} does not parse${parsed === null ? ' (its size changed while read)' : ` (line ${parsed.line}: ${parsed.reason})`}`,
        { where: MANIFEST_TXT },
      );
    }
    return new VerifiedPackage(
      reader,
      files,
      new Map(parsed.entries.map((e) => [e.path, e.sha256])),
    );
  }

  get label(): string {
    return this.reader.label;
  }

  /** A listed payload file is present (a missing one is fatal when it is read). */
  has(path: string): boolean {
    return this.manifest.has(path) && this.files.has(path);
  }

  /** The file's size; throws like `blocks` for a file reproduce may not read. */
  size(path: string): number {
    return this.entry(path).file.size;
  }

  /**
   * One pass over a listed file's bytes. A pass that reaches the end is hashed and checked
   * against the manifest; a mismatch throws from the pass (after the last block) and is kept, so
   * `assertIntact` reports it even when a parser swallowed the throw.
   */
  async *blocks(path: string): AsyncGenerator<Uint8Array> {
    const { expected } = this.entry(path);
    const hash = createHash('sha256');
    for await (const block of pullBlocks((sink) => this.reader.stream(path, sink))) {
      hash.update(block);
      yield block;
    }
    const actual = hash.digest('hex');
    if (actual !== expected) {
      this.fail(
        new ReproduceError(
          'REPRODUCE_DIGEST_MISMATCH',
          `${this.label}: ${path} has SHA-256 ${actual}, ${MANIFEST_TXT} says ${expected}: the package was changed after its manifest was written; run sealcase verify`,
          { where: path },
        ),
      );
    }
    this.verified.add(path);
  }

  /** Hashes the file whole when no complete pass has yet (a parser stopped early). */
  async ensureVerified(path: string): Promise<void> {
    if (this.verified.has(path)) return;
    for await (const block of this.blocks(path)) void block;
  }

  /** Reads a whole (small) listed file. */
  async read(path: string, maxBytes: number): Promise<Uint8Array> {
    const size = this.size(path);
    if (size > maxBytes) {
      throw new ReproduceError(
        'REPRODUCE_PACKAGE_INVALID',
        `${this.label}: ${path} is ${size} bytes, more than the ${maxBytes} reproduce reads`,
        { where: path },
      );
    }
    const parts: Uint8Array[] = [];
    for await (const block of this.blocks(path)) parts.push(Uint8Array.from(block));
    return Buffer.concat(parts);
  }

  /** Throws the first integrity failure met so far. */
  assertIntact(): void {
    if (this.failure !== null) throw this.failure;
  }

  private fail(error: ReproduceError): never {
    this.failure ??= error;
    throw error;
  }

  private entry(path: string): { file: PackageFile; expected: string } {
    const expected = this.manifest.get(path);
    if (expected === undefined) {
      this.fail(
        new ReproduceError(
          'REPRODUCE_NOT_IN_MANIFEST',
          `${this.label}: ${path} is not listed in ${MANIFEST_TXT}; reproduce reads only what the manifest covers`,
          { where: path },
        ),
      );
    }
    const file = this.files.get(path);
    if (file === undefined) {
      this.fail(
        new ReproduceError(
          'REPRODUCE_FILE_MISSING',
          `${this.label}: ${path} is listed in ${MANIFEST_TXT} but not in the package`,
          { where: path },
        ),
      );
    }
    return { file, expected };
  }
}
