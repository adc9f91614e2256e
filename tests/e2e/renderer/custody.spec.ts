import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CaseService } from '../../../electron/services/cases';
import { startCaseLedger } from '../../../electron/services/custody';
import { testIdentity } from '../../helpers/test-identity';
import { expectNoSeriousAxeViolations } from '../support/axe';
import { expect, test } from '../support/fake-preload';
import { shoot } from '../support/screenshots';

/** A case with a signed ledger, made the way `sealcase case init --identity` makes one. */
async function signedCase(casesRoot: string): Promise<string> {
  const { identity } = testIdentity('Ann Tamm');
  const now = () => new Date();
  const service = new CaseService({ casesRoot, now, uuid: randomUUID, toolVersion: '0.0.0-e2e' });
  try {
    const summary = await service.create(
      { number: '2026/0500', title: 'Ledger case', authority: 'Order 5/2026' },
      {
        initialize: async (staging, file) => {
          await startCaseLedger(staging, file, identity, { now, toolVersion: '0.0.0-e2e' });
        },
      },
    );
    return summary.id;
  } finally {
    identity.lock();
  }
}

test('the Custody screen verifies a signed ledger and lists its records', async ({
  page,
  workbench,
}) => {
  const id = await signedCase(workbench.casesRoot);
  await page.goto(`/index.html#/cases/${id}/custody`);
  await expect(page.getByText(/The ledger verifies: 3 records/)).toBeVisible();
  const rows = page.getByRole('table', { name: 'Custody ledger records' }).locator('tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText('Case created');
  await expect(rows.nth(0)).toContainText('Ann Tamm');
  await expect(rows.nth(2)).toContainText('Checkpoint signed');
  await expectNoSeriousAxeViolations(page);
  await shoot(page, '11-custody-valid');

  // Someone edits a record on disk: "Verify now" names the first bad record and why.
  const ledgerPath = join(workbench.casesRoot, id, 'ledger.jsonl');
  const ledger = await readFile(ledgerPath, 'utf8');
  await writeFile(ledgerPath, ledger.replace('Order 5/2026', 'Order 6/2026'));
  await page.getByRole('button', { name: 'Verify now' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('does not verify from record 0');
  await expect(alert).toContainText('BAD_SIGNATURE');
  await expectNoSeriousAxeViolations(page);
  await shoot(page, '12-custody-tampered');
});

test('a case created in the app says it has no ledger yet', async ({ page, workbench }) => {
  expect(workbench.calls).toEqual([]);
  await page.goto('/index.html');
  await page.getByRole('button', { name: 'Create the first case' }).click();
  await page.getByLabel('Case number').fill('2026/0600');
  await page.getByLabel('Title').fill('No ledger');
  await page.getByRole('button', { name: 'Create case' }).click();
  await page
    .getByRole('navigation', { name: 'Case sections' })
    .getByRole('link', { name: 'Custody' })
    .click();
  await expect(page.getByText('This case has no custody ledger yet.')).toBeVisible();
});
