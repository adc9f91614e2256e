import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const electronPkg = join(root, 'node_modules', 'electron');

/** The unpacked Electron this machine has, or why there is none. */
function electronBinary(): { path: string } | { missing: string } {
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  const pathFile = join(electronPkg, 'path.txt');
  if (!existsSync(pathFile) && override === undefined) {
    return {
      missing:
        'no Electron binary installed (node_modules/electron/path.txt absent; it downloads on first `npm start`)',
    };
  }
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron';
  const path = override !== undefined ? join(override, name) : join(electronPkg, 'dist', name);
  return existsSync(path) ? { path } : { missing: `no Electron executable at ${path}` };
}

test('the real app starts, shows the Cases screen and exposes only window.sealcase', async () => {
  const binary = electronBinary();
  if ('missing' in binary) {
    console.log(`[electron smoke] skipped: ${binary.missing}`);
    test.skip(true, binary.missing);
    return;
  }
  const app = await electron.launch({
    executablePath: binary.path,
    args: [root, '--no-sandbox'],
    env: { ...process.env, SEALCASE_CASES_DIR: join(root, 'test-results', 'electron-cases') },
  });
  try {
    const page = await app.firstWindow();
    await expect(page.getByRole('heading', { name: 'Cases', level: 1 })).toBeVisible();
    expect(
      await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require),
    ).toBe('undefined');
    expect(await page.evaluate(() => Object.keys(window.sealcase ?? {}).sort())).toEqual([
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
    await page.screenshot({ path: join(root, 'test-results', 'screens', 'electron-cases.png') });
  } finally {
    await app.close();
  }
});
