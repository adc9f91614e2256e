import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFile, readdir, stat, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  IntakeService,
  JsonlAcquisitionRecorder,
  builtinDetect,
  readArtefacts,
  type AcquisitionRecorder,
  type IntakeProgress,
} from '../../../../../electron/services/intake';
import { nodeVaultFs, type VaultFs } from '../../../../../electron/services/vault';
import type { ArtefactRecord } from '../../../../../shared/model';
import { tempDir } from '../../../../helpers/temp-dir';
import { MiB, bundleForTests, digestsOf, makeCase, randomFile, writeText } from '../vault/support';

let bundle: { path: string; cleanup: () => Promise<void> };
let workerUrl: URL;
let tmp: { path: string; cleanup: () => Promise<void> };
let caseDir: string;

beforeAll(async () => {
  bundle = await tempDir('sealcase-bundle-');
  ({ workerUrl } = await bundleForTests(bundle.path));
}, 60_000);
afterAll(async () => bundle.cleanup());
beforeEach(async () => {
  tmp = await tempDir('sealcase-intake-');
  caseDir = await makeCase(tmp.path);
});
afterEach(async () => tmp.cleanup());

class MemoryRecorder implements AcquisitionRecorder {
  readonly acquired: ArtefactRecord[] = [];
  readonly cleanups: unknown[] = [];
  async recordAcquired(artefact: ArtefactRecord): Promise<void> {
    this.acquired.push(artefact);
  }
  async recordCleanup(report: unknown): Promise<void> {
    this.cleanups.push(report);
  }
  async recordedBlobs(): Promise<ReadonlySet<string>> {
    return new Set(this.acquired.flatMap((a) => (a.entry === 'file' ? [a.digests.sha256] : [])));
  }
}

function service(recorder: AcquisitionRecorder, extra: { fs?: VaultFs } = {}) {
  let t = Date.parse('2026-11-22T10:00:00.000Z');
  return new IntakeService({
    caseDir,
    recorder,
    now: () => new Date((t += 1000)),
    uuid: randomUUID,
    toolVersion: '0.0.0-test',
    acquiredBy: 'A. Examiner',
    hashing: { workerUrl, slotSize: MiB },
    ...extra,
  });
}

async function vaultFiles(): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(join(caseDir, 'vault'), { withFileTypes: true, recursive: true })) {
    if (e.isFile()) out.push(join(e.parentPath, e.name).slice(caseDir.length + 1));
  }
  return out.sort();
}

