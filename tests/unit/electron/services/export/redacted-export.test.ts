/**
 * The redacted derivative (issue 8, shared/package FORMAT.md §10) of the demo case: it verifies,
 * no withheld value is left in any byte of the bag (nor in the report's text), the statement and
 * bag-info name the full package's manifest hash, the ledger records it as redacted, and the salt
 * kept in the case reproduces the commitments.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedactionStatementV1 } from '../../../../../shared/interchange/redaction-statement';
import { parseBagInfo } from '../../../../../shared/package';
import { exportPackage, type ExportResult } from '../../../../../electron/services/export';
import {
  RedactionSaltV1,
  REDACTION_SALTS_DIR,
} from '../../../../../electron/services/export/redaction';
import type { UnlockedIdentity } from '../../../../../electron/services/identity';
import { verifyPackageAt } from '../../../../../electron/services/package';
import { demoCase, testDeps } from './export-case';

let dir: string;
let caseDir: string;
let identity: UnlockedIdentity;
let full: ExportResult;
let redacted: ExportResult;
const redactedPath = () => join(dir, 'redacted');

/** Every file under a folder, recursively, as absolute paths. */
function filesUnder(root: string): string[] {
  return readdirSync(root, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

type Json = Record<string, unknown>;
const eventsOf = (bag: string): Json[] =>
  readFileSync(join(bag, 'data/events.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Json);

/**
 * The values the default list withholds, read from the full package's events independently of
 * the Redactor: user, subscriber, callingStationId, mac, hostname, from, to, for, identity.*.
 * IP addresses are left aside: they stay in the address fields by design (interchange §3.2).
 */
function defaultWithheldValues(events: readonly Json[]): Set<string> {
  const top = ['user', 'subscriber', 'callingStationId', 'mac', 'hostname', 'from', 'to', 'for'];
  const values = new Set<string>();
  const add = (v: unknown) => {
    if (typeof v === 'string' && v !== '' && isIP(v) === 0) values.add(v);
    else if (typeof v === 'number' || typeof v === 'boolean') values.add(String(v));
  };
  for (const e of events) {
    for (const f of top) {
      const v = e[f];
      if (Array.isArray(v)) v.forEach(add);
      else add(v);
    }
    const identityColumns = e['identity'] as Json | undefined;
    for (const v of Object.values(identityColumns ?? {})) add(v);
  }
  return values;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sealcase-redacted-'));
  ({ caseDir, identity } = await demoCase(dir));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('redacted derivative', () => {
  it('is refused with EXPORT_NO_FULL_PACKAGE before the case has a full export', async () => {
    const ledgerBefore = readFileSync(join(caseDir, 'ledger.jsonl'));
    await expect(
      exportPackage(caseDir, { out: join(dir, 'early'), redact: {} }, identity, testDeps()),
    ).rejects.toMatchObject({ code: 'EXPORT_NO_FULL_PACKAGE' });
    expect(readdirSync(dir).filter((n) => n.startsWith('early'))).toEqual([]);
    // Nothing was signed either: the ledger is as it was.
    expect(readFileSync(join(caseDir, 'ledger.jsonl'))).toEqual(ledgerBefore);
  });

  it('refuses an unknown field and attached originals with EXPORT_OPTIONS_INVALID', async () => {
    await expect(
      exportPackage(
        caseDir,
        { out: join(dir, 'bad'), redact: { fields: ['clientIp'] } },
        identity,
        testDeps(),
      ),
    ).rejects.toMatchObject({ code: 'EXPORT_OPTIONS_INVALID', where: 'clientIp' });
    await expect(
      exportPackage(
        caseDir,
        { out: join(dir, 'bad'), redact: {}, attachOriginals: true },
        identity,
        testDeps(),
      ),
    ).rejects.toMatchObject({ code: 'EXPORT_OPTIONS_INVALID' });
  });

  it('derives from the latest full export; the bag verifies with no finding', async () => {
    full = await exportPackage(caseDir, { out: join(dir, 'full') }, identity, testDeps());
    redacted = await exportPackage(
      caseDir,
      { out: redactedPath(), redact: {} },
      identity,
      testDeps(),
    );
    expect(redacted.redaction?.fullPackage).toEqual({
      packageId: full.packageId,
      manifestSha256: full.manifestSha256,
    });
    const verdict = await verifyPackageAt(redactedPath());
    expect(verdict.findings).toEqual([]);
    expect(verdict.valid).toBe(true);
  }, 120_000);

  it('leaves no withheld value in any byte of any file, nor in the report text', () => {
    const values = defaultWithheldValues(eventsOf(join(dir, 'full')));
    // The demo has subscriber identities to withhold: accounts, e-mail addresses, ISP columns.
    expect(values.size).toBeGreaterThan(5);
    const files = filesUnder(redactedPath());
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const v of values) {
        if (Buffer.byteLength(v) < 4) continue;
        expect(bytes.indexOf(Buffer.from(v, 'utf8')), `${relative(dir, file)} holds "${v}"`).toBe(
          -1,
        );
      }
    }
    // The PDF's text is in font-encoded streams: read it as a reader would.
    const text = spawnSync('pdftotext', ['-layout', 'data/report.pdf', '-'], {
      cwd: redactedPath(),
      encoding: 'utf8',
    });
    expect(text.status, text.stderr).toBe(0);
    const flat = text.stdout.replace(/\s+/g, '');
    for (const v of values) {
      if (v.replace(/\s+/g, '').length < 4) continue;
      expect(flat.includes(v.replace(/\s+/g, '')), `report.pdf shows "${v}"`).toBe(false);
    }
    expect(text.stdout).toContain('REDACTED DERIVATIVE');
    expect(flat).toMatch(/sha256:[0-9a-f]{16}/);
    // The full package does hold them (the scan would see a leak).
    const fullEvents = readFileSync(join(dir, 'full/data/events.jsonl'));
    const seen = [...values].filter((v) => fullEvents.includes(Buffer.from(v, 'utf8')));
    expect(seen.length).toBe(values.size);
  });

  it('holds no originals, states what was withheld and names the full manifest hash', () => {
    const paths = filesUnder(redactedPath()).map((f) => relative(redactedPath(), f));
    expect(paths.filter((p) => p.startsWith('data/originals/'))).toEqual([]);
    expect(paths).toContain('data/redaction.json');
    const statement = RedactionStatementV1.parse(
      JSON.parse(readFileSync(join(redactedPath(), 'data/redaction.json'), 'utf8')),
    );
    expect(statement.derivedFrom).toEqual({
      manifestSha256: full.manifestSha256,
      packageId: full.packageId,
    });
    expect(statement.withheld.map((w) => w.field)).toEqual(
      expect.arrayContaining(['user', 'subscriber']),
    );
    expect(statement.leftOut?.originals).toBe(5);
    const info = parseBagInfo(readFileSync(join(redactedPath(), 'bag-info.txt')));
    expect(info.ok && info.info['Sealcase-Redaction']).toBe('redacted');
    expect(info.ok && info.info['Sealcase-Full-Package']).toBe(full.manifestSha256);
    const readme = readFileSync(join(redactedPath(), 'README.txt'), 'utf8');
    expect(readme).toContain('REDACTED DERIVATIVE');
    expect(readme).toContain(full.manifestSha256);
    expect(readme).toContain('are NOT in this package');
  });

  it("records export.created with redaction: redacted and the full package's manifest hash", () => {
    const lines = readFileSync(join(caseDir, 'ledger.jsonl'), 'utf8').trim().split('\n');
    const last = JSON.parse(lines.at(-1)!) as { action: string; details: Json };
    expect(last.action).toBe('export.created');
    expect(last.details['redaction']).toBe('redacted');
    expect(last.details['fullPackage']).toBe(full.manifestSha256);
    expect(last.details['manifestSha256']).toBe(redacted.manifestSha256);
  });

  it('keeps the salt in the case, never in the bag, and the salt reproduces each commitment', () => {
    const uuid = redacted.packageId.replace('urn:uuid:', '');
    const saltFile = join(caseDir, REDACTION_SALTS_DIR, `${uuid}.json`);
    expect(redacted.redaction?.saltFile).toBe(saltFile);
    const salt = RedactionSaltV1.parse(JSON.parse(readFileSync(saltFile, 'utf8')));
    expect(salt.fullPackage.manifestSha256).toBe(full.manifestSha256);
    const saltBytes = Buffer.from(salt.salt, 'hex');
    for (const file of filesUnder(redactedPath())) {
      const bytes = readFileSync(file);
      expect(bytes.indexOf(salt.salt)).toBe(-1);
      expect(bytes.indexOf(saltBytes)).toBe(-1);
    }
    // Line by line, the same event: each withheld `user` is the commitment of the full value.
    const before = eventsOf(join(dir, 'full'));
    const after = eventsOf(redactedPath());
    expect(after.length).toBe(before.length);
    let proved = 0;
    before.forEach((e, i) => {
      const value = e['user'];
      if (typeof value !== 'string' || value === '') return;
      const c = createHash('sha256')
        .update(Buffer.concat([saltBytes, Buffer.from('user\u0000', 'utf8'), Buffer.from(value)]))
        .digest('hex');
      expect(after[i]!['user']).toBe(`sha256:${c}`);
      expect(after[i]!['ts']).toBe(e['ts']);
      proved++;
    });
    expect(proved).toBeGreaterThan(0);
  });

  it('refuses with EXPORT_REDACTION_LEAK when a value withheld in one field stays clear in another', async () => {
    // Withholding only RADIUS `user` leaves the same account clear as the ISP reply's subscriber.
    const out = join(dir, 'leaky');
    const salts = readdirSync(join(caseDir, REDACTION_SALTS_DIR));
    await expect(
      exportPackage(caseDir, { out, redact: { fields: ['user'] } }, identity, testDeps()),
    ).rejects.toMatchObject({ code: 'EXPORT_REDACTION_LEAK' });
    expect(readdirSync(dir).filter((n) => n.startsWith('leaky'))).toEqual([]);
    expect(readdirSync(join(caseDir, REDACTION_SALTS_DIR))).toEqual(salts);
    expect(existsSync(out)).toBe(false);
  }, 60_000);
});
