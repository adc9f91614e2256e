import { readFile, copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expectNoSeriousAxeViolations } from '../support/axe';
import { expect, test } from '../support/fake-preload';
import { shoot } from '../support/screenshots';
import { signInAndCreateCase } from '../support/session';

const fixture = (p: string) => fileURLToPath(new URL(`../../fixtures/${p}`, import.meta.url));

test('parse an artefact: detect, fix the time options, preview, save the signed decision', async ({
  page,
  workbench,
}) => {
  const dir = await mkdtemp(join(tmpdir(), 'sealcase-e2e-parse-'));
  try {
    await signInAndCreateCase(page, workbench, dir, '2026/0950', 'Parse from the app');
    const auth = join(dir, 'auth.log');
    await copyFile(fixture('sshd/auth-rollover.log'), auth);
    workbench.pickEvidence = [auth];
    await page.getByRole('button', { name: 'Add evidence…' }).click();
    const intake = page.getByRole('region', { name: 'Acquire evidence' });
    await intake.getByRole('button', { name: 'Acquire and sign' }).click();
    await expect(intake.getByRole('status')).toContainText('1 file(s) acquired');
    await intake.getByRole('button', { name: 'Close' }).click();

    const table = page.getByRole('table', { name: 'Artefacts of this case' });
    await expect(table.getByRole('row', { name: /auth\.log/ })).toContainText('syslog');
    await table.getByRole('button', { name: 'auth.log' }).click();
    await expect(page.getByText('Not parsed yet')).toBeVisible();
    await page.getByRole('button', { name: 'Parse…' }).click();

    const panel = page.getByRole('region', { name: 'Parse auth.log' });
    await panel.getByRole('button', { name: 'Preview' }).click();
    // Yearless syslog and no year given: no UTC times, and a warning that names the fix.
    await expect(panel.getByRole('heading', { name: /Preview: sshd/ })).toBeVisible();
    await expect(panel.getByText(/--year/).first()).toBeVisible();
    await expect(panel.getByText('no UTC time').first()).toBeVisible();
    await expect(panel.getByRole('combobox', { name: 'Format' })).toContainText('best: sshd');
    await shoot(page, '20-parse-no-year');

    await panel.getByLabel('Year').fill('2023');
    await panel.getByLabel('Zone of local times').fill('UTC');
    await expect(panel.getByText('The options changed since this preview')).toBeVisible();
    await expect(
      panel.getByRole('button', { name: 'Save parse decision and sign' }),
    ).toBeDisabled();
    await panel.getByRole('button', { name: 'Preview' }).click();
    const preview = panel.getByRole('table', { name: 'First events of the parse' });
    await expect(preview.locator('tbody tr').first()).toContainText('2023-12-31 23:58:03Z');
    // The year rolls over with the log (Dec → Jan).
    await expect(preview).toContainText('2024-01-01');
    await panel.getByLabel(/Why this format/).fill('server clock on UTC per the admin');
    await expectNoSeriousAxeViolations(page);
    await shoot(page, '21-parse-preview');

    await panel.getByRole('button', { name: 'Save parse decision and sign' }).click();
    await expect(panel.getByText(/Saved as custody record #\d+/)).toBeVisible();
    await expect(
      page.getByText(/Parsed as sshd 1\.0\.0, local times in UTC, year 2023/),
    ).toBeVisible();
    await shoot(page, '22-parse-saved');

    const caseDir = join(workbench.casesRoot, '2026-0950.sealcase');
    const ledger = await readFile(join(caseDir, 'ledger.jsonl'), 'utf8');
    expect(ledger).toContain('"action":"analysis.recorded"');
    await page
      .getByRole('navigation', { name: 'Case sections' })
      .getByRole('link', { name: 'Custody' })
      .click();
    await expect(page.getByText(/The ledger verifies/)).toBeVisible();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
