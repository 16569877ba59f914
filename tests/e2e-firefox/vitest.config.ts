import { defineConfig } from 'vitest/config';

// Firefox end to end (npm run test:e2e:firefox): plain Node, one Firefox at a time.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/e2e-firefox/**/*.spec.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
