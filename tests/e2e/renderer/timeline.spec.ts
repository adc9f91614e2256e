import { createHash } from 'node:crypto';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CGN_LOG, RADIUS_DETAIL } from '../../helpers/cgn-samples';
import { expectNoSeriousAxeViolations } from '../support/axe';
import { acquireEvidence, recordParseDecisions } from '../support/evidence';
import { expect, test } from '../support/fake-preload';
import { shoot } from '../support/screenshots';
import { signInAndCreateCase } from '../support/session';

const fixture = (p: string) => fileURLToPath(new URL(`../../fixtures/${p}`, import.meta.url));
const ACCESS_LOG = [
  '192.0.2.10 - - [05/Mar/2024:14:00:00 +0100] "GET /login HTTP/1.1" 200 512 "-" "curl/8"',
  '198.51.100.7 - - [05/Mar/2024:14:05:00 +0100] "POST /login HTTP/1.1" 302 0 "-" "curl/8"',
  '192.0.2.10 - - [05/Mar/2024:14:30:00 +0100] "GET /inbox HTTP/1.1" 200 2048 "-" "curl/8"',
  '',
].join('\n');

test('the merged timeline: build from the case, filter by IP, zoom, switch zone, read the original', async ({
  page,
  workbench,
}) => {
  const dir = await mkdtemp(join(tmpdir(), 'sealcase-e2e-timeline-'));
  try {
    await signInAndCreateCase(page, workbench, dir, '2026/0970', 'Merged timeline');
    const files: Record<string, string> = {
      'access.log': ACCESS_LOG,
      'cgn.log': CGN_LOG,
      'radius-detail': RADIUS_DETAIL,
    };
    await copyFile(fixture('email/spamassassin/nice-002.eml'), join(dir, 'message.eml'));
    await acquireEvidence(page, workbench, dir, files, [join(dir, 'message.eml')]);

    // Parse decisions for the four artefacts (the Parse panel itself is covered by parse.spec.ts).
    const shas = Object.fromEntries(
      Object.entries(files).map(([n, t]) => [n, createHash('sha256').update(t).digest('hex')]),
    );
    const decisions: Array<[string, string, Record<string, unknown>]> = [
      [shas['access.log']!, 'access-log', {}],
      [shas['cgn.log']!, 'juniper-nat', {}],
      [shas['radius-detail']!, 'radius-detail', { assumeZone: 'UTC' }],
      [
        createHash('sha256')
          .update(await readFile(fixture('email/spamassassin/nice-002.eml')))
          .digest('hex'),
        'email',
        {},
      ],
    ];
    await recordParseDecisions(page, '2026-0970.sealcase', decisions);

    await page
      .getByRole('navigation', { name: 'Case sections' })
      .getByRole('link', { name: 'Timeline' })
      .click();
    await expect(page.getByText('The timeline is not in step with the case.')).toBeVisible();
    await page.getByRole('button', { name: 'Build the timeline from the case' }).click();
    const grid = page.getByRole('grid', { name: 'Timeline' });
    await expect(page.locator('#timeline-heading')).toContainText('(19 events)');
    // UTC order across artefacts: the 2001 message comes first, then the 2024 records.
    await expect(grid.getByRole('row').nth(1)).toContainText('2001-12-06 09:21:06.000Z');
    await shoot(page, '27-timeline-merged');

    // The email: its hop table, earliest hop first, with the trust boundary marked.
    await grid.getByRole('row').nth(1).click();
    const hops = page.getByRole('table', { name: 'Received hops of the message' });
    await expect(hops.locator('tbody tr')).toHaveCount(7);
    await expect(hops.locator('tbody tr').first()).toContainText('144.137.3.98');
    await expect(hops.getByText('boundary')).toHaveCount(1);
    await shoot(page, '27b-timeline-email-hops');

    // Filter by IP: only the access-log lines of that client and the NAT records of that address.
    await page.getByLabel('IP or CIDR').fill('192.0.2.10');
    await expect(page.locator('#timeline-heading')).toContainText('(6 events)');
    await page
      .getByRole('group', { name: /Event types/ })
      .getByRole('checkbox', { name: 'http:access' })
      .check();
    await expect(page.locator('#timeline-heading')).toContainText('(2 events)');
    await expect(grid.getByRole('row').nth(1)).toContainText('2024-03-05 13:00:00.000Z');

    // The source's own offset, then the keyboard and the detail with the original line.
    await page.getByLabel('Show times in').selectOption('source');
    await expect(grid.getByRole('row').nth(1)).toContainText('2024-03-05 14:00:00.000+01:00');
    await grid.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const detail = page.getByRole('region', { name: /http:access at/ });
    await expect(detail).toContainText('in the record (+01:00)');
    await expect(detail.locator('pre').first()).toContainText('"GET /inbox HTTP/1.1"');
    // Bookmark it with a note, and correct the access log's clock: both signed, both visible.
    await page.getByLabel('Bookmark note').fill('second visit from the CGN address');
    await page.getByRole('button', { name: 'Bookmark', exact: true }).click();
    await expect(page.getByText('Bookmark saved as a signed custody record.')).toBeVisible();
    await expect(grid.getByRole('row').nth(2)).toContainText('★');
    await page.getByLabel('Seconds to add').fill('5');
    await page.getByLabel('Reason').fill('web server clock 5 s slow per its NTP log');
    await page.getByRole('button', { name: 'Record clock correction' }).click();
    await expect(grid.getByRole('row').nth(2)).toContainText('(+5 s)');
    await expect(grid.getByRole('row').nth(2)).toContainText('2024-03-05 14:30:05.000+01:00');
    await expectNoSeriousAxeViolations(page);
    await shoot(page, '28-timeline-filtered');

    // Zoom with the histogram: clear the filters, drag across the second half of the axis.
    await page.getByLabel('IP or CIDR').fill('');
    await page
      .getByRole('group', { name: /Event types/ })
      .getByRole('checkbox', { name: 'http:access' })
      .uncheck();
    await page.getByLabel('Show times in').selectOption('utc');
    await expect(page.locator('#timeline-heading')).toContainText('(19 events)');
    const plot = page.locator('.histogram .u-over');
    await plot.scrollIntoViewIfNeeded();
    const box = await plot.boundingBox();
    if (box === null) throw new Error('no histogram');
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width - 1, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await expect(page.getByText(/Zoomed to/)).toBeVisible();
    // The second half of 2001–2024 holds only the 2024 records: the 8 email events drop out.
    await expect(page.locator('#timeline-heading')).toContainText('(11 events)');
    await shoot(page, '29-timeline-zoomed');
    await page.getByRole('button', { name: 'Show everything' }).click();
    await expect(page.locator('#timeline-heading')).toContainText('(19 events)');
    // The same by keyboard: a typed window.
    await page.getByLabel('From', { exact: true }).fill('2024-03-05T13:00:00Z');
    await page.getByLabel('to', { exact: true }).fill('2024-03-05T13:10:00Z');
    await page.getByLabel('to', { exact: true }).press('Enter');
    await expect(page.locator('#timeline-heading')).toContainText('(2 events)');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
