import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Playwright specs live in test/e2e and are run by Playwright, not Vitest.
    exclude: ['test/e2e/**', 'node_modules/**'],
  },
});
