import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, createUser, raw, startTestServer, unique, type TestDatabase, type TestServer } from '../harness.js';
import { newChannel, newTeam } from '../team_fixtures.js';
import { sleep } from '../ws_client.js';

const REDIS_URL = process.env.PARLEY_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

let database: TestDatabase;
let nodeA: TestServer;
let nodeB: TestServer;

// Two nodes on one PostgreSQL database: a role patched through one is enforced by the other without a restart.
beforeAll(async () => {
  database = await createPostgresDatabase();
  const cluster = { databaseUrl: database.url, redisUrl: REDIS_URL, redisChannel: unique('parley:test:') };
  nodeA = await startTestServer(cluster);
  nodeB = await startTestServer(cluster);
});
afterAll(async () => {
  await nodeA?.close();
  await nodeB?.close();
  await database?.drop();
});

/** The status node B answers until it is `wanted`, or the last one after two seconds (the event crosses Redis asynchronously). */
async function statusOnB(attempt: () => Promise<number>, wanted: number): Promise<number> {
  const deadline = Date.now() + 2_000;
  let status = await attempt();
  while (status !== wanted && Date.now() < deadline) {
    await sleep(20);
    status = await attempt();
  }
  return status;
}

describe('roles across nodes', () => {
  it('enforces a role patched on node A on node B', async () => {
    const admin = await createUser(nodeA, 'admin');
    const member = await createUser(nodeA, 'member');
    const team = await newTeam(admin.client, 'I');
    await admin.client.addToTeam(team.id, member.user.id);
    const channel = await newChannel(admin.client, team.id, 'O');
    await admin.client.addToChannel(member.user.id, channel.id);
    const postOnB = () => raw(nodeB, 'POST', '/posts', { token: member.token, body: { channel_id: channel.id, message: unique('m') } }).then((r) => r.status);
    expect(await postOnB()).toBe(201);

    const role = await admin.client.getRoleByName('channel_user');
    await admin.client.patchRole(role.id, { permissions: role.permissions.filter((p) => p !== 'create_post') });
    expect(await statusOnB(postOnB, 403)).toBe(403);

    await admin.client.patchRole(role.id, { permissions: role.permissions });
    expect(await statusOnB(postOnB, 201)).toBe(201);
  });
});