describe('IntakeService', () => {
  it('walks folders in byte-wise order, records symlinks, skips special files, keeps zero-byte files', async () => {
    const src = join(tmp.path, 'evidence');
    await writeText(join(src, 'b.txt'), 'bee\n');
    await writeText(join(src, 'B.txt'), 'upper bee\n');
    await writeText(
      join(src, 'a', 'z.eml'),
      'From: a@example.org\nTo: b@example.org\nSubject: hi\n\nbody\n',
    );
    await writeText(join(src, 'empty.log'), '');
    await writeText(join(src, 'é.csv'), 'ip,port,time\n1.2.3.4,80,2026-01-01T00:00:00Z\n');
    await symlink('/etc/passwd', join(src, 'link'));
    execFileSync('mkfifo', [join(src, 'pipe')]);
    const recorder = new MemoryRecorder();
    const warnings: string[] = [];
    const result = await service(recorder).ingest({
      inputs: [src],
      receivedFrom: 'ISP reply via LE portal, ref 42',
      source: 'USB stick #3',
      note: 'first batch',
      onWarning: (w) => warnings.push(w.code),
    });
    expect(result.artefacts.map((a) => a.original.relativePath)).toEqual([
      'B.txt',
      'a/z.eml',
      'b.txt',
      'empty.log',
      'link',
      'é.csv',
    ]);
    expect(warnings).toEqual(['SPECIAL_FILE_SKIPPED']);
    expect(recorder.acquired).toEqual(result.artefacts);
    const link = result.artefacts.find((a) => a.entry === 'symlink');
    expect(link).toMatchObject({ entry: 'symlink', target: '/etc/passwd' });
    const eml = result.artefacts.find((a) => a.original.name === 'z.eml');
    expect(eml).toMatchObject({
      entry: 'file',
      contentKind: 'email',
      method: 'logical-folder-walk',
      acquiredBy: 'A. Examiner',
      receivedFrom: 'ISP reply via LE portal, ref 42',
      source: 'USB stick #3',
      note: 'first batch',
    });
    const csv = result.artefacts.find((a) => a.original.name === 'é.csv');
    expect(csv).toMatchObject({ contentKind: 'csv' });
    const empty = result.artefacts.find((a) => a.original.name === 'empty.log');
    expect(empty).toMatchObject({ size: 0 });
    expect(await vaultFiles()).toHaveLength(5);
  });

  it('same content twice: one blob, two acquisitions, each recorded in artefacts.jsonl', async () => {
    await writeText(join(tmp.path, 'one.txt'), 'same bytes');
    await writeText(join(tmp.path, 'two.txt'), 'same bytes');
    const recorder = new JsonlAcquisitionRecorder(caseDir);
    const result = await service(recorder).ingest({
      inputs: ['one.txt', 'two.txt'],
      cwd: tmp.path,
    });
    expect(result.blobsCreated).toBe(1);
    const { records, problems } = await readArtefacts(caseDir);
    expect(problems).toEqual([]);
    expect(records).toHaveLength(2);
    expect(new Set(records.map((r) => r.id)).size).toBe(2);
    expect(await vaultFiles()).toEqual([
      `vault/sha256/${digestsOf(Buffer.from('same bytes')).sha256.slice(0, 2)}/${digestsOf(Buffer.from('same bytes')).sha256}`,
    ]);
  });

  it('checks every input before storing anything: a missing one stops the intake naming it', async () => {
    await writeText(join(tmp.path, 'ok.txt'), 'fine');
    const recorder = new MemoryRecorder();
    const missing = join(tmp.path, 'missing.txt');
    await expect(
      service(recorder).ingest({ inputs: [join(tmp.path, 'ok.txt'), missing] }),
    ).rejects.toMatchObject({ code: 'INTAKE_INPUT_NOT_FOUND', where: missing });
    expect(recorder.acquired).toEqual([]);
    expect(await vaultFiles()).toEqual([]);
  });

  it('large file through the workers: digests equal node:crypto, progress has rate and ETA', async () => {
    const path = join(tmp.path, 'big.bin');
    const expected = await randomFile(path, 64 * MiB + 7);
    const recorder = new MemoryRecorder();
    const events: IntakeProgress[] = [];
    const result = await service(recorder).ingest({
      inputs: [path],
      onProgress: (p) => events.push(p),
    });
    expect(result.hashing).toBe('workers');
    expect(result.artefacts[0]).toMatchObject({
      entry: 'file',
      digests: expected,
      size: 64 * MiB + 7,
    });
    const done = events.map((e) => e.overall.bytesDone);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(events.at(-1)).toMatchObject({
      phase: 'done',
      overall: { bytesDone: 64 * MiB + 7, filesDone: 1 },
    });
    expect(events.some((e) => e.phase === 'verifying')).toBe(true);
    expect(events.some((e) => e.rate > 0 && e.etaSeconds !== null)).toBe(true);
    const blob = join(caseDir, 'vault', 'sha256', expected.sha256.slice(0, 2), expected.sha256);
    expect((await stat(blob)).size).toBe(64 * MiB + 7);
  }, 60_000);

  it('cancel mid-file: nothing under a final name, nothing recorded, temp file gone', async () => {
    const path = join(tmp.path, 'big.bin');
    await randomFile(path, 64 * MiB);
    const recorder = new MemoryRecorder();
    const controller = new AbortController();
    const pending = service(recorder).ingest({
      inputs: [path],
      signal: controller.signal,
      onProgress: (p) => {
        if (p.overall.bytesDone > 16 * MiB) controller.abort();
      },
    });
    await expect(pending).rejects.toMatchObject({ code: 'INTAKE_CANCELLED' });
    expect(recorder.acquired).toEqual([]);
    expect(await vaultFiles()).toEqual([]);
  }, 60_000);

  it('EACCES on the case folder: reported with the path, nothing recorded', async () => {
    await writeText(join(tmp.path, 'f.txt'), 'data');
    const fs: VaultFs = {
      ...nodeVaultFs,
      open: (async (path: string, flags?: unknown, mode?: unknown) => {
        if (String(path).startsWith(join(caseDir, 'vault'))) {
          throw Object.assign(new Error(`EACCES: permission denied, open '${path}'`), {
            code: 'EACCES',
            path,
          });
        }
        return nodeVaultFs.open(path, flags as never, mode as never);
      }) as VaultFs['open'],
    };
    const recorder = new MemoryRecorder();
    const error = await service(recorder, { fs })
      .ingest({ inputs: [join(tmp.path, 'f.txt')] })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INTAKE_NOT_WRITABLE' });
    expect((error as { where: string }).where.startsWith(join(caseDir, 'vault', 'tmp'))).toBe(true);
    expect((error as Error).message).toContain(caseDir);
    expect(recorder.acquired).toEqual([]);
  });

  it('a failing recorder leaves no blob under a final name', async () => {
    await writeText(join(tmp.path, 'f.txt'), 'data');
    const recorder: AcquisitionRecorder = {
      recordAcquired: async () => {
        throw new Error('ledger unavailable');
      },
      recordCleanup: async () => undefined,
      recordedBlobs: async () => new Set<string>(),
    };
    await expect(
      service(recorder).ingest({ inputs: [join(tmp.path, 'f.txt')] }),
    ).rejects.toMatchObject({ code: 'INTAKE_RECORD_FAILED' });
    expect(await vaultFiles()).toEqual([]);
  });

  it('refuses a folder that is not a case', async () => {
    await writeText(join(tmp.path, 'f.txt'), 'data');
    const svc = new IntakeService({
      caseDir: join(tmp.path, 'nocase'),
      recorder: new MemoryRecorder(),
      now: () => new Date(),
      uuid: randomUUID,
      toolVersion: '0',
    });
    await expect(svc.ingest({ inputs: [join(tmp.path, 'f.txt')] })).rejects.toMatchObject({
      code: 'INTAKE_CASE_INVALID',
    });
  });

  it('recovery removes temp files and records the cleanup', async () => {
    await writeText(join(caseDir, 'vault', 'tmp', 'leftover'), 'partial');
    const recorder = new JsonlAcquisitionRecorder(caseDir);
    const report = await service(recorder).recover();
    expect(report.removed).toEqual([{ path: 'vault/tmp/leftover', size: 7 }]);
    const lines = (await readFile(join(caseDir, 'intake-cleanup.jsonl'), 'utf8'))
      .trim()
      .split('\n');
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
      removed: [{ path: 'vault/tmp/leftover' }],
    });
  });
});

