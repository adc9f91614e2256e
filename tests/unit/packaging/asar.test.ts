import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { listPackage } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Packs the app with the real build/electron-builder.yml (target `dir`) against a stub Electron
 * distribution, then checks what landed in app.asar: the built app and production dependencies
 * in, sources, tests and bundled-only devDependencies out.
 *
 * Offline by construction (../shared/reference/stack.md §2.3): `electronDist` points at a folder
 * holding an executable `electron` script and a `version` file, so nothing is downloaded; any
 * download attempt anyway would hit the dead proxy below and fail fast instead of hanging on DNS.
 * Everything is written under os.tmpdir() and removed afterwards; the repository is only read
 * (out/ is built first only when out/main/main.js is missing).
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const ELECTRON_VERSION = '45.4.1';
const run = promisify(execFile);

let work: string;
let entries: string[];
let builderLog: string;

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'out', 'main', 'main.js'))) {
    await run(process.execPath, [join(ROOT, 'build', 'scripts', 'build.mjs')], { cwd: ROOT });
  }

  work = await mkdtemp(join(tmpdir(), 'sealcase-asar-'));
  const stub = join(work, 'electron-dist');
  await mkdir(stub);
  await writeFile(
    join(stub, 'electron'),
    '#!/bin/sh\necho "stub Electron dist for packaging tests: cannot run" >&2\nexit 1\n',
  );
  await chmod(join(stub, 'electron'), 0o755);
  await writeFile(join(stub, 'version'), ELECTRON_VERSION);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CSC_IDENTITY_AUTO_DISCOVERY: 'false',
    ELECTRON_BUILDER_OFFLINE: 'true',
    ELECTRON_BUILDER_CACHE: join(work, 'cache'),
    HTTP_PROXY: 'http://127.0.0.1:9',
    HTTPS_PROXY: 'http://127.0.0.1:9',
    http_proxy: 'http://127.0.0.1:9',
    https_proxy: 'http://127.0.0.1:9',
  };
  // builder-util changes behaviour under Vitest (hard links, silenced logs): run it as `npm run
  // dist` would.
  delete env['VITEST'];
  delete env['NO_PROXY'];
  delete env['no_proxy'];

  const cli = join(ROOT, 'node_modules', 'electron-builder', 'cli.js');
  const { stdout, stderr } = await run(
    process.execPath,
    [
      cli,
      '--linux',
      'dir',
      '--x64',
      '-c',
      'build/electron-builder.yml',
      `-c.directories.output=${join(work, 'dist')}`,
      `-c.electronDist=${stub}`,
    ],
    { cwd: ROOT, env, maxBuffer: 16 * 1024 * 1024 },
  );
  builderLog = `${stdout}\n${stderr}`;

  const asar = join(work, 'dist', 'linux-unpacked', 'resources', 'app.asar');
  // listPackage gives absolute archive paths ("/out/main/main.js"); normalise to forward slashes.
  entries = listPackage(asar, { isPack: false }).map((p) => p.replaceAll('\\', '/'));
}, 120_000);

afterAll(async () => {
  if (work !== undefined) await rm(work, { recursive: true, force: true });
});

describe('app.asar built from build/electron-builder.yml', () => {
  it('used the stub Electron distribution (no download)', () => {
    expect(builderLog).toContain('using custom unpacked Electron distribution');
  });

  it('holds the built app and package.json', () => {
    for (const file of [
      '/out/main/main.js',
      '/out/preload/preload.cjs',
      '/out/renderer/index.html',
      '/out/cli/sealcase.js',
      '/package.json',
    ]) {
      expect(entries, file).toContain(file);
    }
  });

  it('holds the production dependencies', () => {
    for (const dep of ['zod', 'commander']) {
      expect(entries, dep).toContain(`/node_modules/${dep}/package.json`);
    }
  });

  it('holds no devDependency that Vite already bundled', () => {
    // Prefix match on purpose: also catches react-dom, react-router, vitest, electron-builder….
    for (const dep of ['react', 'dexie', 'vite', 'electron']) {
      expect(
        entries.filter((p) => p.includes(`node_modules/${dep}`)),
        dep,
      ).toEqual([]);
    }
  });

  it('holds no TypeScript source', () => {
    expect(entries.filter((p) => /\.(ts|tsx)$/.test(p))).toEqual([]);
  });

  it('holds nothing from the source, test or type-declaration folders', () => {
    const forbidden = [
      '/tests/',
      '/electron/',
      '/renderer/src/',
      '/shared/',
      '/out/types/',
      '/build/',
    ];
    for (const prefix of forbidden) {
      const hits = entries.filter((p) => p.startsWith(prefix) || `${p}/` === prefix);
      expect(hits, prefix).toEqual([]);
    }
  });
});
