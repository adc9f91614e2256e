// Shared helpers for the benchmark groups (DESIGN.md "Benchmarks"). Not a group itself.
import { Buffer } from 'node:buffer';
import process from 'node:process';
import { spawn, spawnSync } from 'node:child_process';
import { createCipheriv, createHash } from 'node:crypto';
import { existsSync, statfsSync } from 'node:fs';
import { mkdir, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MiB = 1024 * 1024;
export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const smoke = process.argv.includes('--smoke');
export const runs = smoke ? 1 : Number(process.env.SEALCASE_BENCH_RUNS ?? 3);

/** Size of the generated input: 2 GiB (issue 3), 32 MiB with --smoke, or SEALCASE_BENCH_SIZE_MIB. */
export function inputSizeMiB(copies) {
  const wanted = smoke ? 32 : Number(process.env.SEALCASE_BENCH_SIZE_MIB ?? 2048);
  const fs = statfsSync(tmpdir());
  const freeMiB = Math.floor((fs.bavail * fs.bsize) / MiB);
  const fits = Math.floor((freeMiB - 1024) / copies);
  if (fits < wanted) {
    process.stderr.write(
      `bench: only ${freeMiB} MiB free in ${tmpdir()}; using ${fits} MiB instead of ${wanted}\n`,
    );
    return Math.max(1, fits);
  }
  return wanted;
}

/** The built CLI (out/cli/sealcase.js, or SEALCASE_BENCH_CLI), checked to have `command`. */
export function cliPath(command) {
  const cli = process.env.SEALCASE_BENCH_CLI ?? join(root, 'out', 'cli', 'sealcase.js');
  if (!existsSync(cli)) throw new Error(`${cli}: not built; run npm run build first`);
  const help = spawnSync(process.execPath, [cli, command, '--help'], { encoding: 'utf8' });
  if (help.status !== 0) {
    throw new Error(
      `${cli}: has no \`${command}\` command (is it registered in electron/cli/program.ts?)`,
    );
  }
  return cli;
}

/**
 * A seeded, incompressible input: AES-128-CTR keystream from a fixed key, written in 8 MiB pieces.
 * Reused when it already exists with the right size (same seed, same bytes).
 */
export async function generatedInput(name, sizeMiB, seed = 'sealcase-bench') {
  const dir = join(tmpdir(), 'sealcase-bench');
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${name}-${sizeMiB}MiB.bin`);
  try {
    if ((await stat(path)).size === sizeMiB * MiB) return path;
  } catch {
    // generate below
  }
  const key = createHash('sha256').update(seed).digest().subarray(0, 16);
  const cipher = createCipheriv('aes-128-ctr', key, Buffer.alloc(16));
  const zeros = Buffer.alloc(8 * MiB);
  const handle = await open(`${path}.part`, 'w');
  for (let done = 0; done < sizeMiB * MiB; done += zeros.length) {
    const piece = cipher.update(zeros.subarray(0, Math.min(zeros.length, sizeMiB * MiB - done)));
    await handle.write(piece);
  }
  await handle.close();
  const { rename } = await import('node:fs/promises');
  await rename(`${path}.part`, path);
  return path;
}

/** Runs a command under /usr/bin/time; returns wall seconds and peak RSS (MiB). */
export function timed(command, args, options = {}) {
  return new Promise((resolvePromise, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn('/usr/bin/time', ['-f', '%M', command, ...args], {
      stdio: ['ignore', options.stdout ?? 'ignore', 'pipe'],
      ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    });
    let err = '';
    child.stderr.on('data', (d) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0) {
        reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${err.trim()}`));
        return;
      }
      const lines = err.trim().split('\n');
      const kib = Number(lines.at(-1));
      resolvePromise({ seconds, peakRssMiB: Math.round(kib / 1024) });
    });
  });
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
};

/** Runs ours and the reference alternately `runs` times; returns medians. */
export async function compare(ours, reference, before) {
  const a = [];
  const b = [];
  let rss = 0;
  for (let i = 0; i < runs; i++) {
    await before?.();
    const x = await ours();
    a.push(x.seconds);
    rss = Math.max(rss, x.peakRssMiB);
    await before?.();
    b.push((await reference()).seconds);
  }
  return { ours: median(a), reference: median(b), peakRssMiB: rss };
}

export function report(bench, sizeMiB, result, referenceName, extra = {}) {
  const line = {
    bench,
    value: Math.round(sizeMiB / result.ours),
    unit: 'MiB/s',
    reference:
      referenceName === null
        ? null
        : { name: referenceName, value: Math.round(sizeMiB / result.reference) },
    ratio: referenceName === null ? null : Math.round((result.ours / result.reference) * 100) / 100,
    peakRssMiB: result.peakRssMiB,
    sizeMiB,
    runs,
    ...extra,
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

export async function removeTree(path) {
  await rm(path, { recursive: true, force: true });
}

/**
 * Bundles TypeScript sources of the repository for Node with Vite (everything inlined) into
 * `outDir`; `inputs` maps an entry name to a repository path. Returns `name → file URL` of each
 * entry, for `import()`.
 */
export async function bundleForNode(outDir, inputs) {
  const { build } = await import('vite');
  const { pathToFileURL } = await import('node:url');
  const input = Object.fromEntries(
    Object.entries(inputs).map(([name, path]) => [name, resolve(root, path)]),
  );
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
        input,
        output: {
          format: 'es',
          entryFileNames: '[name].js',
          chunkFileNames: 'chunks/[name]-[hash].js',
        },
      },
    },
  });
  return Object.fromEntries(
    Object.keys(inputs).map((name) => [name, pathToFileURL(join(outDir, `${name}.js`)).href]),
  );
}
