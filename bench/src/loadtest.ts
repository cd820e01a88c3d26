import { ceiling, init, loginStorm, run, type CeilingReport, type LoginStormResult } from '@parley/loadtest';
import pg from 'pg';
import { freshDatabase, startServer, type Database } from './server_process.js';

// `parley loadtest` on this machine: init the population, then the ceiling
// (add users step by step until Mattermost's criteria break), the server's CPU
// per simulated user-minute and RSS per connected user at the ceiling, and the
// login storm (logins/s, and how long all users take to come online).
// Parameters by environment: LOADTEST_START, LOADTEST_STEP, LOADTEST_MAX,
// LOADTEST_STEP_SECONDS, LOADTEST_SETTLE_SECONDS, LOADTEST_RAMP, LOADTEST_WORKERS, LOADTEST_STORM_RAMP.

const env = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
const START = env('LOADTEST_START', 1000);
const STEP = env('LOADTEST_STEP', 1000);
const MAX = env('LOADTEST_MAX', 5000);
const STEP_SECONDS = env('LOADTEST_STEP_SECONDS', 120);
const SETTLE_SECONDS = env('LOADTEST_SETTLE_SECONDS', 30);
const RAMP = env('LOADTEST_RAMP', 40);
const WORKERS = env('LOADTEST_WORKERS', 1);
const STORM_RAMP = env('LOADTEST_STORM_RAMP', 500);
const PASSWORD = 'LoadTest-Passw0rd!';
const quiet = (): void => undefined;

export interface LoadtestBenchResult {
  users: number;
  initSeconds: number;
  ceiling: CeilingReport;
  /** Server CPU seconds per simulated user per minute, over the judged window of the last passing step. */
  serverCpuPerUserMinute: number;
  /** Server RSS growth per connected user between the first step and the last passing one, KiB (NaN if only one passed). */
  rssPerUserKiB: number;
  logins: LoginStormResult;
  /** Seconds for every user to come online when they all arrive at once (STORM_RAMP a second), or null if they did not within the limit. */
  allOnlineSeconds: number | null;
}

export async function loadtestBench(db: Database): Promise<LoadtestBenchResult> {
  const database = await freshDatabase(db);
  const server = await startServer(database);
  try {
    const seeded = await init({
      url: server.url, users: MAX, seed: 1, adminUser: 'lt-admin', adminPassword: 'LoadTest-Admin-Passw0rd!', password: PASSWORD,
      concurrency: 16, timeoutMs: 60_000, out: (line) => console.log(`  ${line}`),
    });
    // Right after a bulk load PostgreSQL plans from statistics of nearly empty tables (a user's channels took 130-600 ms
    // instead of 0.6 ms) until autovacuum catches up, minutes later; production never runs that early.
    if (database.databaseUrl) await analyze(database.databaseUrl);
    const windows = new Map<number, { cpuOpen: number; cpuClose?: number; rssKiB?: number }>();
    const result = await ceiling({
      url: server.url, password: PASSWORD, seed: 1, thinkMeanMs: 108_000, statusPollMs: 60_000, timeoutMs: 10_000, maxSockets: 512,
      workers: WORKERS, statusIntervalMs: 10_000, out: (line) => console.log(`  ${line}`),
      start: START, step: STEP, max: MAX, ramp: RAMP, stepSeconds: STEP_SECONDS, settleSeconds: SETTLE_SECONDS,
      onWindow: (users, edge) => {
        if (edge === 'open') windows.set(users, { cpuOpen: server.cpuSeconds() });
        else Object.assign(windows.get(users) ?? {}, { cpuClose: server.cpuSeconds(), rssKiB: server.rssKiB() });
      },
    });
    const atCeiling = windows.get(result.supportedUsers || result.atCeiling.users);
    const users = result.atCeiling.users;
    const serverCpuPerUserMinute = atCeiling?.cpuClose === undefined ? NaN : (atCeiling.cpuClose - atCeiling.cpuOpen) / (users * (STEP_SECONDS / 60));
    // Marginal: the RSS after init holds caches and garbage that a first step's RSS already settles.
    const first = windows.get(START);
    const rssPerUserKiB = atCeiling?.rssKiB === undefined || first?.rssKiB === undefined || users === START ? NaN : (atCeiling.rssKiB - first.rssKiB) / (users - START);

    const logins = await loginStorm({ url: server.url, password: PASSWORD, users: MAX, concurrency: 32, seconds: 15, timeoutMs: 30_000 });
    const storm = await run({
      url: server.url, password: PASSWORD, seed: 2, users: MAX, ramp: STORM_RAMP, durationSeconds: 30 + (2 * MAX) / Math.max(1, logins.loginsPerSecond),
      stopWhenAllOnline: true, thinkMeanMs: 108_000, statusPollMs: 60_000, timeoutMs: 10_000, maxSockets: 512, workers: WORKERS,
      statusIntervalMs: 10_000, out: quiet,
    });
    return {
      users: MAX, initSeconds: seeded.seconds, ceiling: result, serverCpuPerUserMinute, rssPerUserKiB, logins, allOnlineSeconds: storm.allOnlineAfterSeconds,
    };
  } finally {
    await server.stop();
    await database.drop();
  }
}

async function analyze(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}
