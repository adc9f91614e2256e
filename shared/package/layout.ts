/**
 * The package layout, version 1 (FORMAT.md §1): file names and the paths the writer and the
 * verifier agree on. Pure: no I/O.
 */
export const PACKAGE_FORMAT_VERSION = 1;

export const BAGIT_TXT = 'bagit.txt';
export const BAG_INFO_TXT = 'bag-info.txt';
export const MANIFEST_TXT = 'manifest-sha256.txt';
export const MANIFEST_P7S = 'manifest-sha256.txt.p7s';
export const TAGMANIFEST_TXT = 'tagmanifest-sha256.txt';
export const TAGMANIFEST_P7S = 'tagmanifest-sha256.txt.p7s';
export const README_TXT = 'README.txt';
export const VERIFY_HTML = 'verify.html';

/** The bytes of `bagit.txt` (FORMAT.md §3). */
export const BAGIT_DECLARATION = 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n';

/** Tag files listed in the tag manifest, in manifest (byte) order. */
export const TAG_FILES_IN_TAGMANIFEST = [
  BAG_INFO_TXT,
  BAGIT_TXT,
  MANIFEST_TXT,
  MANIFEST_P7S,
  README_TXT,
  VERIFY_HTML,
] as const;

/** Every file allowed at the bag root. */
export const ROOT_FILES = [...TAG_FILES_IN_TAGMANIFEST, TAGMANIFEST_TXT, TAGMANIFEST_P7S] as const;

export const PAYLOAD_DIR = 'data';
export const CASE_JSON = 'data/case.json';
export const REPORT_PDF = 'data/report.pdf';
export const ORIGINALS_DIR = 'data/originals';
export const LEDGER_JSONL = 'data/custody/ledger.jsonl';
export const CHECKPOINT_JSON = 'data/custody/checkpoint.json';
export const PROOFS_JSON = 'data/custody/proofs.json';
export const CERTS_DIR = 'data/certs';
export const CERT_INDEX_JSON = 'data/certs/index.json';
export const EVENTS_JSONL = 'data/events.jsonl';
export const ATTRIBUTION_JSONL = 'data/attribution.jsonl';
export const ANALYSIS_DIR = 'data/analysis';
export const CASE_UCO_JSONLD = 'data/case-uco.jsonld';
export const TIMESKETCH_JSONL = 'data/timesketch.jsonl';
/** Only in a redacted derivative (`Sealcase-Redaction: redacted`): what was withheld (FORMAT.md §10). */
export const REDACTION_JSON = 'data/redaction.json';

/** Payload files every v1 package holds (plus originals, certificates and decisions). */
export const FIXED_PAYLOAD_FILES = [
  CASE_JSON,
  REPORT_PDF,
  LEDGER_JSONL,
  CHECKPOINT_JSON,
  PROOFS_JSON,
  CERT_INDEX_JSON,
  EVENTS_JSONL,
  ATTRIBUTION_JSONL,
  CASE_UCO_JSONLD,
  TIMESKETCH_JSONL,
] as const;

const HEX64 = /^[0-9a-f]{64}$/;

/** `data/originals/<sha256>/<safe name>`; the name must already be safe (`safeOriginalName`). */
export function originalPath(sha256: string, safeName: string): string {
  return `${ORIGINALS_DIR}/${sha256}/${safeName}`;
}

/** `data/certs/<sha256>.der` / `.pem`. */
export function certPath(sha256: string, form: 'der' | 'pem'): string {
  return `${CERTS_DIR}/${sha256}.${form}`;
}

/** `data/analysis/<sha256>.json`. */
export function decisionPath(sha256: string): string {
  return `${ANALYSIS_DIR}/${sha256}.json`;
}

/** What a bag path is for, or null when v1 has no such file (the verifier's FILE_EXTRA). */
export type BagPathKind =
  | { kind: 'tag'; name: (typeof ROOT_FILES)[number] }
  | { kind: 'fixed'; path: (typeof FIXED_PAYLOAD_FILES)[number] }
  | { kind: 'original'; sha256: string; name: string }
  | { kind: 'cert'; sha256: string; form: 'der' | 'pem' }
  | { kind: 'decision'; sha256: string }
  | { kind: 'redaction' };

export function classifyBagPath(path: string): BagPathKind | null {
  const root = (ROOT_FILES as readonly string[]).indexOf(path);
  if (root >= 0) return { kind: 'tag', name: ROOT_FILES[root]! };
  if (path === REDACTION_JSON) return { kind: 'redaction' };
  const fixed = (FIXED_PAYLOAD_FILES as readonly string[]).indexOf(path);
  if (fixed >= 0) return { kind: 'fixed', path: FIXED_PAYLOAD_FILES[fixed]! };
  const parts = path.split('/');
  if (parts.length === 4 && `${parts[0]}/${parts[1]}` === ORIGINALS_DIR && HEX64.test(parts[2]!)) {
    return { kind: 'original', sha256: parts[2]!, name: parts[3]! };
  }
  const cert = /^data\/certs\/([0-9a-f]{64})\.(der|pem)$/.exec(path);
  if (cert !== null) return { kind: 'cert', sha256: cert[1]!, form: cert[2] as 'der' | 'pem' };
  const decision = /^data\/analysis\/([0-9a-f]{64})\.json$/.exec(path);
  if (decision !== null) return { kind: 'decision', sha256: decision[1]! };
  return null;
}

/**
 * Limits a zip reader applies (FORMAT.md §8) before extracting or hashing anything.
 */
export const ZIP_LIMITS = {
  maxEntries: 100_000,
  maxTotalUncompressed: 1024 ** 4,
  /** A deflated entry may inflate to at most ratio × compressed + slack bytes. */
  maxRatio: 1_000,
  ratioSlackBytes: 1024 * 1024,
} as const;

/** Package id: `urn:uuid:` + a UUID v4 made from 16 random bytes (passed in: shared/ is pure). */
export function packageIdFromRandom(random16: Uint8Array): string {
  if (random16.length !== 16) throw new RangeError('packageIdFromRandom needs 16 bytes');
  const b = Uint8Array.from(random16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export const PACKAGE_ID_PATTERN =
  /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
