/**
 * The one seam through which the export gets `verify.html`: the page that `npm run build` makes
 * from renderer/verify/ (build/scripts/build.mjs → `out/verify/verify.html`). A package is never
 * written without it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ExportError } from '../../../shared/errors/export-error';

/** Where the built page lives, relative to the project (or app) root. */
export const VERIFIER_PAGE_PATH = join('out', 'verify', 'verify.html');

/**
 * Where to look, in order: beside the running bundle (out/cli, out/main and out/chunks all sit
 * one level below out/, also inside the packaged app's asar), then the project's out/ when
 * running from source (tests).
 */
function candidates(): string[] {
  return [
    fileURLToPath(new URL('../verify/verify.html', import.meta.url)),
    fileURLToPath(new URL('../../../out/verify/verify.html', import.meta.url)),
  ];
}

/** The page's bytes; `root` names a project or app root to read `out/verify/verify.html` from instead. */
export async function loadVerifierPage(root?: string): Promise<Uint8Array> {
  const paths = root === undefined ? candidates() : [join(root, VERIFIER_PAGE_PATH)];
  let last: unknown = null;
  for (const path of paths) {
    try {
      const bytes = new Uint8Array(await readFile(path));
      if (bytes.length > 0) return bytes;
      last = Object.assign(new Error('empty file'), { code: 'EMPTY' });
    } catch (error) {
      last = error;
    }
  }
  const where = paths.join(' or ');
  throw new ExportError(
    'EXPORT_VERIFIER_PAGE_MISSING',
    `${where}: the offline verifier page is missing (${(last as NodeJS.ErrnoException | null)?.code ?? 'unreadable'}); build it (npm run build) — no package is written without verify.html`,
    { where, cause: last },
  );
}
