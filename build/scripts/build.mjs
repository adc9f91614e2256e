#!/usr/bin/env node
// Builds the renderer, the main process + CLI, and the preload into out/.
import { chmod, rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const config = (name) => resolve(root, 'build', `vite.${name}.config.ts`);

await rm(resolve(root, 'out', 'main'), { recursive: true, force: true });
await rm(resolve(root, 'out', 'cli'), { recursive: true, force: true });
await rm(resolve(root, 'out', 'chunks'), { recursive: true, force: true });
for (const name of ['renderer', 'node', 'preload']) {
  await build({ configFile: config(name), logLevel: 'warn' });
}
await chmod(resolve(root, 'out', 'cli', 'sealcase.js'), 0o755);
console.log('built out/renderer, out/main, out/cli, out/preload');
