import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ceiling, init, run, type RunReport } from '@parley/loadtest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raw, startTestServer, type TestServer } from '../harness.js';

// `parley loadtest` end to end against a real server: init the data shape,
// run simulated users briefly with short think times (in two worker threads,
// so the shards' statistics are merged), and check the report.

const USERS = 30;
let server: TestServer;
let dir: string;
beforeAll(async () => {
  server = await startTestServer();
  dir = mkdtempSync(path.join(os.tmpdir(), 'parley-loadtest-'));
});
afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const quiet = (): ((line: string) => void) => () => undefined;

describe('parley loadtest', () => {
  it('init creates the data shape once; re-running creates nothing', async () => {
    const options = {
      url: server.url, users: USERS, seed: 7, adminUser: 'lt-admin', adminPassword: 'LoadTest-Admin-Passw0rd!',
      password: 'LoadTest-Passw0rd!', concurrency: 4, timeoutMs: 60_000, out: quiet(),
    };
    const first = await init(options);
    expect(first.usersCreated).toBe(USERS);
    expect(first.channelsCreated).toBe(2 * Math.ceil(USERS / 8));
    expect(first.postsCreated).toBeGreaterThanOrEqual(first.channelsCreated * 20);
    const again = await init(options);
    expect(again).toMatchObject({ usersCreated: 0, channelsCreated: 0, postsCreated: 0 });

    const login = await raw(server, 'POST', '/users/login', { body: { login_id: 'lt-user-3', password: 'LoadTest-Passw0rd!' } });
    expect(login.status).toBe(200);
    const token = login.headers.get('token') ?? '';
    const teams = (await raw(server, 'GET', '/users/me/teams', { token })).body as { name: string }[];
    expect(teams.map((t) => t.name).sort()).toEqual(['lt-team-1', 'lt-team-2']);
  }, 120_000);

  it('runs users that log in, keep a socket, post and receive posts, and reports every route', async () => {
    const lines: string[] = [];
    const jsonFile = path.join(dir, 'report.json');
    const report = await run({
      url: server.url, password: 'LoadTest-Passw0rd!', seed: 7, users: USERS, ramp: 30, durationSeconds: 15, thinkMeanMs: 300,
      statusPollMs: 2_000, timeoutMs: 10_000, maxSockets: 64, workers: 2, statusIntervalMs: 5_000, jsonFile, out: (line) => lines.push(line),
    });

    expect(report.counters).toMatchObject({ usersOnline: USERS, socketsOpen: USERS, logins: USERS, loginFailures: 0 });
    expect(report.counters.postsCreated).toBeGreaterThan(0);
    expect(report.posted.count).toBeGreaterThan(0);
    expect(report.posted.p99Ms).toBeGreaterThan(0);

    const routes = new Map(report.routes.map((r) => [r.route, r]));
    for (const route of [
      'POST /users/login', 'WS /websocket (hello)', 'GET /users/me/teams/{id}/channels', 'GET /users/me/channels/{id}/posts/unread',
      'POST /channels/members/me/view', 'GET /channels/{id}/stats', 'POST /users/status/ids', 'POST /posts', 'GET /channels/{id}/posts',
    ]) {
      expect(routes.get(route)?.count, route).toBeGreaterThan(0);
    }
    expect(routes.get('POST /users/login')?.count).toBe(USERS);
    expect(report.routes.filter((r) => r.errors > 0)).toEqual([]);
    // A 4xx can come from a race a real client meets too (reacting to a post its author just deleted), never from a wrong request.
    expect(report.totals.clientErrors).toBeLessThanOrEqual(report.totals.count / 200);
    expect(report.totals.count).toBe(report.routes.reduce((sum, r) => sum + r.count, 0));
    expect(report.verdict.checks.find((c) => c.name === 'users online')?.pass).toBe(true);
    expect(lines.some((line) => line.includes(`online ${USERS}/${USERS}`))).toBe(true);

    const written = JSON.parse(readFileSync(jsonFile, 'utf8')) as RunReport;
    expect(written.totals).toEqual(report.totals);
    expect(written.routes.length).toBe(report.routes.length);
    expect(written.posted.count).toBe(report.posted.count);
  }, 60_000);

  it('ceiling judges each step after its users are online and settled, and reports delivery per step', async () => {
    const started = Date.now();
    const opened: { users: number; afterMs: number }[] = [];
    const report = await ceiling({
      // Windows of 5 s: a step waits that long at most for its users to come online, and on a CI machine whose cores
      // are all busy logins (hashed at the lowest priority) can take seconds.
      url: server.url, password: 'LoadTest-Passw0rd!', seed: 7, start: 10, step: 10, max: 20, ramp: 30, stepSeconds: 5, settleSeconds: 2,
      thinkMeanMs: 300, statusPollMs: 2_000, timeoutMs: 10_000, maxSockets: 64, workers: 1, statusIntervalMs: 5_000, out: quiet(),
      onWindow: (users, edge) => {
        if (edge === 'open') opened.push({ users, afterMs: Date.now() - started });
      },
    });
    expect(report.steps.map((s) => [s.users, s.pass])).toEqual([[10, true], [20, true]]);
    expect(report.supportedUsers).toBe(20);
    for (const step of report.steps) expect(step.postedP99Ms).toBeGreaterThanOrEqual(0);
    // Ramp (10 users at 30/s) plus the settle period before the first window; the second step also waits out its step.
    expect(opened[0].afterMs).toBeGreaterThanOrEqual(2_300);
    expect(opened[1].afterMs - opened[0].afterMs).toBeGreaterThanOrEqual(5_000 + 300 + 2_000);
  }, 60_000);

  it('ceiling keeps the per-route report of the step that failed beside the last passing one', async () => {
    // The population has USERS users: a step beyond it cannot bring everyone online, so it fails.
    const report = await ceiling({
      // Users who think for a second: the passing step must pass however busy the machine running the tests is.
      url: server.url, password: 'LoadTest-Passw0rd!', seed: 7, start: 20, step: 20, max: 40, ramp: 40, stepSeconds: 5, settleSeconds: 1,
      thinkMeanMs: 1_000, statusPollMs: 2_000, timeoutMs: 10_000, maxSockets: 64, workers: 1, statusIntervalMs: 5_000, out: quiet(),
    });
    expect(report.steps.map((s) => [s.users, s.pass])).toEqual([[20, true], [40, false]]);
    expect(report.supportedUsers).toBe(20);
    expect(report.atCeiling.users).toBe(20);
    expect(report.failedStep?.users).toBe(40);
    expect(report.failedStep?.verdict.pass).toBe(false);
    expect(report.failedStep?.routes.length).toBeGreaterThan(0);
  }, 60_000);
});
