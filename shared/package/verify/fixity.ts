import { toHex } from '../../custody/bytes';
import { PackageError } from '../../errors';
import { MANIFEST_TXT, TAGMANIFEST_TXT } from '../layout';
import type { ManifestEntry } from '../manifest';
import type { VerifyRun } from './run';

/**
 * FORMAT.md §7.6: streams every listed file through an incremental SHA-256 and compares it with
 * its manifest line. A zip entry that fails its CRC or size while streaming is reported under
 * its ZIP_ code for that file; the digests are kept for the later steps.
 */
export async function checkFixity(run: VerifyRun): Promise<void> {
  if (run.manifest === null && run.tagManifest === null) {
    run.skip('fixity', 'Fixity (every SHA-256)', 'no manifest could be read');
    return;
  }
  const lists: [readonly ManifestEntry[], string][] = [
    [run.manifest ?? [], MANIFEST_TXT],
    [run.tagManifest ?? [], TAGMANIFEST_TXT],
  ];
  const present = lists.flatMap(([entries, from]) =>
    entries.filter((e) => run.has(e.path)).map((e) => ({ ...e, from })),
  );
  const total = present.reduce((n, e) => n + run.files.get(e.path)!.size, 0);
  await run.step('fixity', 'Fixity (every SHA-256)', 'DIGEST_MISMATCH', async () => {
    let done = 0;
    let matched = 0;
    for (const e of present) {
      const hash = run.deps.createSha256();
      try {
        await run.reader.stream(e.path, (chunk) => {
          hash.update(chunk);
          done += chunk.length;
          run.deps.onProgress?.({ check: 'fixity', done, total });
        });
      } catch (error) {
        if (!(error instanceof PackageError)) throw error;
        run.add(
          error.code.startsWith('ZIP_') ? (error.code as 'ZIP_MALFORMED') : 'DIGEST_MISMATCH',
          e.path,
          `cannot be read whole: ${error.message}`,
        );
        continue;
      }
      const actual = toHex(hash.digest());
      run.digests.set(e.path, actual);
      if (actual !== e.sha256) {
        run.add('DIGEST_MISMATCH', e.path, `SHA-256 ${actual}, ${e.from} says ${e.sha256}`);
      } else matched++;
    }
    return `${matched} of ${present.length} files match their SHA-256 (${total} bytes hashed)`;
  });
}
