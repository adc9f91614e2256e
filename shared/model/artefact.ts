import { z } from 'zod';

/**
 * One acquisition of one artefact into a case (issue 3). A record per acquisition: the same content
 * acquired twice gives two records (two `id`s) and one blob. Versioned like case.json; the custody
 * ledger carries these records once it lands, `artefacts.jsonl` until then.
 */
export const ARTEFACT_RECORD_VERSION = 1;
export const ARTEFACT_RECORD_FORMAT = 'sealcase/artefact' as const;

/** Content kinds named by the issue; the parser registry's `detect()` returns one of these. */
export const CONTENT_KINDS = [
  'email',
  'access-log',
  'nat-log',
  'radius-detail',
  'dhcp-leases',
  'syslog',
  'csv',
  'xlsx',
  'pdf',
  'unknown',
] as const;
export const ContentKind = z.enum(CONTENT_KINDS);
export type ContentKind = z.infer<typeof ContentKind>;

/** How the bytes were taken: a single named file, or a file found by walking a named folder. */
export const ACQUISITION_METHODS = ['logical-file-copy', 'logical-folder-walk'] as const;
export const AcquisitionMethod = z.enum(ACQUISITION_METHODS);
export type AcquisitionMethod = z.infer<typeof AcquisitionMethod>;

const IsoUtc = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/,
    'expected ISO 8601 UTC with milliseconds',
  );
const Hex = (length: number) => z.string().regex(new RegExp(`^[0-9a-f]{${length}}$`));
export const Sha256Hex = Hex(64);

/** Free text typed by the analyst: anything but NUL, bounded. */
export const FreeText = z
  .string()
  .max(4000)
  .refine((s) => !s.includes('\u0000'), 'contains a NUL character');

export const Digests = z.object({ md5: Hex(32), sha1: Hex(40), sha256: Sha256Hex }).strict();
export type Digests = z.infer<typeof Digests>;

/** Where the artefact was found, as the examiner's machine saw it at acquisition time. */
export const OriginalLocation = z
  .object({
    /** Absolute path of the source as read. */
    path: z.string().min(1),
    /** Base name of the source. */
    name: z.string(),
    /** The input the analyst named (the file itself, or the folder that was walked). */
    input: z.string().min(1),
    /** Path relative to `input` with `/` separators; `""` when the input is the file itself. */
    relativePath: z.string(),
    /** Modification time of the source (UTC, milliseconds). */
    mtime: IsoUtc,
  })
  .strict();

const Common = {
  format: z.literal(ARTEFACT_RECORD_FORMAT),
  version: z.literal(1),
  /** This acquisition. */
  id: z.uuid(),
  /** The intake run (one `ingest` command, one drop in the app) it belongs to. */
  intakeId: z.uuid(),
  original: OriginalLocation,
  /** Examiner name (certificate fingerprint once identities land); null while unsigned. */
  acquiredBy: z.string().max(400).nullable(),
  acquiredAt: IsoUtc,
  /** From whom it was received, e.g. "ISP reply from X via LE portal, ref 123". */
  receivedFrom: FreeText.nullable(),
  /** Where it came from (medium, location, system), as the analyst describes it. */
  source: FreeText.nullable(),
  method: AcquisitionMethod,
  note: FreeText.nullable(),
  tool: z.object({ name: z.literal('sealcase'), version: z.string().min(1) }).strict(),
};

export const FileArtefactV1 = z
  .object({
    ...Common,
    entry: z.literal('file'),
    size: z.number().int().nonnegative(),
    digests: Digests,
    /** Case-relative path of the blob: `vault/sha256/<2 hex>/<64 hex>`. */
    blob: z.string().regex(/^vault\/sha256\/[0-9a-f]{2}\/[0-9a-f]{64}$/),
    contentKind: ContentKind,
  })
  .strict();

/** A symlink met while walking a folder: recorded with its target text, never followed. */
export const SymlinkArtefactV1 = z
  .object({
    ...Common,
    entry: z.literal('symlink'),
    target: z.string(),
  })
  .strict();

export const ArtefactRecordV1 = z.discriminatedUnion('entry', [FileArtefactV1, SymlinkArtefactV1]);
export type ArtefactRecord = z.infer<typeof ArtefactRecordV1>;
export type FileArtefact = z.infer<typeof FileArtefactV1>;
export type SymlinkArtefact = z.infer<typeof SymlinkArtefactV1>;

/** Case-relative blob path for a SHA-256 (lower-case hex). */
export function blobPathFor(sha256: string): string {
  return `vault/sha256/${sha256.slice(0, 2)}/${sha256}`;
}
