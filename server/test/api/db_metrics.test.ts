import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbConnectionWait } from '../../src/metrics/registry.js';
import { createUser, DB, raw, startTestServer, statementsSent, type TestServer, type TestUser } from '../harness.js';

let server: TestServer;
let user: TestUser;
beforeAll(async () => {
  server = await startTestServer();
  user = await createUser(server, 'dbmetrics');
});
afterAll(async () => {
  await server?.close();
});

async function connectionsTaken(): Promise<number> {
  const { values } = await dbConnectionWait.get();
  return values.find((v) => v.metricName === 'parley_db_connection_wait_seconds_count')?.value ?? 0;
}

describe('database metrics (the server runs in this process)', () => {
  it('counts the statements a request sends and the pool connections it waits for, on PostgreSQL only', async () => {
    const [statementsBefore, connectionsBefore] = [await statementsSent(), await connectionsTaken()];
    // A post reads the channel, writes the post and bumps counters: several statements whatever the caches hold.
    const teams = await raw(server, 'GET', '/users/me/teams', { token: user.token });
    expect(teams.status).toBe(200);
    const channel = await raw(server, 'POST', '/channels/direct', { token: user.token, body: [user.user.id, user.user.id] });
    expect(channel.status).toBe(201);
    const post = await raw(server, 'POST', '/posts', { token: user.token, body: { channel_id: channel.body.id, message: 'counted' } });
    expect(post.status).toBe(201);
    const [statements, connections] = [await statementsSent() - statementsBefore, await connectionsTaken() - connectionsBefore];
    if (DB === 'postgres') {
      expect(statements).toBeGreaterThanOrEqual(3);
      expect(connections).toBeGreaterThanOrEqual(1);
      // Each connection taken sends at least one statement.
      expect(statements).toBeGreaterThanOrEqual(connections);
    } else {
      // SQLite has no pool and no round trips; its statements run in this process.
      expect([statements, connections]).toEqual([0, 0]);
    }
  });
});
