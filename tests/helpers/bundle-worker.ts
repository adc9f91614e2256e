import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * A worker entry of `electron/workers/` bundled from source as `npm run build` does for
 * `out/workers/`, into `outDir`; returns its file URL (for `new Worker(url)`).
 */
export async function bundleWorker(name: string, outDir: string): Promise<URL> {
  await build({
    configFile: false,
    root,
    logLevel: 'silent',
    ssr: { noExternal: true },
    build: {
      ssr: true,
      outDir,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      rollupOptions: {
        input: { [name]: resolve(root, 'electron/workers', `${name}.ts`) },
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name].js' },
      },
    },
  });
  return pathToFileURL(join(outDir, `${name}.js`));
}
