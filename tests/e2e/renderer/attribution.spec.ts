import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CGN_LOG, OBSERVATIONS_CSV, RADIUS_DETAIL } from '../../helpers/cgn-samples';
import { expectNoSeriousAxeViolations } from '../support/axe';
import { expect, test } from '../support/fake-preload';
import { shoot } from '../support/screenshots';
import { signInAndCreateCase } from '../support/session';

test('attribution: observations through the CGN and RADIUS records, every doubt shown, run saved signed', async ({
  page,
  workbench,
}) => {
  const dir = await mkdtemp(join(tmpdir(), 'sealcase-e2e-attr-'));
  try {
    await signInAndCreateCase(page, workbench, dir, '2026/0960', 'CGN attribution');
    const files = { 'cgn.log': CGN_LOG, 'radius-detail': RADIUS_DETAIL };
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
    workbench.pickEvidence = Object.keys(files).map((n) => join(dir, n));
    await page.getByRole('button', { name: 'Add evidence…' }).click();
    const intake = page.getByRole('region', { name: 'Acquire evidence' });
    await intake.getByRole('button', { name: 'Acquire and sign' }).click();
    await expect(intake.getByRole('status')).toContainText('2 file(s) acquired');

    await page
      .getByRole('navigation', { name: 'Case sections' })
      .getByRole('link', { name: 'Attribution' })
      .click();
    const form = page.getByRole('form', { name: 'Attribution inputs' });
    // Both record artefacts are preselected.
    await expect(form.getByRole('checkbox', { name: /cgn\.log/ })).toBeChecked();
    await expect(form.getByRole('checkbox', { name: /radius-detail/ })).toBeChecked();
    await form.getByLabel(/Paste/).fill(OBSERVATIONS_CSV);
    await form.getByRole('button', { name: 'Attribute' }).click();

    const results = page.getByRole('table', { name: 'Attribution results' });
    await expect(results.locator('tbody > tr')).toHaveCount(3);
    await expect(page.getByText('1 unique')).toBeVisible();
    await expect(page.getByText('1 ambiguous')).toBeVisible();
    await expect(page.getByText('1 no coverage')).toBeVisible();
    await expect(page.getByText(/not the person/)).toBeVisible();
    await expect(results.locator('tbody > tr').nth(0)).toContainText('alice');
    await expect(results.locator('tbody > tr').nth(1)).toContainText('alice, bob');

    // The ambiguous row: why not unique?
    await results.locator('tbody > tr').nth(1).getByRole('button', { name: 'Details' }).click();
    await expect(results.getByRole('heading', { name: 'Why not unique?' })).toBeVisible();
    await expect(
      page.locator('#attribution-detail-1').getByText('[PORT_MISSING_SHARED_IP]'),
    ).toBeVisible();
    await expect(results.getByText(/CGN port block/).first()).toBeVisible();
    await expectNoSeriousAxeViolations(page);
    await shoot(page, '25-attribution-results');

    await page.getByLabel('Note for the record').fill('port list from the provider');
    await page.getByRole('button', { name: 'Save run and sign' }).click();
    await expect(page.getByText(/Saved as custody record #\d+/)).toBeVisible();
    const ledger = await readFile(
      join(workbench.casesRoot, '2026-0960.sealcase', 'ledger.jsonl'),
      'utf8',
    );
    expect(ledger).toContain('"kind":"attribution"');
    await shoot(page, '26-attribution-saved');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('attribution with nothing in the case says what to do next', async ({ page, workbench }) => {
  const dir = await mkdtemp(join(tmpdir(), 'sealcase-e2e-attr0-'));
  try {
    await signInAndCreateCase(page, workbench, dir, '2026/0961', 'Empty');
    await page
      .getByRole('navigation', { name: 'Case sections' })
      .getByRole('link', { name: 'Attribution' })
      .click();
    await expect(page.getByRole('heading', { name: 'Nothing to attribute yet' })).toBeVisible();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
