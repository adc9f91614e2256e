import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = resolve(import.meta.dirname, '..');

/**
 * The recipient's offline verifier (`verify.html` at a package's root): one IIFE script with
 * everything inlined, which build/scripts/build.mjs then places inside renderer/verify/page.html
 * with a CSP that pins the script by its hash and forbids every network request.
 */
export default defineConfig({
  root,
  build: {
    outDir: resolve(root, 'out/verify/bundle'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    minify: true,
    lib: {
      entry: resolve(root, 'renderer/verify/main.ts'),
      formats: ['iife'],
      name: 'SealcaseVerify',
      fileName: () => 'verify.js',
    },
  },
});
