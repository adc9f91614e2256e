import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  IntakeService,
  JsonlAcquisitionRecorder,
  readArtefacts,
} from '../../../../../electron/services/intake';
import { tempDir } from '../../../../helpers/temp-dir';
import { MiB, bundleForTests, makeCase, randomFile } from '../vault/support';

let tmp: { path: string; cleanup: () => Promise<void> };
let intakeLib: string;
let big: string;

beforeAll(async () => {
  tmp = await tempDir('sealcase-kill-');
  ({ intakeLib } = await bundleForTests(join(tmp.path, 'out')));
  big = join(tmp.path, 'big.bin');
  await randomFile(big, 256 * MiB);
}, 120_000);
afterAll(async () => tmp.cleanup());

/** A real process running the bundled intake (worker threads included) on one big file. */
function startIntake(caseDir: string) {
  const script = `
    import { randomUUID } from 'node:crypto';
    import { IntakeService, JsonlAcquisitionRecorder } from ${JSON.stringify(pathToFileURL(intakeLib).href)};
    const caseDir = ${JSON.stringify(caseDir)};
    const service = new IntakeService({
      caseDir, recorder: new JsonlAcquisitionRecorder(caseDir), now: () => new Date(),
      uuid: randomUUID, toolVersion: 'kill-test', hashing: { slotSize: 1048576, slots: 4 },
    });
    const result = await service.ingest({ inputs: [${JSON.stringify(big)}] });
    process.stdout.write(result.hashing);
  `;
  return spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function tmpBytes(caseDir: string): number {
  try {
    return readdirSync(join(caseDir, 'vault', 'tmp')).reduce(
      (n, name) => n + statSync(join(caseDir, 'vault', 'tmp', name)).size,
      0,
    );
  } catch {
    return 0;
  }
}

async function finalBlobs(caseDir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(join(caseDir, 'vault', 'sha256'), {
    withFileTypes: true,
    recursive: true,
  })) {
    if (e.isFile()) out.push(join(e.parentPath, e.name));
  }
  return out;
}

describe('kill -9 during an intake', () => {
  it('runs to completion in a child process with worker threads (control)', async () => {
    const caseDir = await makeCase(tmp.path, 'control.sealcase');
    const child = startIntake(caseDir);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    let errText = '';
    child.stderr.on('data', (d: Buffer) => (errText += d.toString()));
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(errText).toBe('');
    expect(code).toBe(0);
    expect(out).toBe('workers');
    expect((await readArtefacts(caseDir)).records).toHaveLength(1);
  }, 60_000);

  it('leaves no partial file under a final name; the next start removes and reports the temp file', async () => {
    const caseDir = await makeCase(tmp.path, 'killed.sealcase');
    const child = startIntake(caseDir);
    const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_c, s) => r(s)));
    // Wait until the copy is under way, then kill -9.
    const deadline = Date.now() + 30_000;
    while (tmpBytes(caseDir) === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 1));
    }
    expect(tmpBytes(caseDir)).toBeGreaterThan(0);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    expect(await finalBlobs(caseDir)).toEqual([]);
    expect((await readArtefacts(caseDir)).records).toEqual([]);
    const left = await readdir(join(caseDir, 'vault', 'tmp'));
    expect(left).toHaveLength(1);

    const recorder = new JsonlAcquisitionRecorder(caseDir);
    const service = new IntakeService({
      caseDir,
      recorder,
      now: () => new Date('2026-11-23T00:00:00.000Z'),
      uuid: () => '00000000-0000-4000-8000-000000000001',
      toolVersion: 'kill-test',
    });
    const report = await service.recover();
    expect(report.removed).toHaveLength(1);
    expect(report.removed[0]?.path).toBe(`vault/tmp/${left[0]}`);
    expect(report.removed[0]?.size).toBeGreaterThan(0);
    expect(await readdir(join(caseDir, 'vault', 'tmp'))).toEqual([]);
    const cleanup = readFileSync(join(caseDir, 'intake-cleanup.jsonl'), 'utf8');
    expect(JSON.parse(cleanup.trim())).toMatchObject({
      removed: [{ path: `vault/tmp/${left[0]}` }],
    });
  }, 60_000);

  it('killed at other moments: any blob under a final name is complete', async () => {
    for (const delayMs of [50, 250, 600]) {
      const caseDir = await makeCase(tmp.path, `delay-${delayMs}.sealcase`);
      const child = startIntake(caseDir);
      const exited = new Promise((r) => child.on('exit', r));
      await new Promise((r) => setTimeout(r, delayMs));
      child.kill('SIGKILL');
      await exited;
      for (const blob of await finalBlobs(caseDir)) {
        const sha = createHash('sha256').update(readFileSync(blob)).digest('hex');
        expect(blob.endsWith(sha)).toBe(true);
      }
      // After recovery every blob under a final name has its record: the complete artefact or
      // nothing.
      await new IntakeService({
        caseDir,
        recorder: new JsonlAcquisitionRecorder(caseDir),
        now: () => new Date(),
        uuid: () => '00000000-0000-4000-8000-000000000002',
        toolVersion: 'kill-test',
      }).recover();
      const recorded = (await readArtefacts(caseDir)).records.flatMap((r) =>
        r.entry === 'file' ? [r.digests.sha256] : [],
      );
      const blobs = (await finalBlobs(caseDir)).map((b) => b.slice(-64));
      expect(blobs.every((b) => recorded.includes(b))).toBe(true);
    }
  }, 60_000);

  it('a blob stored but never recorded (killed between the two) is quarantined and reported', async () => {
    const caseDir = await makeCase(tmp.path, 'unrecorded.sealcase');
    const content = Buffer.from('stored, then the process died before recording it\n');
    const sha = createHash('sha256').update(content).digest('hex');
    const dir = join(caseDir, 'vault', 'sha256', sha.slice(0, 2));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, sha), content, { mode: 0o444 });
    const report = await new IntakeService({
      caseDir,
      recorder: new JsonlAcquisitionRecorder(caseDir),
      now: () => new Date(),
      uuid: () => '00000000-0000-4000-8000-000000000003',
      toolVersion: 'kill-test',
    }).recover();
    expect(report.removed).toEqual([
      {
        path: `vault/sha256/${sha.slice(0, 2)}/${sha}`,
        size: content.length,
        movedTo: `quarantine/unrecorded/${sha}`,
      },
    ]);
    expect(await finalBlobs(caseDir)).toEqual([]);
    expect(readFileSync(join(caseDir, 'quarantine', 'unrecorded', sha))).toEqual(content);
    expect(readFileSync(join(caseDir, 'intake-cleanup.jsonl'), 'utf8')).toContain(sha);
  });
});
