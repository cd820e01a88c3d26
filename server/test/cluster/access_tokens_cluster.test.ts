import type { Bot } from '@mattermost/types/bots';
import type { AdminConfig } from '@mattermost/types/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, createUser, newClient, startTestServer, unique, type TestDatabase, type TestServer, type TestUser } from '../harness.js';
import { sleep, WsUser } from '../ws_client.js';

const REDIS_URL = process.env.PARLEY_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

let database: TestDatabase;
let nodeA: TestServer;
let nodeB: TestServer;
let admin: TestUser;

/** The status of the token's next request to node B, once the revocation crossed Redis (or 200 after 2 s). */
async function statusOnB(token: string): Promise<number> {
  const client = newClient(nodeB);
  client.setToken(token);
  const deadline = Date.now() + 2_000;
  for (;;) {
    const status = await client.getMe().then(() => 200, (err: { status_code: number }) => err.status_code);
    if (status !== 200 || Date.now() > deadline) return status;
    await sleep(20);
  }
}

/** A bot's token, in use on node B: its socket there is open and node B has its session cached. */
async function botInUseOnB(): Promise<{ bot: Bot; tokenId: string; token: string; socket: WsUser; closed: Promise<number> }> {
  const bot = await admin.client.createBot({ username: unique('clbot').toLowerCase().slice(0, 20) } as Bot);
  const { id: tokenId, token } = await admin.client.createUserAccessToken(bot.user_id, 'cluster');
  const socket = new WsUser(nodeB, token!);
  await socket.connect();
  const closed = new Promise<number>((resolve) => socket.sockets[0].once('close', (code: number) => resolve(code)));
  const onB = newClient(nodeB);
  onB.setToken(token!);
  expect((await onB.getMe()).id).toBe(bot.user_id);
  return { bot, tokenId, token: token!, socket, closed };
}

// Two nodes on one PostgreSQL database, sharing events through Redis on a channel of their own.
beforeAll(async () => {
  database = await createPostgresDatabase();
  const cluster = { databaseUrl: database.url, redisUrl: REDIS_URL, redisChannel: unique('parley:test:') };
  nodeA = await startTestServer(cluster);
  nodeB = await startTestServer(cluster);
  admin = await createUser(nodeA, 'cltokadmin');
  await admin.client.patchConfig({ ServiceSettings: { EnableBotAccountCreation: true } } as Partial<AdminConfig>);
});
afterAll(async () => {
  await nodeA?.close();
  await nodeB?.close();
  await database?.drop();
});

describe('access tokens on two nodes behind Redis', () => {
  it('a token revoked on one node stops on the other at once: its socket closes and its requests are refused', async () => {
    const { tokenId, token, socket, closed } = await botInUseOnB();
    try {
      await admin.client.revokeUserAccessToken(tokenId);
      expect(await closed).toBe(1008);
      expect(await statusOnB(token)).toBe(401);
    } finally {
      socket.close();
    }
  });

  it('a bot disabled on one node stops on the other', async () => {
    const { bot, token, socket, closed } = await botInUseOnB();
    try {
      await admin.client.disableBot(bot.user_id);
      expect(await closed).toBe(1008);
      expect(await statusOnB(token)).toBe(401);
    } finally {
      socket.close();
    }
  });
});
