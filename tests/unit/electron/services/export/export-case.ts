/**
 * A real case for the export tests: the demo's `buildDemoCase` builds it (identity, case, intake of the
 * built-in samples, signed parse decisions); the export deps use the real signing service and
 * the DejaVu fonts from node_modules, with the verifier page's bytes injected.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildDemoCase } from '../../../../../electron/cli/commands/demo';
import type { ExportDeps } from '../../../../../electron/services/export';
import type { UnlockedIdentity } from '../../../../../electron/services/identity';
import { signManifest, signPdf } from '../../../../../electron/services/signing';

export const VERIFY_PAGE = new TextEncoder().encode('<!doctype html><title>verify</title>\n');

export async function demoCase(
  dir: string,
): Promise<{ caseDir: string; identity: UnlockedIdentity }> {
  const io = { out: () => {}, err: () => {}, cwd: dir, env: {} };
  const built = await buildDemoCase(io, dir, '0.0.0-test');
  return { caseDir: built.caseDir, identity: built.identity };
}

const FONTS = join(process.cwd(), 'node_modules', 'dejavu-fonts-ttf', 'ttf');

export function testDeps(overrides: Partial<ExportDeps> = {}): ExportDeps {
  return {
    now: () => new Date(),
    randomBytes: (n) => new Uint8Array(randomBytes(n)),
    toolVersion: '0.0.0-test',
    fonts: async () => ({
      regular: new Uint8Array(await readFile(join(FONTS, 'DejaVuSans.ttf'))),
      bold: new Uint8Array(await readFile(join(FONTS, 'DejaVuSans-Bold.ttf'))),
      mono: new Uint8Array(await readFile(join(FONTS, 'DejaVuSansMono.ttf'))),
    }),
    verifierPage: async () => VERIFY_PAGE,
    signPdf: (doc, signer, options) => signPdf(doc, signer, options),
    signManifest: (bytes, signer) => signManifest(bytes, signer),
    ...overrides,
  };
}
