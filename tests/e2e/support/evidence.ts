import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, type Workbench } from './fake-preload';

/**
 * Writes `files` into `dir` and acquires them (with `extra` paths already on disk) through the
 * Artefacts screen's intake panel; waits for the count to be confirmed.
 */
export async function acquireEvidence(
  page: Page,
  workbench: Workbench,
  dir: string,
  files: Readonly<Record<string, string>>,
  extra: readonly string[] = [],
): Promise<void> {
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  workbench.pickEvidence = [...Object.keys(files).map((n) => join(dir, n)), ...extra];
  await page.getByRole('button', { name: 'Add evidence…' }).click();
  const intake = page.getByRole('region', { name: 'Acquire evidence' });
  await intake.getByRole('button', { name: 'Acquire and sign' }).click();
  await expect(intake.getByRole('status')).toContainText(
    `${workbench.pickEvidence.length} file(s) acquired`,
  );
}

/**
 * Records parse decisions through the bridge (the Parse panel itself is covered by parse.spec.ts):
 * `[artefact SHA-256, format, options]` each.
 */
export async function recordParseDecisions(
  page: Page,
  caseId: string,
  decisions: ReadonlyArray<readonly [string, string, Record<string, unknown>]>,
): Promise<void> {
  for (const [artefact, format, options] of decisions) {
    const ok = await page.evaluate(
      async ([id, a, f, o]) =>
        (await window.sealcase!.parse.record({ id, artefact: a, format: f, options: o })).ok,
      [caseId, artefact, format, options] as const,
    );
    expect(ok).toBe(true);
  }
}
