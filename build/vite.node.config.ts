import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = resolve(import.meta.dirname, '..');

/**
 * Main process and CLI: ES modules for Node. Production dependencies (zod, commander, …) stay
 * external and ship in node_modules; our own code and JSON are bundled.
 */
export default defineConfig({
  root,
  build: {
    ssr: true,
    outDir: resolve(root, 'out'),
    emptyOutDir: false,
    target: 'node20',
    sourcemap: false,
    minify: false,
    rollupOptions: {
      input: {
        'main/main': resolve(root, 'electron/main/main.ts'),
        'cli/sealcase': resolve(root, 'electron/cli/main.ts'),
        'workers/hash-worker': resolve(root, 'electron/workers/hash-worker.ts'),
        'workers/parse-worker': resolve(root, 'electron/workers/parse-worker.ts'),
        'workers/attribution-worker': resolve(root, 'electron/workers/attribution-worker.ts'),
        'workers/ledger-worker': resolve(root, 'electron/workers/ledger-worker.ts'),
      },
      external: ['electron'],
      output: {
        format: 'es',
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
  },
});
