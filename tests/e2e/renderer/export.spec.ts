import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CGN_LOG, RADIUS_DETAIL } from '../../helpers/cgn-samples';
import { TEST_PASSPHRASE } from '../../helpers/test-identity';
import { expectNoSeriousAxeViolations } from '../support/axe';
import { expect, test } from '../support/fake-preload';
import { shoot } from '../support/screenshots';
import { signInAndCreateCase } from '../support/session';

test.setTimeout(90_000);

test('export: options, progress, the written package with its id and hash, Verify now, history', async ({
  page,
  workbench,
}) => {
  const dir = await mkdtemp(join(tmpdir(), 'sealcase-e2e-export-'));
  try {
    await signInAndCreateCase(page, workbench, dir, '2026/0970', 'CGN export');
    const files = { 'cgn.log': CGN_LOG, 'radius-detail': RADIUS_DETAIL };
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
    workbench.pickEvidence = Object.keys(files).map((n) => join(dir, n));
    await page.getByRole('button', { name: 'Add evidence…' }).click();
    const intake = page.getByRole('region', { name: 'Acquire evidence' });
    await intake.getByRole('button', { name: 'Acquire and sign' }).click();
    await expect(intake.getByRole('status')).toContainText('2 file(s) acquired');

    await page
      .getByRole('navigation', { name: 'Case sections' })
      .getByRole('link', { name: 'Export' })
      .click();
    const form = page.getByRole('form', { name: 'Export options' });
    await expect(form.getByRole('radio', { name: 'Folder (BagIt bag)' })).toBeChecked();
    await expect(form.getByText(/2 files, .* in all/)).toBeVisible();
    await expect(page.getByText('No export of this case yet.')).toBeVisible();
    // The redaction choices appear only when asked for, with a sensible default selection.
    await form.getByRole('checkbox', { name: /redacted derivative/ }).check();
    await expect(form.getByRole('checkbox', { name: /Account names/ })).toBeChecked();
    await expect(form.getByRole('checkbox', { name: /Email subjects/ })).not.toBeChecked();
    await expectNoSeriousAxeViolations(page);
    await shoot(page, '30-export-options');
    // No bookmarks yet: the report's timeline defaults to every event.
    await expect(form.getByRole('radio', { name: 'All events' })).toBeChecked();
    // Keyboard: the submit button is reachable and starts the export.
    await form.getByRole('button', { name: 'Export and sign' }).focus();
    await page.keyboard.press('Enter');
    const done = page.getByRole('status').filter({ hasText: 'Packages written and signed.' });
    await expect(done).toBeVisible({ timeout: 60_000 });
    await expect(done).toContainText('2026-0970.sealcase/exports/2026-0970-');
    await expect(done).toContainText(/urn:uuid:[0-9a-f-]{36}/);
    await expect(done.getByText(/^[0-9a-f]{64}$/)).toHaveCount(2);
    await expect(done.getByText('Redacted derivative', { exact: true })).toBeVisible();
    await expect(done).toContainText(/exports\/2026-0970-\d{8}T\d{6}Z-redacted/);
    const history = page.getByRole('table', { name: 'Earlier exports of this case' });
    await expect(history.locator('tbody > tr')).toHaveCount(2);
    await expect(history.locator('tbody > tr').first()).toContainText('redacted');
    await shoot(page, '31-export-done');

    await done.getByRole('button', { name: /^Verify now \(the package\)$/ }).click();
    const verdict = page.getByRole('heading', { name: 'Valid: every check passed' });
    await expect(verdict).toBeVisible({ timeout: 30_000 });
    const checks = page.getByRole('table', { name: 'Checks, in the order they ran' });
    await expect(checks.getByRole('row', { name: /Fixity.*Passed/ })).toBeVisible();
    await expect(page.getByText(/Compare the trust anchor/)).toBeVisible();
    await expectNoSeriousAxeViolations(page);
    await shoot(page, '32-export-verified');

    // The redacted derivative verifies too (its originals are named by the ledger, not copied).
    await done.getByRole('button', { name: /^Verify now \(the redacted derivative\)$/ }).click();
    await expect(verdict).toBeVisible({ timeout: 30_000 });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('export with nothing in the case says what to do next', async ({ page, workbench }) => {
  const dir = await mkdtemp(join(tmpdir(), 'sealcase-e2e-export0-'));
  try {
    await signInAndCreateCase(page, workbench, dir, '2026/0971', 'Empty');
    await page
      .getByRole('navigation', { name: 'Case sections' })
      .getByRole('link', { name: 'Export' })
      .click();
    await expect(page.getByRole('heading', { name: 'Nothing to export yet' })).toBeVisible();
    await expect(page.getByText(/Acquire evidence on the Artefacts screen first/)).toBeVisible();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('export waits for the examiner: signed out it says how to sign in, and unlocks when they do', async ({
  page,
  workbench,
}) => {
  const dir = await mkdtemp(join(tmpdir(), 'sealcase-e2e-export-lock-'));
  try {
    await signInAndCreateCase(page, workbench, dir, '2026/0972', 'Locked export');
    await writeFile(join(dir, 'cgn.log'), CGN_LOG);
    workbench.pickEvidence = [join(dir, 'cgn.log')];
    await page.getByRole('button', { name: 'Add evidence…' }).click();
    const intake = page.getByRole('region', { name: 'Acquire evidence' });
    await intake.getByRole('button', { name: 'Acquire and sign' }).click();
    await expect(intake.getByRole('status')).toContainText('1 file(s) acquired');
    await page.getByRole('button', { name: 'Lock' }).click();
    await page
      .getByRole('navigation', { name: 'Case sections' })
      .getByRole('link', { name: 'Export' })
      .click();
    const button = page.getByRole('button', { name: 'Export and sign' });
    await expect(page.getByText(/Sign in as examiner first/)).toBeVisible();
    await expect(button).toBeDisabled();

    await page.getByRole('button', { name: 'Sign in…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign in as examiner' });
    await dialog.getByRole('button', { name: 'Choose…' }).click();
    await dialog.getByLabel('Passphrase').fill(TEST_PASSPHRASE);
    await dialog.getByRole('button', { name: 'Unlock' }).click();
    await expect(button).toBeEnabled({ timeout: 5_000 });
    await expect(page.getByText(/Sign in as examiner first/)).toHaveCount(0);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
