import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousAxeViolations } from '../support/axe';
import { shoot } from '../support/screenshots';

/**
 * verify.html as the recipient uses it: opened from the package folder (file://) in Chromium,
 * with the folder or the zip picked. The packages are real ones: the package the built CLI's demo
 * writes, and its case exported again as a zip.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const cli = join(root, 'out', 'cli', 'sealcase.js');
// Made in beforeAll: Playwright also loads this file in processes that only list the tests.
let work = '';
let folder = ''; // the package the demo writes (folder form)
let zip = '';
let tampered = '';

test.beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'sealcase-verify-page-'));
  const demo = join(work, 'demo');
  folder = join(demo, 'demo-package');
  zip = join(work, 'package.zip');
  tampered = join(work, 'tampered');
  const env = { ...process.env, SEALCASE_PASSPHRASE: 'sealcase-demo' };
  const run = (args: string[]) =>
    execFileSync(process.execPath, [cli, ...args], { env, stdio: 'pipe' });
  run(['demo', demo]);
  const identity = join(demo, 'demo-examiner.p12');
  const caseDir = join(demo, 'demo.sealcase');
  run(['export', caseDir, '--out', zip, '--zip', '--identity', identity]);
  cpSync(folder, tampered, { recursive: true });
  const events = join(tampered, 'data', 'events.jsonl');
  const bytes = readFileSync(events);
  bytes[10] = (bytes[10] as number) ^ 0x01;
  rmSync(events, { force: true });
  writeFileSync(events, bytes);
});

test.afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Opens the page from a package folder, recording every request it makes. */
async function open(page: Page, packageFolder: string): Promise<string[]> {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(join(packageFolder, 'verify.html')).href);
  await expect(page.getByRole('heading', { name: 'Sealcase package verifier' })).toBeVisible();
  return requests;
}

test('a package folder picked in verify.html passes every check, offline', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  const requests = await open(page, folder);
  await page.setInputFiles('#pick-folder', folder);
  await expect(page.locator('.verdict')).toHaveText(/^Valid: every check passed/, {
    timeout: 60_000,
  });
  const statuses = await page.locator('tbody tr td:first-child .status').allTextContents();
  expect(statuses).toHaveLength(12);
  expect(new Set(statuses)).toEqual(new Set(['pass']));
  await expect(page.getByText('No findings.')).toBeVisible();
  // The only request is the page itself; no CSP violation, no script error.
  expect(requests).toEqual([pathToFileURL(join(folder, 'verify.html')).href]);
  expect(errors).toEqual([]);
  await expectNoSeriousAxeViolations(page);
  await shoot(page, '40-verify-page-valid');
});

test('the zip form verifies the same way', async ({ page }) => {
  await open(page, folder);
  await page.setInputFiles('#pick-zip', zip);
  await expect(page.locator('.verdict')).toHaveText(/^Valid: every check passed/, {
    timeout: 60_000,
  });
  await expect(page.getByText('zip', { exact: true })).toBeVisible();
});

test('one changed byte is a finding that names the file', async ({ page }) => {
  await open(page, tampered);
  await page.setInputFiles('#pick-folder', tampered);
  await expect(page.locator('.verdict')).toHaveText(/^Not valid: /, { timeout: 60_000 });
  const finding = page.locator('tbody tr', { hasText: 'DIGEST_MISMATCH' });
  await expect(finding).toContainText('data/events.jsonl');
  await expectNoSeriousAxeViolations(page);
  await shoot(page, '41-verify-page-tampered');
});

test('the page pins its script by hash and allows no network at all', () => {
  const html = readFileSync(join(folder, 'verify.html'), 'utf8');
  const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
  expect(csp).toMatch(/default-src 'none'/);
  expect(csp).toMatch(/connect-src 'none'/);
  expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
  expect(html).not.toMatch(/<script[^>]+src=/);
  expect(html).not.toMatch(/<link\b/);
  expect(html).not.toMatch(/(?:src|href)\s*=\s*["']?https?:/);
});