describe('builtinDetect', () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  it.each([
    ['%PDF-1.7\n', 'reply.pdf', 'pdf'],
    ['PK\u0003\u0004....xl/workbook.xml', 'reply.xlsx', 'xlsx'],
    ['Received: from x\nFrom: a@b\nSubject: s\n\nbody', 'msg.eml', 'email'],
    ['a,b,c\n1,2,3\n4,5,6\n', 'data.txt', 'csv'],
    ['just a line of text', 'notes.txt', 'unknown'],
    // From the parser registry's detect():
    [
      '[1709647629.123456]    [NEW] tcp      6 120 SYN_SENT src=10.0.0.5 dst=192.0.2.80 sport=51000 dport=443 [UNREPLIED] src=192.0.2.80 dst=198.51.100.1 sport=443 dport=1025\n',
      'conntrack.log',
      'nat-log',
    ],
    [
      'lease 192.0.2.10 {\n  starts 2 2024/03/05 14:07:09;\n  ends 2 2024/03/05 15:07:09;\n  binding state active;\n  hardware ethernet 00:11:22:33:44:55;\n}\n',
      'dhcpd.leases',
      'dhcp-leases',
    ],
    ['Requested IP;Requested port;Requested time;Account\n', 'reply.csv', 'csv'],
    ['', 'empty', 'unknown'],
  ] as const)('%j as %s → %s', (text, name, kind) => {
    expect(builtinDetect(enc(text), name)).toBe(kind);
  });
});
