import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_PASSPHRASE, testIdentity } from '../../helpers/test-identity';
import { expectNoSeriousAxeViolations } from '../support/axe';
import { expect, test } from '../support/fake-preload';
import { shoot } from '../support/screenshots';

test('sign in (wrong passphrase, then right), create a signed case, lock', async ({
  page,
  workbench,
}) => {
  const dir = await mkdtemp(join(tmpdir(), 'sealcase-e2e-identity-'));
  try {
    const { p12, identity } = testIdentity('Ann Tamm');
    identity.lock();
    const file = join(dir, 'ann.p12');
    await writeFile(file, p12);
    workbench.pickPath = file;

    await page.goto('/index.html');
    const examiner = page.getByRole('region', { name: 'Examiner' });
    await expect(examiner).toContainText('Not signed in');
    await examiner.getByRole('button', { name: 'Sign in…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign in as examiner' });
    await dialog.getByRole('button', { name: 'Choose…' }).click();
    await expect(dialog.getByLabel('Identity file')).toHaveValue(file);
    await dialog.getByLabel('Passphrase').fill('wrong passphrase');
    await dialog.getByRole('button', { name: 'Unlock' }).click();
    await expect(dialog.getByRole('alert')).toContainText('PASSPHRASE_WRONG');
    await expect(dialog.getByRole('alert')).toContainText(`passphrase does not unlock ${file}`);
    await expectNoSeriousAxeViolations(page);
    await shoot(page, '15-unlock-wrong-passphrase');

    await dialog.getByLabel('Passphrase').fill(TEST_PASSPHRASE);
    await dialog.getByRole('button', { name: 'Unlock' }).click();
    await expect(dialog).toBeHidden();
    await expect(examiner).toContainText('Signing as Ann Tamm');

    // No response ever carried key material.
    expect(JSON.stringify(workbench.calls)).not.toMatch(/PRIVATE|BEGIN/);

    await page.getByRole('button', { name: 'Create the first case' }).click();
    await page.getByLabel('Case number').fill('2026/0800');
    await page.getByLabel('Title').fill('Signed from the app');
    await page.getByRole('button', { name: 'Create case' }).click();
    await page
      .getByRole('navigation', { name: 'Case sections' })
      .getByRole('link', { name: 'Custody' })
      .click();
    await expect(page.getByText(/The ledger verifies: 3 records/)).toBeVisible();
    await expect(page.getByRole('row', { name: /Case created/ })).toContainText('Ann Tamm');
    await shoot(page, '16-signed-case-custody');

    await examiner.getByRole('button', { name: 'Lock' }).click();
    await expect(examiner).toContainText('Not signed in');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
