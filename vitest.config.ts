import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Serial and network tests bind real ports and ptys; keep parallelism modest on 2 cores.
    maxWorkers: 2,
  },
});
