import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Playwright specs live in test/e2e and are run by Playwright, not Vitest.
    exclude: ['test/e2e/**', 'node_modules/**'],
    // Many tests sign, verify and render real PDFs on real SQLite files: a second or two each on a
    // quiet two-core machine, several times that on a busy one. Speed is measured by the benchmark
    // script (npm run bench), not by a test's time limit.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
