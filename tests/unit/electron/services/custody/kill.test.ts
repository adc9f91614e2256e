import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CustodyLedger,
  LOCK_FILE,
  trustIssuerOf,
  verifyCaseLedger,
} from '../../../../../electron/services/custody';
import { unlock, type UnlockedIdentity } from '../../../../../electron/services/identity';
import { tempDir } from '../../../../helpers/temp-dir';
import { TEST_PASSPHRASE, testIdentity } from '../../../../helpers/test-identity';

const root = fileURLToPath(new URL('../../../../../', import.meta.url));
let tmp: { path: string; cleanup: () => Promise<void> };
let custodyLib: string;
let identityLib: string;
let p12Path: string;
let ann: UnlockedIdentity;

beforeAll(async () => {
  tmp = await tempDir('sealcase-ledger-kill-');
  const outDir = join(tmp.path, 'lib');
  await build({
    configFile: false,
    root,
    logLevel: 'silent',
    ssr: { noExternal: true },
    build: {
      ssr: true,
      outDir,
      target: 'node20',
      minify: false,
      rollupOptions: {
        input: {
          custody: resolve(root, 'electron/services/custody/index.ts'),
          identity: resolve(root, 'electron/services/identity/index.ts'),
        },
        output: {
          format: 'es',
          entryFileNames: '[name].js',
          chunkFileNames: 'chunks/[name]-[hash].js',
        },
      },
    },
  });
  custodyLib = join(outDir, 'custody.js');
  identityLib = join(outDir, 'identity.js');
  const made = testIdentity('Ann Tamm');
  made.identity.lock();
  p12Path = join(tmp.path, 'ann.p12');
  await writeFile(p12Path, made.p12);
  ann = unlock(made.p12, TEST_PASSPHRASE);
}, 120_000);

afterAll(async () => {
  ann.lock();
  await tmp.cleanup();
});

/** A real process appending signed, fsynced records as fast as it can until killed. */
function startAppender(caseDir: string) {
  const script = `
    import { readFileSync } from 'node:fs';
    import { CustodyLedger } from ${JSON.stringify(pathToFileURL(custodyLib).href)};
    import { unlock } from ${JSON.stringify(pathToFileURL(identityLib).href)};
    const signer = unlock(readFileSync(${JSON.stringify(p12Path)}), ${JSON.stringify(TEST_PASSPHRASE)});
    const deps = { now: () => new Date(), toolVersion: 'kill-test' };
    const { ledger } = await CustodyLedger.open(${JSON.stringify(caseDir)}, deps, signer);
    process.stdout.write('ready\\n');
    for (let i = 0; ; i++) {
      await ledger.append(signer, {
        action: 'artefact.acquired',
        subject: { artefacts: [i.toString(16).padStart(64, '0')] },
        reason: 'appended until killed ' + 'x'.repeat(i % 4000),
        details: { n: i },
      });
    }
  `;
  return spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

describe('kill -9 during ledger appends', () => {
  it.each([30, 120, 400])(
    'killed %i ms in: never a verified half record; reopening recovers every whole record',
    async (delayMs) => {
      const caseDir = join(tmp.path, `killed-${delayMs}.sealcase`);
      await mkdir(caseDir, { recursive: true });
      await trustIssuerOf(caseDir, ann);
      const first = await CustodyLedger.open(
        caseDir,
        { now: () => new Date(), toolVersion: 't' },
        ann,
      );
      await first.ledger.append(ann, {
        action: 'case.created',
        subject: { ids: ['k'] },
        reason: 'kill test',
      });

      const child = startAppender(caseDir);
      const exited = new Promise((r) => child.on('exit', r));
      await new Promise<void>((r) => child.stdout.once('data', () => r()));
      await new Promise((r) => setTimeout(r, delayMs));
      child.kill('SIGKILL');
      await exited;

      const bytes = readFileSync(join(caseDir, 'ledger.jsonl'));
      const wholeLines =
        bytes
          .subarray(0, bytes.lastIndexOf(0x0a) + 1)
          .toString('utf8')
          .split('\n').length - 1;
      const before = await verifyCaseLedger(caseDir);
      if (before.firstBad !== null) {
        // Only the very last line may be bad, and only as a torn record.
        expect(before.firstBad.code).toBe('TORN_RECORD');
        expect(before.firstBad.seq).toBe(wholeLines);
      }
      expect(before.records.length).toBe(wholeLines);

      // The dead appender may have left its lock: reopening takes it over and repairs the tail.
      const reopened = await CustodyLedger.open(
        caseDir,
        { now: () => new Date(), toolVersion: 't' },
        ann,
      );
      expect(existsSync(join(caseDir, LOCK_FILE))).toBe(false);
      const after = await verifyCaseLedger(caseDir);
      expect(after.firstBad).toBeNull();
      const expected = wholeLines + (reopened.recovery === null ? 0 : 1);
      expect(after.records.length).toBe(expected);
      expect(after.records.slice(0, wholeLines).map((r) => r.hash)).toEqual(
        before.records.map((r) => r.hash),
      );
      if (reopened.recovery !== null) {
        expect(after.records.at(-1)?.record.action).toBe('ledger.recovered');
        expect(existsSync(join(caseDir, reopened.recovery.file))).toBe(true);
      }
    },
    60_000,
  );
});
