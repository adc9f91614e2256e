import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../../electron/cli/io';
import { runCli } from '../../../../electron/cli/program';
import {
  createExaminer,
  createLabCa,
  MIN_WRITE_ITERATIONS,
  unlock,
} from '../../../../electron/services/identity';
import { tempDir } from '../../../helpers/temp-dir';

const PASS = 'custody test';
let dir: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ path: dir, cleanup } = await tempDir());
  const ca = createLabCa({
    name: 'Test Lab CA',
    org: 'Test Lab',
    validityYears: 2,
    passphrase: PASS,
    iterations: MIN_WRITE_ITERATIONS,
  });
  for (const name of ['Ann Tamm', 'Bob Kask', 'Eve Mets']) {
    const p12 = createExaminer({
      name,
      org: 'Test Lab',
      validityYears: 1,
      passphrase: PASS,
      iterations: MIN_WRITE_ITERATIONS,
      ca: { p12: ca.p12, passphrase: PASS },
    });
    const file = name.split(' ')[0]!.toLowerCase();
    await writeFile(join(dir, `${file}.p12`), p12);
    const id = unlock(p12, PASS);
    await writeFile(join(dir, `${file}.der`), id.certificateDer);
    id.lock();
  }
}, 120_000);

afterAll(async () => cleanup());

const noPrompt = { interactive: false, ask: () => Promise.reject(new Error('no terminal')) };

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (t) => (out += t),
    err: (t) => (err += t),
    cwd: dir,
    env: { SEALCASE_PASSPHRASE: PASS },
  };
  const code = await runCli(argv, io, '0.0.0-test', { prompt: noPrompt });
  return { code, out, err };
}

describe('sealcase custody transfer | accept', () => {
  it('a handover signed by the giver and countersigned by the receiver verifies', async () => {
    const init = await run(
      'case',
      'init',
      'h.sealcase',
      '--number',
      'H-1',
      '--title',
      'Handover',
      '--identity',
      'ann.p12',
    );
    expect(init.code).toBe(0);

    const t = await run(
      'custody',
      'transfer',
      'h.sealcase',
      '--to',
      'bob.der',
      '--reason',
      'Ann on leave',
      '--identity',
      'ann.p12',
    );
    expect(t.code).toBe(0);
    const hash = /record ([0-9a-f]{64})/.exec(t.out)?.[1];
    expect(hash).toBeDefined();

    const pending = JSON.parse((await run('ledger', 'verify', 'h.sealcase', '--json')).out) as {
      ok: boolean;
      warnings: { code: string }[];
    };
    expect(pending.ok).toBe(true);
    expect(pending.warnings.map((w) => w.code)).toContain('PENDING_TRANSFER');

    // Only the named receiver can accept.
    const eve = await run('custody', 'accept', 'h.sealcase', '--identity', 'eve.p12');
    expect(eve.code).toBe(2);
    expect(eve.err).toContain('no pending custody transfer');

    const a = await run(
      'custody',
      'accept',
      'h.sealcase',
      '--transfer',
      hash!,
      '--identity',
      'bob.p12',
    );
    expect(a.code).toBe(0);
    const done = JSON.parse((await run('ledger', 'verify', 'h.sealcase', '--json')).out) as {
      ok: boolean;
      warnings: { code: string }[];
    };
    expect(done.ok).toBe(true);
    expect(done.warnings.map((w) => w.code)).not.toContain('PENDING_TRANSFER');

    const actions = (await readFile(join(dir, 'h.sealcase', 'ledger.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { action: string; actor: { name: string } })
      .map((r) => `${r.action} by ${r.actor.name}`);
    expect(actions.slice(-3)).toEqual([
      'custody.transferred by Ann Tamm',
      'examiner.added by Bob Kask',
      'custody.accepted by Bob Kask',
    ]);

    // Accepting twice is refused.
    const again = await run(
      'custody',
      'accept',
      'h.sealcase',
      '--transfer',
      hash!,
      '--identity',
      'bob.p12',
    );
    expect(again.code).toBe(2);
  }, 60_000);

  it('refuses to add to a ledger that does not verify, changing nothing', async () => {
    expect(
      (
        await run(
          'case',
          'init',
          'bad.sealcase',
          '--number',
          'B-1',
          '--title',
          'Bad',
          '--identity',
          'ann.p12',
        )
      ).code,
    ).toBe(0);
    const path = join(dir, 'bad.sealcase', 'ledger.jsonl');
    const tampered = (await readFile(path, 'utf8')).replace('"Bad"', '"Good"');
    await writeFile(path, tampered);
    const t = await run(
      'custody',
      'transfer',
      'bad.sealcase',
      '--to',
      'bob.der',
      '--reason',
      'r',
      '--identity',
      'ann.p12',
    );
    expect(t.code).toBe(1);
    expect(await readFile(path, 'utf8')).toBe(tampered);
  }, 60_000);
});
