import { defineConfig } from '@playwright/test';

/**
 * The built renderer (`out/renderer`, from `npm run build`) served by `vite preview` and driven in
 * Debian's Chromium. Never `npx playwright install`: the machines cannot download browsers.
 */
const chromium = process.env['SEALCASE_CHROMIUM'] ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: '.',
  outputDir: '../../test-results/e2e-artifacts',
  timeout: 30_000,
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env['CI'],
  reporter: [['list']],
  use: {
    baseURL: 'http://127.0.0.1:4173',
    viewport: { width: 1280, height: 800 },
    colorScheme: 'light',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
    trace: 'off',
  },
  projects: [
    { name: 'renderer', testMatch: /renderer\/.*\.spec\.ts$/ },
    { name: 'electron', testMatch: /electron\/.*\.spec\.ts$/ },
    // verify.html opened from a package folder (file://), as a recipient does.
    { name: 'verify-page', testMatch: /verify-page\/.*\.spec\.ts$/ },
  ],
  webServer: {
    command:
      'npx vite preview -c build/vite.renderer.config.ts --port 4173 --strictPort --host 127.0.0.1',
    cwd: '../..',
    url: 'http://127.0.0.1:4173/index.html',
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
