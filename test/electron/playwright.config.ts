// The desktop app end to end, through Playwright's Electron driver. Needs Electron's binary; without it the
// spec skips and says why. Run under a virtual display and the private keyring, after `npm run build`:
//   scripts/with-keyring.sh xvfb-run -a npx playwright test --config test/electron/playwright.config.ts
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: 'electron.spec.ts',
  outputDir: '../../test-results/electron',
  workers: 1,
  retries: 0,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
});
