import { defineConfig } from '@playwright/test';

// Each test launches Debian's Chromium with the production build and its own fake
// GitHub; two cores run two at a time at most.
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 2,
  fullyParallel: true,
  retries: 0,
  reporter: [['list']],
  use: { trace: 'off' },
});
