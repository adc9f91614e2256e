import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { TEST_PASSPHRASE, testIdentity } from '../../helpers/test-identity';
import { expect, type Workbench } from './fake-preload';

/** Signs in as a fresh examiner (Ann Tamm) and creates a case; lands on the case's screen. */
export async function signInAndCreateCase(
  page: Page,
  workbench: Workbench,
  dir: string,
  number: string,
  title = 'Intake from the app',
): Promise<void> {
  const { p12, identity } = testIdentity('Ann Tamm');
  identity.lock();
  workbench.pickPath = join(dir, 'ann.p12');
  await writeFile(workbench.pickPath, p12);
  await page.goto('/index.html');
  await signIn(page, TEST_PASSPHRASE);
  await page.getByRole('button', { name: 'Create the first case' }).click();
  await page.getByLabel('Case number').fill(number);
  await page.getByLabel('Title').fill(title);
  await page.getByRole('button', { name: 'Create case' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
}

/** Signs in through the sidebar's dialog with the file the fake picker answers (`pickPath`). */
export async function signIn(page: Page, passphrase: string): Promise<void> {
  await page.getByRole('button', { name: 'Sign in…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sign in as examiner' });
  await dialog.getByRole('button', { name: 'Choose…' }).click();
  await dialog.getByLabel('Passphrase').fill(passphrase);
  await dialog.getByRole('button', { name: 'Unlock' }).click();
  await expect(dialog).toBeHidden();
}
