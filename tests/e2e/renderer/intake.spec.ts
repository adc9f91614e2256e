import { createHash } from 'node:crypto';
import { mkdtemp, open, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectNoSeriousAxeViolations } from '../support/axe';
import { expect, test } from '../support/fake-preload';
import { shoot } from '../support/screenshots';
import { signInAndCreateCase } from '../support/session';

test('add evidence from the app: provenance, progress, listed with digests, signed', async ({
  page,
  workbench,
}) => {
  const dir = await mkdtemp(join(tmpdir(), 'sealcase-e2e-intake-'));
  try {
    await signInAndCreateCase(page, workbench, dir, '2026/0900');
    const files = {
      'nat.log': 'NAT log line\n',
      'headers.eml': 'Received: from x\nSubject: y\n\n',
    };
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
    workbench.pickEvidence = Object.keys(files).map((n) => join(dir, n));

    await page.getByRole('button', { name: 'Add evidence…' }).click();
    const panel = page.getByRole('region', { name: 'Acquire evidence' });
    await panel.getByLabel('Received from').fill('ISP X via LE portal, ref 2026-117');
    await expectNoSeriousAxeViolations(page);
    await shoot(page, '17-intake-provenance');
    await panel.getByRole('button', { name: 'Acquire and sign' }).click();
    await expect(panel.getByRole('status')).toContainText('2 file(s) acquired, signed by Ann Tamm');
    await shoot(page, '18-intake-done');

    const table = page.getByRole('table', { name: 'Artefacts of this case' });
    await expect(table.locator('tbody tr')).toHaveCount(2);
    for (const [name, text] of Object.entries(files)) {
      const sha = createHash('sha256').update(text).digest('hex');
      await expect(
        table.getByRole('row', { name: new RegExp(name.replace('.', '\\.')) }),
      ).toContainText(sha.slice(0, 16));
    }
    expect(workbench.progress.length).toBeGreaterThan(1);

    await page
      .getByRole('navigation', { name: 'Case sections' })
      .getByRole('link', { name: 'Custody' })
      .click();
    await expect(page.getByText(/The ledger verifies/)).toBeVisible();
    await expect(page.getByRole('row', { name: /Artefact acquired/ })).toHaveCount(2);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a cancelled intake leaves nothing listed or recorded', async ({ page, workbench }) => {
  const dir = await mkdtemp(join(tmpdir(), 'sealcase-e2e-cancel-'));
  try {
    await signInAndCreateCase(page, workbench, dir, '2026/0901');
    // 1 GiB sparse file: long enough to cancel mid-copy.
    const big = join(dir, 'big.bin');
    const handle = await open(big, 'w');
    await handle.truncate(1024 * 1024 * 1024);
    await handle.close();
    workbench.pickEvidence = [big];

    await page.getByRole('button', { name: 'Add evidence…' }).click();
    const panel = page.getByRole('region', { name: 'Acquire evidence' });
    await panel.getByRole('button', { name: 'Acquire and sign' }).click();
    await expect(panel.getByRole('button', { name: 'Cancel intake' })).toBeVisible();
    await expect(panel.locator('#overall-progress')).toBeVisible();
    await shoot(page, '19-intake-progress');
    await panel.getByRole('button', { name: 'Cancel intake' }).click();
    await expect(panel.getByRole('status')).toContainText('cancelled', { timeout: 20_000 });
    await expect(
      page.getByRole('heading', { name: 'No artefacts in this case yet' }),
    ).toBeVisible();
    const caseDir = join(workbench.casesRoot, '2026-0901.sealcase');
    expect(await readdir(join(caseDir, 'vault', 'sha256'))).toEqual([]);
    expect(await readFile(join(caseDir, 'ledger.jsonl'), 'utf8')).not.toContain(
      'artefact.acquired',
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
