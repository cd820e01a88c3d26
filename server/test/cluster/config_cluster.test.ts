import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, createUser, newClient, startTestServer, unique, type TestDatabase, type TestServer } from '../harness.js';
import { sleep } from '../ws_client.js';

const REDIS_URL = process.env.PARLEY_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

let database: TestDatabase;
let cluster: { databaseUrl: string; redisUrl: string; redisChannel: string };
let nodeA: TestServer;
let nodeB: TestServer;

beforeAll(async () => {
  database = await createPostgresDatabase();
  cluster = { databaseUrl: database.url, redisUrl: REDIS_URL, redisChannel: unique('parley:test:') };
  nodeA = await startTestServer(cluster);
  nodeB = await startTestServer(cluster);
});
afterAll(async () => {
  await nodeA?.close();
  await nodeB?.close();
  await database?.drop();
});

async function eventually(check: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + 3_000;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await sleep(50);
  }
  return false;
}

describe('the config document in a cluster', () => {
  it('a change saved on one node is applied by the other without a restart, and by a node started later', async () => {
    const admin = await createUser(nodeA, 'clustercfg');
    await admin.client.patchConfig({ TeamSettings: { SiteName: 'Cluster Wide' }, PasswordSettings: { MinimumLength: 6 } });
    const anonymousOnB = newClient(nodeB);
    expect(await eventually(async () => (await anonymousOnB.getClientConfig()).SiteName === 'Cluster Wide')).toBe(true);
    expect(nodeB.app.config.siteName).toBe('Cluster Wide');
    expect(nodeB.app.config.passwordMinimumLength).toBe(6);
    const onB = newClient(nodeB);
    onB.setToken(admin.token);
    expect((await onB.getConfig()).PasswordSettings.MinimumLength).toBe(6);

    const nodeC = await startTestServer(cluster);
    try {
      expect((await newClient(nodeC).getClientConfig()).SiteName).toBe('Cluster Wide');
    } finally {
      await nodeC.close();
    }
  });
});
