import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';

/** Screenshots go to `test-results/screens/` at the repository root, named for the screen. */
export const screensDir = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'test-results',
  'screens',
);

export async function shoot(page: Page, name: string): Promise<string> {
  mkdirSync(screensDir, { recursive: true });
  const path = join(screensDir, `${name}.png`);
  // The app scrolls inside its content pane (the window never scrolls), so a full-page shot
  // would stop at the window's height: let the page grow for the shot (CSSOM, which the app's
  // CSP allows, unlike a style tag), then put it back.
  const unroll = (on: boolean) =>
    page.evaluate((grow) => {
      for (const sel of ['html', 'body', '#root', '.shell']) {
        for (const el of document.querySelectorAll<HTMLElement>(sel)) {
          el.style.height = grow ? 'auto' : '';
          el.style.minHeight = grow ? '100vh' : '';
        }
      }
      for (const el of document.querySelectorAll<HTMLElement>('.content, .sidebar')) {
        el.style.overflow = grow ? 'visible' : '';
      }
    }, on);
  await unroll(true);
  try {
    await page.screenshot({ path, fullPage: true });
  } finally {
    await unroll(false);
  }
  return path;
}
