/**
 * The one seam through which the export gets `verify.html`: the page built by the verify page's
 * build (`out/verify/verify.html`). A package is never written without it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ExportError } from '../../../shared/errors/export-error';

/** Where the built page lives, relative to the project (or app) root. */
export const VERIFIER_PAGE_PATH = join('out', 'verify', 'verify.html');

export async function loadVerifierPage(root: string = process.cwd()): Promise<Uint8Array> {
  const path = join(root, VERIFIER_PAGE_PATH);
  try {
    const bytes = new Uint8Array(await readFile(path));
    if (bytes.length === 0) throw Object.assign(new Error('empty file'), { code: 'EMPTY' });
    return bytes;
  } catch (error) {
    throw new ExportError(
      'EXPORT_VERIFIER_PAGE_MISSING',
      `${path}: the offline verifier page is missing (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}); build it (npm run build) — no package is written without verify.html`,
      { where: path, cause: error },
    );
  }
}
