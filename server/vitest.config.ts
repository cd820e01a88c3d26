import { defineConfig } from 'vitest/config';

// Every API test runs twice: once on SQLite, once on PostgreSQL.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      { test: { name: 'sqlite', include: ['test/api/**/*.test.ts'], env: { PARLEY_TEST_DB: 'sqlite' } } },
      { test: { name: 'postgres', include: ['test/api/**/*.test.ts'], env: { PARLEY_TEST_DB: 'postgres' } } },
    ],
  },
});
