import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          environment: 'jsdom',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Two files at a time: each starts its own server and browser on free ports, and one alone leaves the cores a
          // quarter idle while pages wait (413 s -> 347 s for the suite on a 2-core machine).
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'bench',
          include: ['bench/**/*.perf.ts'],
          environment: 'node',
          testTimeout: 30 * 60_000,
          hookTimeout: 30 * 60_000,
        },
      },
    ],
  },
});
