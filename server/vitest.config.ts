import { defineConfig } from 'vitest/config';

// Every API test runs twice: once on SQLite, once on PostgreSQL. The cluster
// test (two nodes, one PostgreSQL database, Redis) runs once.
// `extends: true` makes the projects inherit the timeouts above (vitest 4 does not by default).
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      { extends: true, test: { name: 'sqlite', include: ['test/api/**/*.test.ts'], env: { PARLEY_TEST_DB: 'sqlite' } } },
      { extends: true, test: { name: 'postgres', include: ['test/api/**/*.test.ts'], env: { PARLEY_TEST_DB: 'postgres' } } },
      { extends: true, test: { name: 'cluster', include: ['test/cluster/**/*.test.ts'], env: { PARLEY_TEST_DB: 'postgres' } } },
    ],
  },
});
