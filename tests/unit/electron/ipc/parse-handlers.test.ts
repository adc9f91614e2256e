import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caseWithEvidence, typedDispatch as dispatch } from '../../../helpers/ipc-case';
import { tempDir } from '../../../helpers/temp-dir';

const email = fileURLToPath(
  new URL('../../../fixtures/email/spamassassin/nice-002.eml', import.meta.url),
);

let root: { path: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  root = await tempDir();
});
afterEach(async () => root.cleanup());

async function setup(unlocked: boolean) {
  const c = await caseWithEvidence(root.path, 'P-1', { 'message.eml': await readFile(email) });
  const sha256 = createHash('sha256')
    .update(await readFile(email))
    .digest('hex');
  if (!unlocked) await dispatch(c.h, 'identity:lock', {});
  return { h: c.h, sha256, caseDir: c.caseDir };
}

describe('parse over IPC', () => {
  it('lists the formats, previews a vault artefact with detection, and records the decision signed', async () => {
    const { h, sha256, caseDir } = await setup(true);
    const formats = await dispatch(h, 'parse:formats', {});
    expect(formats.ok && formats.value.formats.map((f) => f.name)).toContain('email');

    const preview = await dispatch(h, 'parse:preview', {
      id: 'P-1.sealcase',
      artefact: sha256,
      options: {},
    });
    if (!preview.ok) throw new Error(JSON.stringify(preview.error));
    expect(preview.value.parser.name).toBe('email');
    expect(preview.value.detected[0]?.name).toBe('email');
    expect(preview.value.complete).toBe(true);
    expect(preview.value.events[0]).toMatchObject({ type: 'email:message', artefact: sha256 });
    expect(preview.value.events.filter((e) => e.type === 'email:received').length).toBeGreaterThan(
      1,
    );

    const recorded = await dispatch(h, 'parse:record', {
      id: 'P-1.sealcase',
      artefact: sha256,
      format: 'email',
      options: { assumeZone: 'Europe/Tallinn' },
      note: 'headers only',
    });
    if (!recorded.ok) throw new Error(JSON.stringify(recorded.error));
    const file = await readFile(join(caseDir, 'analysis', `${recorded.value.sha256}.json`));
    expect(createHash('sha256').update(file).digest('hex')).toBe(recorded.value.sha256);
    expect(JSON.parse(file.toString('utf8'))).toMatchObject({
      kind: 'parse',
      artefact: sha256,
      format: 'email',
      options: { assumeZone: 'Europe/Tallinn' },
      decidedBy: { name: 'Ann Tamm' },
    });

    const ledger = (await readFile(join(caseDir, 'ledger.jsonl'), 'utf8')).trim().split('\n');
    const last = JSON.parse(ledger[recorded.value.seq] ?? '{}') as Record<string, unknown>;
    expect(last).toMatchObject({
      action: 'analysis.recorded',
      subject: { artefacts: [sha256] },
      details: { sha256: recorded.value.sha256, format: 'email' },
    });
    const verified = await dispatch(h, 'custody:verify', { id: 'P-1.sealcase' });
    expect(verified.ok && verified.value.status).toBe('valid');

    const decisions = await dispatch(h, 'parse:decisions', { id: 'P-1.sealcase' });
    expect(decisions.ok && decisions.value).toMatchObject({
      decisions: [{ artefact: sha256, format: 'email', note: 'headers only', by: 'Ann Tamm' }],
      problems: [],
    });
  }, 60_000);

  it('refuses to record while nobody is signed in, and names unknown artefacts and formats', async () => {
    const { h, sha256, caseDir } = await setup(false);
    const before = await readFile(join(caseDir, 'ledger.jsonl'), 'utf8');
    const locked = await dispatch(h, 'parse:record', {
      id: 'P-1.sealcase',
      artefact: sha256,
      format: 'email',
      options: {},
    });
    expect(locked).toMatchObject({ ok: false, error: { code: 'IDENTITY_LOCKED' } });
    expect(await readFile(join(caseDir, 'ledger.jsonl'), 'utf8')).toBe(before);
    const unknown = await dispatch(h, 'parse:preview', {
      id: 'P-1.sealcase',
      artefact: 'f'.repeat(64),
      options: {},
    });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'PARSE_ARTEFACT_NOT_FOUND' } });
    const badFormat = await dispatch(h, 'parse:preview', {
      id: 'P-1.sealcase',
      artefact: sha256,
      format: 'no-such',
      options: {},
    });
    expect(badFormat).toMatchObject({ ok: false, error: { code: 'PARSE_FORMAT_NOT_FOUND' } });
    const badZone = await dispatch(h, 'parse:preview', {
      id: 'P-1.sealcase',
      artefact: sha256,
      options: { assumeZone: 'Mars/Base' },
    });
    expect(badZone).toMatchObject({ ok: false, error: { code: 'PARSE_OPTIONS_INVALID' } });
  }, 60_000);
});
