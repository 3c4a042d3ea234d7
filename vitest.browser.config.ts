import { defineConfig } from 'vitest/config';

// Browser tests: a real server on PGlite, driven through Debian's Chromium by playwright-core.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.browser.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
