import { utf8Decode } from '../../custody/bytes';
import { parseBagInfo } from '../bag-info';
import {
  BAG_INFO_TXT,
  BAGIT_DECLARATION,
  BAGIT_TXT,
  FIXED_PAYLOAD_FILES,
  MANIFEST_P7S,
  MANIFEST_TXT,
  PAYLOAD_DIR,
  TAGMANIFEST_P7S,
  TAGMANIFEST_TXT,
  TAG_FILES_IN_TAGMANIFEST,
} from '../layout';
import { parseManifest, type ManifestEntry, type ManifestParse } from '../manifest';
import type { VerifyRun } from './run';

/** Tag files and manifests are read whole; none is near this in a real package. */
export const MAX_TAG_FILE_BYTES = 64 * 1024 * 1024;

/** FORMAT.md §7.1: the container's own findings (zip entries, links in a folder). */
export async function checkContainer(run: VerifyRun): Promise<boolean> {
  let ok = false; // stays false when listing throws (the step records the finding)
  await run.step('container', 'Container: entries safe to read', 'ZIP_MALFORMED', async () => {
    const listing = await run.reader.list();
    for (const f of listing.findings) run.add(f.code, f.file, f.message);
    ok = listing.findings.length === 0;
    run.files = new Map(listing.files.map((f) => [f.path, f]));
    if (ok && run.files.size === 0) {
      run.add('NOT_A_BAG', '.', 'the package holds no files');
      ok = false;
    }
    return `${run.reader.form}: ${listing.files.length} files${ok ? '' : `, ${listing.findings.length} refused`}`;
  });
  return ok;
}

/** FORMAT.md §7.2: `bagit.txt` is exactly the v1 declaration. */
export async function checkDeclaration(run: VerifyRun): Promise<boolean> {
  let ok = false;
  await run.step(
    'declaration',
    'BagIt declaration (bagit.txt)',
    'BAGIT_DECLARATION_INVALID',
    async () => {
      if (!run.has(BAGIT_TXT)) {
        run.add('NOT_A_BAG', BAGIT_TXT, 'no bagit.txt at the bag root: not a BagIt bag');
        return 'bagit.txt is missing';
      }
      const text = utf8Decode(await run.read(BAGIT_TXT, 4096));
      if (text !== BAGIT_DECLARATION) {
        run.add(
          'BAGIT_DECLARATION_INVALID',
          BAGIT_TXT,
          'bagit.txt is not exactly "BagIt-Version: 1.0" and "Tag-File-Character-Encoding: UTF-8"',
        );
        return 'bagit.txt differs from the BagIt 1.0 declaration';
      }
      ok = true;
      return 'BagIt 1.0, UTF-8 tag files';
    },
  );
  return ok;
}

/** FORMAT.md §7.3: bag-info.txt parses; the package version is 1. */
export async function checkBagInfo(run: VerifyRun): Promise<boolean> {
  let supported = true;
  await run.step('bag-info', 'Bag metadata (bag-info.txt)', 'BAG_INFO_INVALID', async () => {
    if (!run.has(BAG_INFO_TXT)) {
      run.add('BAG_INFO_INVALID', BAG_INFO_TXT, 'bag-info.txt is missing');
      return 'bag-info.txt is missing';
    }
    const bytes = await run.read(BAG_INFO_TXT, MAX_TAG_FILE_BYTES);
    const version = /^Sealcase-Package-Version: (.*)$/m.exec(utf8Decode(bytes) ?? '')?.[1];
    if (version !== undefined && version !== '1') {
      supported = false;
      run.add(
        'UNSUPPORTED_VERSION',
        BAG_INFO_TXT,
        `Sealcase-Package-Version ${JSON.stringify(version)}: this verifier reads version 1`,
      );
      return `package version ${version} is not supported`;
    }
    const parsed = parseBagInfo(bytes);
    if (!parsed.ok) {
      run.add('BAG_INFO_INVALID', BAG_INFO_TXT, `line ${parsed.line}: ${parsed.message}`);
      return 'bag-info.txt does not validate';
    }
    run.bagInfo = parsed.info;
    return `package ${parsed.info['External-Identifier']}, case ${parsed.info['Sealcase-Case-Number']}, bagged ${parsed.info['Bagging-Date']}`;
  });
  return supported;
}

function describeManifestProblem(p: Extract<ManifestParse, { ok: false }>): string {
  const where = p.line === 0 ? '' : `line ${p.line}: `;
  return `${where}${p.reason}${p.path === undefined ? '' : ` (${p.path})`}`;
}

