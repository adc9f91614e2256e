import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CGN_LOG, RADIUS_DETAIL } from '../../helpers/cgn-samples';
import { caseWithEvidence, typedDispatch } from '../../helpers/ipc-case';
import { expectNoSeriousAxeViolations } from '../support/axe';
import { expect, test } from '../support/fake-preload';
import { shoot } from '../support/screenshots';

test.setTimeout(90_000);

/** A package written by the real export over the real handlers (outside the page). */
async function exportedPackage(root: string, form: 'folder' | 'zip'): Promise<string> {
  const { h, caseId } = await caseWithEvidence(root, 'P-1', {
    'cgn.log': CGN_LOG,
    'radius-detail': RADIUS_DETAIL,
  });
  const r = await typedDispatch(h, 'export:run', {
    id: caseId,
    task: 'export-1',
    form,
    pageSize: 'A4',
    events: 'all',
    attachOriginals: false,
    redaction: null,
  });
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value.packages[0]!.package.path;
}

test('open a signed package: verification first, then the contents read-only; a changed file is found', async ({
  page,
  workbench,
}) => {
  const dir = await mkdtemp(join(tmpdir(), 'sealcase-e2e-pkg-'));
  try {
    const pkg = await exportedPackage(dir, 'folder');
    await page.goto('/index.html');
    await page.getByRole('link', { name: 'Open a signed package' }).click();
    await expect(page.getByRole('heading', { name: 'No package open' })).toBeVisible();
    await expectNoSeriousAxeViolations(page);
    await shoot(page, '33-package-empty');

    workbench.pickPackage = pkg;
    await page.getByRole('button', { name: 'Open folder…' }).click();
    const verdict = page.getByRole('heading', { name: 'Valid: every check passed' });
    await expect(verdict).toBeVisible({ timeout: 30_000 });
    const checks = page.getByRole('table', { name: 'Checks, in the order they ran' });
    await expect(checks.getByRole('row', { name: /Fixity.*Passed/ })).toBeVisible();
    await expect(
      page.getByRole('table', { name: 'Findings' }).getByText('DIGEST_MISMATCH'),
    ).toHaveCount(0);
    await expect(page.getByText(/Compare the trust anchor/)).toBeVisible();
    // Then the contents: case, originals with hashes, custody, the report's place.
    const contents = page.getByRole('region', { name: 'Contents (read-only)' });
    await expect(contents.getByText('P-1 — Test case')).toBeVisible();
    const originals = contents.getByRole('table', { name: 'Originals in the package' });
    await expect(originals.locator('tbody > tr')).toHaveCount(2);
    await expect(originals.getByText('cgn.log')).toBeVisible();
    await expect(
      contents.getByRole('table', { name: 'Custody records in the package' }),
    ).toContainText('case.created');
    await expect(contents.getByText(/exports\/P-1-\d{8}T\d{6}Z\/data\/report\.pdf$/)).toBeVisible();
    await expect(contents.getByText(/Signature valid: signed by the examiner/)).toBeVisible();
    // Nothing is editable.
    await expect(contents.locator('input, textarea, select')).toHaveCount(0);
    await expectNoSeriousAxeViolations(page);
    await shoot(page, '34-package-verified');

    // One changed byte in one file: the screen names the finding and the file.
    await appendFile(join(pkg, 'data', 'events.jsonl'), '\n');
    await page.getByRole('button', { name: 'Verify again' }).click();
    await expect(page.getByRole('heading', { name: /^Not valid: \d+ findings?/ })).toBeVisible({
      timeout: 30_000,
    });
    const findings = page.getByRole('table', { name: 'Findings' });
    await expect(
      findings.getByRole('row', { name: /DIGEST_MISMATCH.*data\/events\.jsonl/ }),
    ).toBeVisible();
    await expect(checks.getByRole('row', { name: /Fixity.*Failed/ })).toBeVisible();
    await expectNoSeriousAxeViolations(page);
    await shoot(page, '35-package-tampered');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('open a zip package from the keyboard; a folder that is no package says so', async ({
  page,
  workbench,
}) => {
  const dir = await mkdtemp(join(tmpdir(), 'sealcase-e2e-pkgzip-'));
  try {
    const zip = await exportedPackage(dir, 'zip');
    await page.goto('/index.html#/package');
    workbench.pickPackage = dir;
    await page.getByRole('button', { name: 'Open folder…' }).click();
    await expect(page.getByRole('alert')).toContainText('PKG_NOT_A_PACKAGE');

    workbench.pickPackage = zip;
    await page.getByRole('button', { name: 'Open zip…' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Valid: every check passed' })).toBeVisible({
      timeout: 30_000,
    });
    await expect(page.getByText(/\.zip → data\/report\.pdf/)).toBeVisible();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
