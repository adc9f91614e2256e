#!/usr/bin/env node
// `node tests/bench/run.mjs [group] [--smoke]`: runs tests/bench/<group>.mjs, or every group.
import process from 'node:process';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const flags = args.filter((a) => a.startsWith('--'));
const named = args.filter((a) => !a.startsWith('--'));
const groups = readdirSync(here)
  .filter((f) => f.endsWith('.mjs') && f !== 'run.mjs' && !f.startsWith('_'))
  .map((f) => f.slice(0, -4))
  .sort();
const chosen = named.length === 0 ? groups : named;
let failed = 0;
for (const group of chosen) {
  if (!groups.includes(group)) {
    process.stderr.write(`bench: no group "${group}" (have: ${groups.join(', ')})\n`);
    failed++;
    continue;
  }
  const r = spawnSync(process.execPath, [join(here, `${group}.mjs`), ...flags], {
    stdio: 'inherit',
  });
  if (r.status !== 0) {
    process.stderr.write(`bench: group ${group} failed (exit ${r.status ?? r.signal})\n`);
    failed++;
  }
}
process.exitCode = failed === 0 ? 0 : 1;
