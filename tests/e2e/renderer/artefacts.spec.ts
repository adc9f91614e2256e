import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '../../../electron/cli/io';
import { runCli } from '../../../electron/cli/program';
import { CaseService } from '../../../electron/services/cases';
import { startCaseLedger } from '../../../electron/services/custody';
import { TEST_PASSPHRASE, testIdentity } from '../../helpers/test-identity';
import { expectNoSeriousAxeViolations } from '../support/axe';
import { expect, test } from '../support/fake-preload';
import { shoot } from '../support/screenshots';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

test('the Artefacts screen lists signed acquisitions with their digests and provenance', async ({
  page,
  workbench,
}) => {
  const evidence = await mkdtemp(join(tmpdir(), 'sealcase-e2e-evidence-'));
  try {
    const { p12, identity } = testIdentity('Ann Tamm');
    const identityFile = join(evidence, 'ann.p12');
    await writeFile(identityFile, p12);
    const now = () => new Date();
    const summary = await new CaseService({
      casesRoot: workbench.casesRoot,
      now,
      uuid: randomUUID,
      toolVersion: '0.0.0-e2e',
    }).create(
      { number: '2026/0700', title: 'Evidence case' },
      {
        initialize: (dir, file) =>
          startCaseLedger(dir, file, identity, { now, toolVersion: 'e' }).then(() => undefined),
      },
    );
    identity.lock();
    const files = {
      'access.log': '203.0.113.7 - - [10/Oct/2026:13:55:36 +0000] "GET / HTTP/1.1" 200 12\n',
      'reply-ISP-X.csv':
        'ip,port,start,end,subscriber\n100.64.1.2,40000-40999,2026-10-10,2026-10-11,A-17\n',
    };
    for (const [name, text] of Object.entries(files)) await writeFile(join(evidence, name), text);
    let err = '';
    const io: CliIo = {
      out: () => undefined,
      err: (t) => (err += t),
      cwd: evidence,
      env: { SEALCASE_PASSPHRASE: TEST_PASSPHRASE },
    };
    const code = await runCli(
      [
        'ingest',
        summary.path,
        ...Object.keys(files),
        '--received-from',
        'ISP X via LE portal, ref 7',
        '--identity',
        identityFile,
      ],
      io,
      '0.0.0-e2e',
    );
    expect(code, err).toBe(0);

    await page.goto(`/index.html#/cases/${summary.id}/artefacts`);
    const table = page.getByRole('table', { name: 'Artefacts of this case' });
    await expect(table.locator('tbody tr')).toHaveCount(2);
    for (const [name, text] of Object.entries(files)) {
      const row = table.getByRole('row', { name: new RegExp(name.replace('.', '\\.')) });
      await expect(row).toContainText(sha256(text).slice(0, 16));
      await expect(row).toContainText('Ann Tamm');
      await expect(row).toContainText('ISP X via LE portal, ref 7');
    }
    await expectNoSeriousAxeViolations(page);
    await shoot(page, '13-artefacts-list');

    await table.getByRole('button', { name: 'reply-ISP-X.csv' }).click();
    const detail = page.getByRole('region', { name: 'reply-ISP-X.csv' });
    await expect(detail).toContainText(sha256(files['reply-ISP-X.csv']));
    await expect(detail).toContainText(
      createHash('md5').update(files['reply-ISP-X.csv']).digest('hex'),
    );
    await expectNoSeriousAxeViolations(page);
    await shoot(page, '14-artefacts-detail');

    // The Custody screen shows both acquisitions as verified signed records.
    await page
      .getByRole('navigation', { name: 'Case sections' })
      .getByRole('link', { name: 'Custody' })
      .click();
    await expect(page.getByText(/The ledger verifies/)).toBeVisible();
    await expect(page.getByRole('row', { name: /Artefact acquired/ })).toHaveCount(2);
  } finally {
    await rm(evidence, { recursive: true, force: true });
  }
});

test('an empty case says how to acquire evidence', async ({ page, workbench }) => {
  const summary = await new CaseService({
    casesRoot: workbench.casesRoot,
    now: () => new Date(),
    uuid: randomUUID,
    toolVersion: '0.0.0-e2e',
  }).create({ number: '2026/0701', title: 'Empty' });
  await page.goto(`/index.html#/cases/${summary.id}/artefacts`);
  await expect(page.getByRole('heading', { name: 'No artefacts in this case yet' })).toBeVisible();
  await expect(page.getByText(/sealcase ingest/)).toBeVisible();
});
