import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = resolve(import.meta.dirname, '..');

/** The preload: one CommonJS file, because sandboxed preloads cannot be ES modules. */
export default defineConfig({
  root,
  build: {
    ssr: true,
    outDir: resolve(root, 'out/preload'),
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: false,
    minify: false,
    rollupOptions: {
      input: { preload: resolve(root, 'electron/preload/preload.ts') },
      external: ['electron'],
      output: { format: 'cjs', entryFileNames: '[name].cjs' },
    },
  },
  // Bundle everything the preload imports: a sandboxed preload can require only `electron`.
  ssr: { noExternal: true },
});
