import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CGN_LOG, OBSERVATIONS_CSV, RADIUS_DETAIL } from '../../helpers/cgn-samples';
import { expectNoSeriousAxeViolations } from '../support/axe';
import { acquireEvidence, recordParseDecisions } from '../support/evidence';
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
    await acquireEvidence(page, workbench, dir, {
      'cgn.log': CGN_LOG,
      'radius-detail': RADIUS_DETAIL,
    });

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

test('attribution evidence links: each step opens the timeline on its event and the artefact at its line', async ({
  page,
  workbench,
}) => {
  const dir = await mkdtemp(join(tmpdir(), 'sealcase-e2e-attr-links-'));
  try {
    await signInAndCreateCase(page, workbench, dir, '2026/0962', 'Evidence links');
    await acquireEvidence(page, workbench, dir, {
      'cgn.log': CGN_LOG,
      'radius-detail': RADIUS_DETAIL,
    });
    // The run and the timeline both read the artefacts with the case's parse decisions.
    const sha = (t: string) => createHash('sha256').update(t).digest('hex');
    await recordParseDecisions(page, '2026-0962.sealcase', [
      [sha(CGN_LOG), 'juniper-nat', {}],
      [sha(RADIUS_DETAIL), 'radius-detail', { assumeZone: 'UTC' }],
    ]);

    const sections = page.getByRole('navigation', { name: 'Case sections' });
    await sections.getByRole('link', { name: 'Attribution' }).click();
    const form = page.getByRole('form', { name: 'Attribution inputs' });
    await form.getByLabel(/Paste/).fill(OBSERVATIONS_CSV);
    await form.getByRole('button', { name: 'Attribute' }).click();
    const results = page.getByRole('table', { name: 'Attribution results' });
    await expect(results.locator('tbody > tr').nth(0)).toContainText('alice');
    await results.locator('tbody > tr').nth(0).getByRole('button', { name: 'Details' }).click();
    const detail = page.locator('#attribution-detail-0');
    // Step 1: the port block (cgn.log line 1 allocates, line 3 releases); step 2: alice's session.
    await expect(detail.getByRole('link', { name: 'Show step 1 in timeline' })).toBeVisible();
    await expect(
      detail.getByRole('link', { name: 'Show step 1 end record in artefact' }),
    ).toBeVisible();
    await expect(detail.getByRole('link', { name: 'Show step 2 in artefact' })).toBeVisible();
    // A pasted observation has an instant but no artefact.
    await expect(detail.getByRole('link', { name: 'Show observation in timeline' })).toBeVisible();
    await expect(detail.getByRole('link', { name: 'Show observation in artefact' })).toHaveCount(0);
    await expectNoSeriousAxeViolations(page);
    await shoot(page, '25b-attribution-evidence-links');

    // Before the timeline is built, the link says so instead of selecting something else.
    await detail.getByRole('link', { name: 'Show step 1 in timeline' }).click();
    const notice = page.getByRole('status', { name: 'Timeline focus' });
    await expect(notice).toContainText('Step 1 of result 1');
    await expect(notice).toContainText('is not in the timeline yet');
    await shoot(page, '27c-timeline-focus-not-built');
    await page.getByRole('button', { name: 'Build the timeline from the case' }).click();
    await expect(notice).toContainText('is selected below');
    const grid = page.getByRole('grid', { name: 'Timeline' });
    const selected = grid.locator('[role="row"][aria-selected="true"]');
    await expect(selected).toHaveCount(1);
    await expect(selected).toContainText('nat:portblock');
    await expect(selected).toContainText('cgn.log');
    await expect(selected).toContainText('2024-03-05 12:28:48.000Z');
    const event = page.getByRole('region', { name: /nat:portblock at/ });
    await expect(event).toContainText('line 1');
    await expect(event.locator('pre').first()).toContainText('internal-ip="100.64.0.7"');
    await expectNoSeriousAxeViolations(page);
    await shoot(page, '27d-timeline-focused');

    // A filter that hides it: said plainly, and one click brings it back.
    await page.getByLabel('IP or CIDR').fill('203.0.113.1');
    await expect(notice).toContainText('the filters or the zoom hide it');
    await expect(selected).toHaveCount(0);
    await shoot(page, '27e-timeline-focus-hidden');
    await notice.getByRole('button', { name: 'Clear the filters and the zoom' }).click();
    await expect(notice).toContainText('is selected below');
    await expect(selected).toContainText('nat:portblock');

    // Back: the same results, the same row open; then alice's RADIUS session.
    await notice.getByRole('link', { name: 'Back to the attribution results' }).click();
    await expect(detail).toBeVisible();
    await detail.getByRole('link', { name: 'Show step 2 in timeline' }).click();
    await expect(notice).toContainText('is selected below');
    await expect(selected).toContainText('aaa:session');
    await expect(selected).toContainText('radius-detail');
    await expect(page.getByRole('region', { name: /aaa:session at/ })).toContainText('alice');
    await shoot(page, '27f-timeline-focused-radius');

    // The artefact at the line: cgn.log selected, line 1 marked among its neighbours.
    await notice.getByRole('link', { name: 'Back to the attribution results' }).click();
    await detail.getByRole('link', { name: 'Show step 1 in artefact' }).click();
    const location = page.getByRole('region', { name: 'Step 1 of result 1: cgn.log, line 1' });
    await expect(location).toBeVisible();
    await expect(location.locator('mark')).toContainText('RT_SRC_NAT_PBA_ALLOC');
    await expect(location.locator('mark')).toContainText('internal-ip="100.64.0.7"');
    await expect(location.locator('.excerpt-line')).toHaveCount(4);
    await expect(page.getByRole('region', { name: /cgn\.log/ }).last()).toBeVisible();
    await expectNoSeriousAxeViolations(page);
    await shoot(page, '25c-artefact-location');
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
