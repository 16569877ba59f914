// `bench/messages.ts` runs the real worker in Node (fake browser, fake IndexedDB) behind the
// fake GitHub: vitest gives it WXT's fake browser. Started by bench/run.ts, never by `npm test`.
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    environment: 'node',
    include: ['bench/messages.ts'],
    setupFiles: ['tests/setup.ts'],
    testTimeout: 900_000,
  },
});
