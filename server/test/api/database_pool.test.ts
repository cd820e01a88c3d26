import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type PoolSettings } from '../../src/store/sql/connect.js';
import { createPostgresDatabase, createUser, DB, postgresConnectionCount, raw, startTestServer, type TestServer, type TestUser } from '../harness.js';
import { sleep } from '../ws_client.js';

// The server starts closing idle connections after 100 ms, so a test can watch the pool empty.
let server: TestServer;
let admin: TestUser;
beforeAll(async () => {
  server = await startTestServer({ sqlConnMaxIdleTimeMs: 100 });
  admin = await createUser(server, 'pooladmin');
});
afterAll(() => server?.close());

const patchSql = (settings: Record<string, unknown>) => raw(server, 'PUT', '/config/patch', { token: admin.token, body: { SqlSettings: settings } });

describe('SqlSettings: PostgreSQL connection pool', () => {
  it('shows the pool settings in the config document and refuses values out of range, naming the key', async () => {
    const { body } = await raw(server, 'GET', '/config', { token: admin.token });
    expect(body.SqlSettings).toMatchObject({ MaxOpenConns: 20, ConnMaxIdleTimeMilliseconds: 100, ConnMaxLifetimeMilliseconds: 3_600_000 });
    for (const bad of [{ MaxOpenConns: 0 }, { MaxOpenConns: 2.5 }, { ConnMaxIdleTimeMilliseconds: -1 }, { ConnMaxLifetimeMilliseconds: 'soon' }]) {
      const res = await patchSql(bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body.message).toContain(`SqlSettings.${Object.keys(bad)[0]}`);
    }
    expect(server.app.config.sqlMaxOpenConns).toBe(20);
  });

  it('closes idle connections after ConnMaxIdleTimeMilliseconds (set at start), and a saved value applies to the running pool', async () => {
    expect(await raw(server, 'GET', '/users/me', { token: admin.token })).toMatchObject({ status: 200 });
    // Polled: a background job may hold a connection for a moment.
    if (DB === 'postgres') await expect.poll(() => postgresConnectionCount(server.config.databaseUrl), { timeout: 5_000 }).toBe(0);
    // 0 keeps idle connections: the ones the next requests release stay open.
    expect((await patchSql({ ConnMaxIdleTimeMilliseconds: 0, MaxOpenConns: 7 })).status).toBe(200);
    expect(server.app.config).toMatchObject({ sqlConnMaxIdleTimeMs: 0, sqlMaxOpenConns: 7 });
    const channels = await raw(server, 'GET', '/users/me/channels', { token: admin.token });
    expect(channels.status).toBe(200);
    await sleep(500);
    if (DB === 'postgres') expect(await postgresConnectionCount(server.config.databaseUrl)).toBeGreaterThan(0);
  });
});

describe('the store connection under pool settings', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'parley-pool-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const settings = (maxOpenConns: number): PoolSettings => ({ maxOpenConns, connMaxIdleTimeMs: 0, connMaxLifetimeMs: 0 });

  it('holds at most MaxOpenConns connections on PostgreSQL, and takes a new maximum while running', async () => {
    if (DB === 'sqlite') {
      // SQLite has one file and no pool: the settings change nothing.
      const connection = connect({ dataDir, pool: settings(1) });
      connection.tunePool(settings(3));
      expect((await sql<{ one: number }>`SELECT 1 AS one`.execute(connection.db)).rows).toEqual([{ one: 1 }]);
      await connection.close();
      return;
    }
    const database = await createPostgresDatabase();
    const connection = connect({ databaseUrl: database.url, dataDir, pool: settings(2) });
    try {
      // Six statements at once, each holding its connection for 50 ms: the backends that answered them are the pool's connections.
      const backends = async (): Promise<number> => {
        const answers = await Promise.all(Array.from({ length: 6 }, () => sql<{ pid: number }>`SELECT pg_backend_pid() AS pid, pg_sleep(0.05)`.execute(connection.db)));
        return new Set(answers.map((a) => a.rows[0].pid)).size;
      };
      expect(await backends()).toBe(2);
      connection.tunePool(settings(5));
      expect(await backends()).toBe(5);
      expect(await postgresConnectionCount(database.url)).toBe(5);
    } finally {
      await connection.close();
      await database.drop();
    }
  });
});
