import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DEMO_PASSPHRASE, DEMO_SAMPLES } from '../../../electron/services/demo';
import { expectNoSeriousAxeViolations } from '../support/axe';
import { expect, test } from '../support/fake-preload';
import { shoot } from '../support/screenshots';
import { signIn } from '../support/session';

test.setTimeout(120_000);

test('first start: the empty Cases screen offers the demo case; it builds with progress and opens', async ({
  page,
  workbench,
}) => {
  await page.goto('/index.html');
  await expect(page.getByRole('heading', { name: 'No cases yet' })).toBeVisible();
  const offer = page.getByRole('region', { name: 'Explore with the demo case' });
  await expect(offer).toContainText('carrier-grade NAT');
  await expect(offer).toContainText('RADIUS');
  await expect(offer).toContainText('demo-examiner.p12');
  // The passphrase shown is main's: the renderer cannot import it, so this ties the two.
  await expect(offer.getByText(DEMO_PASSPHRASE, { exact: true })).toBeVisible();
  await expectNoSeriousAxeViolations(page);
  await shoot(page, '36-demo-offer');

  await offer.getByRole('button', { name: 'Open the demo case' }).click();
  const building = offer.getByRole('status');
  await expect(building).toContainText('Building the demo case');
  await shoot(page, '36-demo-building');

  // Built by the real services, then opened: the case's screen with its five acquired samples.
  await expect(
    page.getByRole('heading', { level: 1, name: 'Sealcase demonstration case' }),
  ).toBeVisible({ timeout: 90_000 });
  await expect(page).toHaveURL(/#\/cases\/demo\.sealcase\/artefacts$/);
  for (const sample of DEMO_SAMPLES) {
    await expect(page.getByText(sample.name, { exact: true }).first()).toBeVisible();
  }
  await expectNoSeriousAxeViolations(page);
  await shoot(page, '36-demo-case');
  expect((await readdir(workbench.casesRoot)).sort()).toEqual(['demo-identity', 'demo.sealcase']);
  const events = workbench.progress.filter(
    (e): e is { task: string; state: string; label: string } =>
      typeof e === 'object' && e !== null && (e as { label?: string }).label === 'Demo case',
  );
  expect(events.at(-1)?.state).toBe('done');
  expect(events.length).toBeGreaterThan(3);

  // What the paragraph said works: sign in as the demo examiner with its file and passphrase.
  workbench.pickPath = join(workbench.casesRoot, 'demo-identity', 'demo-examiner.p12');
  await signIn(page, DEMO_PASSPHRASE);
  await expect(page.getByText('Demo Examiner').first()).toBeVisible();

  // Later, with cases present, the demo is one quiet button away and gets a new name.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Cases', exact: true })
    .click();
  await expect(page.getByRole('row', { name: /DEMO-0001/ })).toBeVisible();
  await page.getByRole('button', { name: 'Demo case…' }).click();
  const later = page.getByRole('region', { name: 'Explore with the demo case' });
  await expect(later.getByRole('button', { name: 'Add the demo case' })).toBeVisible();
  await expectNoSeriousAxeViolations(page);
  await shoot(page, '36-demo-add-later');
  await later.getByRole('button', { name: 'Add the demo case' }).click();
  await expect(page).toHaveURL(/#\/cases\/demo-2\.sealcase\/artefacts$/, { timeout: 90_000 });
  expect((await readdir(workbench.casesRoot)).sort()).toEqual([
    'demo-2.sealcase',
    'demo-identity',
    'demo.sealcase',
  ]);
  expect(workbench.calls.filter((c) => !c.ok)).toEqual([]);
});
