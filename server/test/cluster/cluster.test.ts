import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, createUser, newClient, raw, startTestServer, unique, type TestDatabase, type TestServer } from '../harness.js';
import { sleep, type WsEvent } from '../ws_client.js';
import { about, QUIET_MS, WsWorld } from '../ws_fixture.js';

const REDIS_URL = process.env.PARLEY_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

let database: TestDatabase;
let nodeA: TestServer;
let nodeB: TestServer;
let world: WsWorld;

// Two nodes on one PostgreSQL database, sharing events through Redis on a channel of their own.
beforeAll(async () => {
  database = await createPostgresDatabase();
  const cluster = { databaseUrl: database.url, redisUrl: REDIS_URL, redisChannel: unique('parley:test:'), offlineGraceMs: 100 };
  nodeA = await startTestServer(cluster);
  nodeB = await startTestServer(cluster);
  world = await WsWorld.start(nodeA);
});
afterEach(() => world.closeSockets());
afterAll(async () => {
  await nodeA?.close();
  await nodeB?.close();
  await database?.drop();
});

describe('two nodes behind Redis', () => {
  it('ends a session on both nodes at once when it logs out on one', async () => {
    const { user, password } = await createUser(nodeA, 'clusterlogout');
    const onA = newClient(nodeA);
    await onA.login(user.username, password);
    const onB = newClient(nodeB);
    onB.setToken(onA.getToken());
    // Node B now holds the session in its cache.
    expect((await onB.getMe()).id).toBe(user.id);
    await onA.logout();
    // The revocation crosses Redis asynchronously; without it node B would accept the token for its 30 s cache time.
    const deadline = Date.now() + 2_000;
    let status = 200;
    while (status === 200 && Date.now() < deadline) {
      status = await onB.getMe().then(() => 200, (err: { status_code: number }) => err.status_code);
      if (status === 200) await sleep(20);
    }
    expect(status).toBe(401);
  });

  it('ends the user\'s other sessions on both nodes when the password changes on one', async () => {
    const { users: [u] } = await world.teamWith(1);
    const elsewhere = newClient(nodeB);
    await elsewhere.login(u.user.username, u.password);
    const socketOnB = await world.listen({ ...u, token: elsewhere.getToken() }, nodeB);
    const closed = new Promise<number>((resolve) => {
      socketOnB.sockets[0].once('close', (code: number) => resolve(code));
      setTimeout(() => resolve(0), 5_000);
    });
    // Node B now holds the other session in its cache.
    expect((await elsewhere.getMe()).id).toBe(u.user.id);
    await u.client.updateUserPassword(u.user.id, u.password, 'changed-on-node-a');
    // The revocation crosses Redis asynchronously; without it node B would keep the session for its 30 s cache time.
    expect(await closed).toBe(1008);
    await expect(elsewhere.getMe()).rejects.toMatchObject({ status_code: 401 });
    expect((await u.client.getMe()).id).toBe(u.user.id);
  });

  it('delivers a post made through node A to a member\'s socket on node B', async () => {
    const { team, users: [a, b] } = await world.teamWith(2);
    const channel = await world.channelOf(a, team.id, 'O', [b]);
    const wsB = await world.listen(b, nodeB);
    const post = await a.client.createPost({ channel_id: channel.id, message: 'across the cluster' });
    const posted = await wsB.waitFor((e) => e.event === 'posted');
    expect(posted.broadcast.channel_id).toBe(channel.id);
    expect(JSON.parse(posted.data.post)).toMatchObject({ id: post.id, message: 'across the cluster', user_id: a.user.id });
  });

  it('follows membership changes made on the other node, and keeps private channels private', async () => {
    const { team, users: [a, member, joiner, outsider] } = await world.teamWith(4);
    const secret = await world.channelOf(a, team.id, 'P', [member]);
    const [wsMember, wsJoiner, wsOutsider] = [await world.listen(member, nodeB), await world.listen(joiner, nodeB), await world.listen(outsider, nodeB)];
    const fromOutsider = wsOutsider.events.length;
    // Node B learns the member list on this first event...
    await a.client.patchChannel(secret.id, { header: 'first' });
    await wsMember.waitFor((e) => e.event === 'channel_updated');
    // ...and must hear about the new member from node A to deliver the next ones.
    await a.client.addToChannel(joiner.user.id, secret.id);
    await wsJoiner.waitFor((e) => e.event === 'user_added' && e.data.user_id === joiner.user.id);
    await a.client.createPost({ channel_id: secret.id, message: 'welcome' });
    // The "added to the channel" system post may reach the joiner too, before or after user_added.
    const posted = await wsJoiner.waitFor((e) => e.event === 'posted' && JSON.parse(e.data.post as string).message === 'welcome');
    expect(posted.broadcast.channel_id).toBe(secret.id);
    await sleep(QUIET_MS);
    expect(wsOutsider.events.slice(fromOutsider).filter(about(secret.id))).toEqual([]);
  });

  it('refuses a post on one node right after the author was removed from the channel on the other', async () => {
    const { team, users: [a, member] } = await world.teamWith(2);
    const channel = await world.channelOf(a, team.id, 'O', [member]);
    const memberOnB = newClient(nodeB);
    memberOnB.setToken(member.token);
    // Node B now holds what this post read of the channel, the membership and the author.
    await memberOnB.createPost({ channel_id: channel.id, message: 'before' });
    await a.client.removeFromChannel(member.user.id, channel.id);
    // The removal crosses Redis asynchronously; without it node B would accept posts for its 30 s cache time.
    const deadline = Date.now() + 2_000;
    let status = 201;
    while (status === 201 && Date.now() < deadline) {
      status = await memberOnB.createPost({ channel_id: channel.id, message: 'after' }).then(() => 201, (err: { status_code: number }) => err.status_code);
      if (status === 201) await sleep(20);
    }
    expect(status).toBe(403);
  });

  it('relays typing from a socket on one node to members on the other', async () => {
    const { team, users: [a, b] } = await world.teamWith(2);
    const channel = await world.channelOf(a, team.id, 'O', [b]);
    const [wsA, wsB] = [await world.listen(a), await world.listen(b, nodeB)];
    await wsA.request('user_typing', { channel_id: channel.id, parent_id: '' });
    const typing = await wsB.waitFor((e) => e.event === 'typing');
    expect(typing.data).toEqual({ user_id: a.user.id, parent_id: '' });
  });

  it('shows a status set on one node on the other, which had it in memory already', async () => {
    const { users: [u, watcher] } = await world.teamWith(2);
    const onB = newClient(nodeB);
    onB.setToken(watcher.client.getToken());
    const statusOnB = async (): Promise<string> => (await onB.getStatusesByIds([u.user.id]))[0].status;
    expect(await statusOnB()).toBe('offline');
    await u.client.updateStatus({ user_id: u.user.id, status: 'dnd', manual: true, last_activity_at: 0 });
    await expect.poll(statusOnB).toBe('dnd');
    await u.client.updateStatus({ user_id: u.user.id, status: 'online', manual: false, last_activity_at: 0 });
    await expect.poll(statusOnB).toBe('online');
  });

  it('applies new system roles at once on the other node, which had the session in memory', async () => {
    const { users: [u] } = await world.teamWith(1);
    const configOnB = async (): Promise<number> => (await raw(nodeB, 'GET', '/config', { token: u.token })).status;
    expect(await configOnB()).toBe(403);
    await world.admin.client.updateUserRoles(u.user.id, 'system_user system_admin');
    await expect.poll(configOnB).toBe(200);
    await world.admin.client.updateUserRoles(u.user.id, 'system_user');
    await expect.poll(configOnB).toBe(403);
  });

  it('counts channel members on one node after joins and leaves on the other', async () => {
    const { team, users: [a, b, c] } = await world.teamWith(3);
    const channel = await world.channelOf(a, team.id, 'O', [b]);
    const onB = newClient(nodeB);
    onB.setToken(a.client.getToken());
    const countOnB = async (): Promise<number> => (await onB.getChannelStats(channel.id)).member_count;
    expect(await countOnB()).toBe(2);
    await c.client.addToChannel(c.user.id, channel.id);
    await expect.poll(countOnB).toBe(3);
    await b.client.removeFromChannel(b.user.id, channel.id);
    await expect.poll(countOnB).toBe(2);
  });

  it('keeps a user online while a socket remains on another node', async () => {
    const { users: [u] } = await world.teamWith(1);
    const statusOf = async (): Promise<string> => (await u.client.getStatus(u.user.id)).status;
    const statusEvent = (status: string) => (e: WsEvent): boolean => e.event === 'status_change' && e.data.user_id === u.user.id && e.data.status === status;
    const onA = await world.listen(u);
    const onB = await world.listen(u, nodeB);
    await expect.poll(statusOf).toBe('online');
    const from = onB.events.length;
    onA.close();
    // Node A marks the user offline once its grace period ends; node B, still holding a socket, restores online.
    const offline = await onB.waitFor(statusEvent('offline'), from);
    await onB.waitFor(statusEvent('online'), onB.events.indexOf(offline) + 1);
    await sleep(QUIET_MS);
    expect(await statusOf()).toBe('online');
  });
});