/** FORMAT.md §7.4: both manifests parse strictly; the payload manifest lists data/ only. */
export async function checkManifests(run: VerifyRun): Promise<void> {
  await run.step('manifests', 'Manifests parse', 'MANIFEST_MALFORMED', async () => {
    const parts: string[] = [];
    for (const [path, code, tag] of [
      [MANIFEST_TXT, 'MANIFEST_MALFORMED', false],
      [TAGMANIFEST_TXT, 'TAGMANIFEST_MALFORMED', true],
    ] as const) {
      if (!run.has(path)) {
        run.add(code, path, `${path} is missing`);
        continue;
      }
      const bytes = await run.read(path, MAX_TAG_FILE_BYTES);
      const parsed = parseManifest(bytes);
      if (!parsed.ok) {
        run.add(
          parsed.reason === 'bad-path' ? 'PATH_INVALID' : code,
          path,
          describeManifestProblem(parsed),
        );
        continue;
      }
      const misplaced = parsed.entries.filter((e) =>
        tag
          ? !(TAG_FILES_IN_TAGMANIFEST as readonly string[]).includes(e.path)
          : !e.path.startsWith(`${PAYLOAD_DIR}/`),
      );
      for (const e of misplaced) {
        run.add(code, path, `lists ${e.path}, which belongs in no ${tag ? 'tag ' : ''}manifest`);
      }
      if (tag) {
        run.tagManifest = parsed.entries;
        run.tagManifestBytes = bytes;
      } else {
        run.manifest = parsed.entries;
        run.manifestBytes = bytes;
      }
      parts.push(`${path}: ${parsed.entries.length} files`);
    }
    return parts.join('; ');
  });
}

/** FORMAT.md §7.5: every file is listed once, every listed file is there; Payload-Oxum. */
export async function checkCompleteness(run: VerifyRun): Promise<void> {
  if (run.manifest === null || run.tagManifest === null) {
    run.skip('completeness', 'Completeness', 'a manifest could not be read');
    return;
  }
  const manifest = run.manifest;
  const tagManifest = run.tagManifest;
  await run.step(
    'completeness',
    'Completeness (no file missing, none added)',
    'FILE_MISSING',
    async () => {
      const listed = new Set<string>([
        ...manifest.map((e) => e.path),
        ...tagManifest.map((e) => e.path),
        MANIFEST_TXT,
        TAGMANIFEST_TXT,
        TAGMANIFEST_P7S,
      ]);
      for (const path of run.files.keys()) {
        if (!listed.has(path)) run.add('FILE_EXTRA', path, 'present but listed in no manifest');
      }
      const missing = (entries: readonly ManifestEntry[], from: string): void => {
        for (const e of entries) {
          if (!run.has(e.path)) run.add('FILE_MISSING', e.path, `listed in ${from}, not present`);
        }
      };
      missing(manifest, MANIFEST_TXT);
      missing(tagManifest, TAGMANIFEST_TXT);
      // Files every v1 package holds, even when a (consistently signed) manifest leaves them out.
      for (const path of [...FIXED_PAYLOAD_FILES, ...TAG_FILES_IN_TAGMANIFEST]) {
        if (!run.has(path) && !listed.has(path)) {
          run.add('FILE_MISSING', path, 'required in every version 1 package, not present');
        }
      }
      if (!run.has(MANIFEST_P7S)) {
        run.add('MANIFEST_SIGNATURE_MISSING', MANIFEST_P7S, 'the manifest signature is missing');
      }
      if (!run.has(TAGMANIFEST_P7S)) {
        run.add(
          'MANIFEST_SIGNATURE_MISSING',
          TAGMANIFEST_P7S,
          'the tag manifest signature is missing',
        );
      }
      let bytes = 0;
      let count = 0;
      for (const [path, f] of run.files) {
        if (path.startsWith(`${PAYLOAD_DIR}/`)) {
          bytes += f.size;
          count++;
        }
      }
      const oxum = `${bytes}.${count}`;
      const declared = run.bagInfo?.['Payload-Oxum'];
      if (declared !== undefined && declared !== oxum) {
        run.add(
          'OXUM_MISMATCH',
          BAG_INFO_TXT,
          `Payload-Oxum ${declared}, the payload holds ${count} files of ${bytes} bytes in all`,
        );
      }
      return `${manifest.length} payload and ${tagManifest.length} tag files listed; Payload-Oxum ${oxum}${declared === undefined ? ' (not declared)' : ''}`;
    },
  );
}
