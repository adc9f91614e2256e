import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import { CaseService } from '../../../../../electron/services/cases';
import { fixedDeps } from '../../../../helpers/temp-dir';

const root = resolve(import.meta.dirname, '..', '..', '..', '..', '..');
const MiB = 1024 * 1024;

/**
 * Bundles the hash worker (and the intake library, for child processes) the way the real build
 * does, into `outDir/workers/hash-worker.js` and `outDir/lib/intake.js`, so the worker path is
 * tested from TS source. Dependencies are bundled in so the output runs from any folder.
 */
export async function bundleForTests(
  outDir: string,
): Promise<{ workerUrl: URL; intakeLib: string }> {
  await build({
    configFile: false,
    root,
    logLevel: 'silent',
    ssr: { noExternal: true },
    build: {
      ssr: true,
      outDir,
      emptyOutDir: false,
      target: 'node20',
      minify: false,
      rollupOptions: {
        input: {
          'workers/hash-worker': resolve(root, 'electron/workers/hash-worker.ts'),
          'lib/intake': resolve(root, 'electron/services/intake/index.ts'),
        },
        output: {
          format: 'es',
          entryFileNames: '[name].js',
          chunkFileNames: 'chunks/[name]-[hash].js',
        },
      },
    },
  });
  return {
    workerUrl: pathToFileURL(join(outDir, 'workers', 'hash-worker.js')),
    intakeLib: join(outDir, 'lib', 'intake.js'),
  };
}

export interface Digests3 {
  md5: string;
  sha1: string;
  sha256: string;
}

export function digestsOf(data: Uint8Array): Digests3 {
  return {
    md5: createHash('md5').update(data).digest('hex'),
    sha1: createHash('sha1').update(data).digest('hex'),
    sha256: createHash('sha256').update(data).digest('hex'),
  };
}

/** Writes `size` random bytes to `path` in 8 MiB pieces and returns node:crypto's digests of them. */
export async function randomFile(path: string, size: number): Promise<Digests3> {
  await mkdir(dirname(path), { recursive: true });
  const h = { md5: createHash('md5'), sha1: createHash('sha1'), sha256: createHash('sha256') };
  const handle = await open(path, 'w');
  try {
    let left = size;
    while (left > 0) {
      const piece = randomBytes(Math.min(left, 8 * MiB));
      h.md5.update(piece);
      h.sha1.update(piece);
      h.sha256.update(piece);
      await handle.write(piece);
      left -= piece.length;
    }
  } finally {
    await handle.close();
  }
  return { md5: h.md5.digest('hex'), sha1: h.sha1.digest('hex'), sha256: h.sha256.digest('hex') };
}

/** A real case folder made by the case service. */
export async function makeCase(parent: string, name = 'case.sealcase'): Promise<string> {
  const dir = join(parent, name);
  await new CaseService(fixedDeps(parent)).createAt(dir, {
    number: '2026/0001',
    title: 'Intake test',
  });
  return dir;
}

export async function writeText(path: string, text: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
}

export { MiB };
