import { appendFile, copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
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

test('an ISP reply: columns matched by name, dd/mm fixed by a named profile that the next reply reuses', async ({
  page,
  workbench,
}) => {
  const dir = await mkdtemp(join(tmpdir(), 'sealcase-e2e-isp-'));
  try {
    await signInAndCreateCase(page, workbench, dir, '2026/0951', 'ISP replies');
    const first = join(dir, 'reply-march.csv');
    const second = join(dir, 'reply-april.csv');
    await copyFile(fixture('isp-reply/example-semicolon.csv'), first);
    await copyFile(fixture('isp-reply/example-semicolon.csv'), second);
    await appendFile(second, '203.0.113.99;7000;02/04/2024 09:00:00;CEST;;0099;;;;later request\n');
    workbench.pickEvidence = [first, second];
    await page.getByRole('button', { name: 'Add evidence…' }).click();
    const intake = page.getByRole('region', { name: 'Acquire evidence' });
    await intake.getByRole('button', { name: 'Acquire and sign' }).click();
    await expect(intake.getByRole('status')).toContainText('2 file(s) acquired');
    await intake.getByRole('button', { name: 'Close' }).click();

    const table = page.getByRole('table', { name: 'Artefacts of this case' });
    await table.getByRole('button', { name: 'reply-march.csv' }).click();
    await page.getByRole('button', { name: 'Parse…' }).click();
    const panel = page.getByRole('region', { name: 'Parse reply-march.csv' });
    await panel.getByRole('button', { name: 'Preview' }).click();
    await expect(panel.getByRole('heading', { name: /Preview: isp-reply/ })).toBeVisible();
    await expect(panel.getByText(/could be day\/month or month\/day/).first()).toBeVisible();
    await expect(panel.getByText(/columns were matched by their names/)).toBeVisible();

    const profile = {
      v: 1,
      name: 'Example Telecom LE portal',
      format: 'isp-reply',
      dateOrder: 'dmy',
      zone: 'Europe/Berlin',
      columns: {
        ip: 'Requested IP',
        port: 'Requested port',
        time: 'Requested time',
        zone: 'Zone',
        subscriber: 'Account',
      },
    };
    await panel.getByLabel(/Column profile \(JSON/).fill(JSON.stringify(profile, null, 2));
    await panel.getByRole('button', { name: 'Save as named profile' }).click();
    await expect(
      panel.getByText(/Saved \(isp-reply--example-telecom-le-portal\.json\)/),
    ).toBeVisible();
    await panel.getByRole('button', { name: 'Preview' }).click();
    const preview = panel.getByRole('table', { name: 'First events of the parse' });
    await expect(preview.locator('tbody tr').first()).toContainText('2024-03-05 13:07:09Z');
    await expect(preview.locator('tbody tr').first()).toContainText('0012345');
    await shoot(page, '23-parse-isp-reply');
    await panel.getByRole('button', { name: 'Save parse decision and sign' }).click();
    await expect(panel.getByText(/Saved as custody record #\d+/)).toBeVisible();
    await panel.getByRole('button', { name: 'Close' }).click();

    // The next reply from the same ISP: the profile is offered and applies as it is.
    await table.getByRole('button', { name: 'reply-april.csv' }).click();
    await page.getByRole('button', { name: 'Parse…' }).click();
    const next = page.getByRole('region', { name: 'Parse reply-april.csv' });
    await next.getByRole('combobox', { name: 'Format' }).selectOption('isp-reply');
    await next
      .getByRole('combobox', { name: 'Saved column profiles' })
      .selectOption({ label: 'Example Telecom LE portal' });
    await next.getByRole('button', { name: 'Preview' }).click();
    const rows = next.getByRole('table', { name: 'First events of the parse' }).locator('tbody tr');
    await expect(rows).toHaveCount(4);
    // 09:00 CEST (checked against Europe/Berlin, summer time) = 07:00Z.
    await expect(rows.nth(3)).toContainText('2024-04-02 07:00:00Z');
    await expectNoSeriousAxeViolations(page);
    await shoot(page, '24-parse-profile-reused');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
