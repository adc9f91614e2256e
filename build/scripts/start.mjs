// Launches the built app in Electron. Electron's npm package downloads its binary on first use;
// where that download cannot happen (no network, blocked host) this says so in one line instead
// of a stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const electronPkg = join(root, 'node_modules', 'electron');

function fail(line) {
  process.stderr.write(`sealcase: ${line}\n`);
  process.exit(1);
}

function installedBinary() {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const pathFile = join(electronPkg, 'path.txt');
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (override) return join(override, name ?? 'electron');
  if (name === null) return null;
  const full = join(electronPkg, 'dist', name);
  return existsSync(full) ? full : null;
}

if (!existsSync(join(electronPkg, 'package.json'))) {
  fail('the electron package is missing; run `npm install` first.');
}

let binary = installedBinary();
if (binary === null) {
  const install = spawnSync(process.execPath, [join(electronPkg, 'install.js')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  binary = install.status === 0 ? installedBinary() : null;
  if (binary === null) {
    const reason = /(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ENETUNREACH)\S*/.exec(
      `${install.stderr}${install.stdout}`,
    );
    fail(
      `cannot start the app: the Electron binary could not be downloaded` +
        `${reason ? ` (${reason[1]})` : ''}; this machine needs network access to Electron's` +
        ` releases once, or ELECTRON_OVERRIDE_DIST_PATH pointing at an unpacked Electron.` +
        ` The CLI works without it: npx sealcase --help`,
    );
  }
}
if (!existsSync(binary)) fail(`cannot start the app: no Electron executable at ${binary}.`);

const child = spawn(binary, [root, ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('error', (error) => fail(`cannot start the app: ${error.message}`));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
