import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { CaseFileV1 } from '../../../shared/model';
import { expectNoSeriousAxeViolations } from '../support/axe';
import { expect, test } from '../support/fake-preload';
import { shoot } from '../support/screenshots';

const SECTIONS = ['Artefacts', 'Timeline', 'Attribution', 'Custody', 'Export'] as const;

test('an empty workspace says what to do first', async ({ page, workbench }) => {
  await page.goto('/index.html');
  await expect(page.getByRole('heading', { name: 'No cases yet' })).toBeVisible();
  await expect(page.getByText(workbench.casesRoot)).toBeVisible();
  await expectNoSeriousAxeViolations(page);
  await shoot(page, '01-cases-empty');
});

test('create a case, see it listed, open it and visit every screen', async ({
  page,
  workbench,
}) => {
  await page.goto('/index.html');
  await page.getByRole('button', { name: 'Create the first case' }).click();
  await page.getByLabel('Case number').fill('2026/0417');
  await page.getByLabel('Title').fill('Account takeover, webmail provider');
  await page.getByLabel(/Legal authority/).fill('Production order 17/2026, District Court');
  await expectNoSeriousAxeViolations(page);
  await shoot(page, '02-cases-new-form');
  await page.getByRole('button', { name: 'Create case' }).click();

  // Creating opens the case; the folder and its case.json exist on disk, written by the real service.
  await expect(
    page.getByRole('heading', { level: 1, name: 'Account takeover, webmail provider' }),
  ).toBeVisible();
  const folders = (await readdir(workbench.casesRoot)).filter((n) => !n.startsWith('.'));
  expect(folders).toHaveLength(1);
  const caseJson: unknown = JSON.parse(
    await readFile(join(workbench.casesRoot, folders[0]!, 'case.json'), 'utf8'),
  );
  expect(CaseFileV1.parse(caseJson)).toMatchObject({
    number: '2026/0417',
    authority: 'Production order 17/2026, District Court',
  });

  for (const [i, section] of SECTIONS.entries()) {
    await page
      .getByRole('navigation', { name: 'Case sections' })
      .getByRole('link', { name: section })
      .click();
    await expect(page).toHaveURL(new RegExp(`#/cases/[^/]+/${section.toLowerCase()}$`));
    // Sections still to come show an honest empty state; Custody verifies the (absent) ledger.
    await expect(
      section === 'Custody'
        ? page.getByText('This case has no custody ledger yet.')
        : page.locator('.empty-state h2'),
    ).toBeVisible();
    await expectNoSeriousAxeViolations(page);
    await shoot(page, `${String(i + 3).padStart(2, '0')}-case-${section.toLowerCase()}`);
  }

  // Back to the list: the case is there, and in the sidebar's recent cases (Dexie).
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Cases', exact: true })
    .click();
  const row = page.getByRole('row', { name: /2026\/0417/ });
  await expect(row).toContainText('Account takeover, webmail provider');
  await expect(page.getByRole('region', { name: 'Recent' })).toContainText('2026/0417');
  await expectNoSeriousAxeViolations(page);
  await shoot(page, '08-cases-list');

  // Opening it from the list goes through case:open.
  await row.getByRole('button', { name: '2026/0417' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Account takeover, webmail provider',
  );
  expect(workbench.calls.map((c) => c.channel)).toEqual(
    expect.arrayContaining(['case:create', 'case:list', 'case:open']),
  );
  expect(workbench.calls.filter((c) => !c.ok)).toEqual([]);

  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Open a signed package' })
    .click();
  await expect(page.locator('.empty-state h2')).toBeVisible();
  await expectNoSeriousAxeViolations(page);
  await shoot(page, '09-open-package');
});

test('a duplicate case number is refused with the path named, and nothing changes', async ({
  page,
  workbench,
}) => {
  await page.goto('/index.html');
  for (const attempt of [1, 2]) {
    if (attempt === 1) await page.getByRole('button', { name: 'Create the first case' }).click();
    else {
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Cases', exact: true })
        .click();
      await page.getByRole('button', { name: 'New case' }).click();
    }
    await page.getByLabel('Case number').fill('2026/0001');
    await page.getByLabel('Title').fill(`Attempt ${attempt}`);
    await page.getByRole('button', { name: 'Create case' }).click();
    if (attempt === 1)
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Attempt 1');
  }
  const notice = page.getByRole('alert');
  await expect(notice).toContainText('The case was not created');
  await expect(notice).toContainText(workbench.casesRoot);
  await expect(notice).toContainText('CASE_EXISTS');
  await shoot(page, '10-cases-create-refused');
  const folders = await readdir(workbench.casesRoot);
  expect(folders).toHaveLength(1);
  const caseJson = JSON.parse(
    await readFile(join(workbench.casesRoot, folders[0]!, 'case.json'), 'utf8'),
  ) as { title: string };
  expect(caseJson.title).toBe('Attempt 1');
});

test('a call with a malformed payload gets INVALID_PAYLOAD and changes nothing', async ({
  page,
  workbench,
}) => {
  await page.goto('/index.html');
  await expect(page.getByRole('heading', { name: 'No cases yet' })).toBeVisible();
  const result = await page.evaluate(() =>
    (window.sealcase!.case.create as (r: unknown) => Promise<unknown>)({
      number: 42,
      title: ['x'],
    }),
  );
  expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
  expect(await readdir(workbench.casesRoot)).toEqual([]);
  const keys = await page.evaluate(() => Object.keys(window.sealcase!).sort());
  expect(keys).toEqual([
    'analysis',
    'app',
    'artefacts',
    'attribution',
    'case',
    'custody',
    'export',
    'identity',
    'intake',
    'onProgress',
    'package',
    'parse',
    'profiles',
    'workspace',
  ]);
});
