import { defineConfig } from 'vitest/config';

// Every API test runs twice: once on SQLite, once on PostgreSQL. The cluster
// test (two nodes, one PostgreSQL database, Redis) runs once.
// `extends: true` makes the projects inherit the timeouts above (vitest 4 does not by default).
export default defineConfig({
  test: {
    testTimeout: 30_000,
    // Each file starts its own server and database, so files need no module isolation; without it a worker imports
    // the server once instead of once per file (that import cost more than the tests: 705 s -> about 380 s for the
    // suite). Three workers keep both cores busy while tests wait on sockets and PostgreSQL (two left them a fifth idle;
    // three took the suite from 490 s to 456 s on a 2-core machine).
    isolate: false,
    maxWorkers: 3,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      { extends: true, test: { name: 'sqlite', include: ['test/api/**/*.test.ts'], env: { PARLEY_TEST_DB: 'sqlite' } } },
      { extends: true, test: { name: 'postgres', include: ['test/api/**/*.test.ts'], env: { PARLEY_TEST_DB: 'postgres' } } },
      { extends: true, test: { name: 'cluster', include: ['test/cluster/**/*.test.ts'], env: { PARLEY_TEST_DB: 'postgres' } } },
    ],
  },
});
