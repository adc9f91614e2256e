#!/usr/bin/env node
// Builds the renderer, the main process + CLI, and the preload into out/.
import { createHash } from 'node:crypto';
import { chmod, readFile, rm, writeFile } from 'node:fs/promises';
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
await buildVerifierPage();
console.log('built out/renderer, out/main, out/cli, out/preload, out/verify/verify.html');

/**
 * verify.html: the page template with the verifier script inlined. The CSP allows exactly that
 * script (by its SHA-256) and inline styles, and no network at all: the page works from a
 * package folder on a machine that is offline.
 */
async function buildVerifierPage() {
  await build({ configFile: config('verify'), logLevel: 'warn' });
  const script = await readFile(resolve(root, 'out', 'verify', 'bundle', 'verify.js'), 'utf8');
  if (script.includes('</script')) throw new Error('verify.js contains "</script": cannot inline');
  const template = await readFile(resolve(root, 'renderer', 'verify', 'page.html'), 'utf8');
  const hash = createHash('sha256').update(script, 'utf8').digest('base64');
  const parts = template.split('%SCRIPT%');
  if (parts.length !== 2 || !template.includes('%SCRIPT_HASH%')) {
    throw new Error('renderer/verify/page.html needs one %SCRIPT% and a %SCRIPT_HASH%');
  }
  const page = `${parts[0]}${script}${parts[1]}`.replace('%SCRIPT_HASH%', `sha256-${hash}`);
  await writeFile(resolve(root, 'out', 'verify', 'verify.html'), page);
  await rm(resolve(root, 'out', 'verify', 'bundle'), { recursive: true, force: true });
}
