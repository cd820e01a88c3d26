import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '@mattermost/types/bots';
import { actorForUser } from '../../../src/app/actor.js';
import { newId } from '../../../src/model/id.js';
import { createUser, raw, startTestServer, type TestServer, type TestUser } from '../../harness.js';
import { newChannel, newTeam } from '../../team_fixtures.js';

const DAY_MS = 86_400_000;

let server: TestServer;
let admin: TestUser;
let member: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  admin = await createUser(server, 'statsadmin');
  member = await createUser(server, 'statsmember');
});
afterAll(async () => server?.close());

type Row = { name: string; value: number };
const report = async (name: string, teamId = ''): Promise<Row[]> => {
  const res = await raw(server, 'GET', `/analytics/old?name=${name}${teamId ? `&team_id=${teamId}` : ''}`, { token: admin.token });
  expect(res.status).toBe(200);
  return res.body as Row[];
};
const adminActor = () => actorForUser({ id: admin.user.id, roles: 'system_admin system_user' });
const figures = (rows: Row[]): Record<string, number> => Object.fromEntries(rows.map((r) => [r.name, r.value]));

/** A post written straight through the store at a chosen time (the API always stamps "now"). */
async function postAt(channelId: string, userId: string, createAt: number, hashtags = ''): Promise<void> {
  await server.app.deps.store.posts.create({
    id: newId(), create_at: createAt, update_at: createAt, edit_at: 0, delete_at: 0, is_pinned: false, user_id: userId, channel_id: channelId,
    root_id: '', original_id: '', message: 'counted', type: '', props: {}, hashtags, file_ids: [], pending_post_id: '', has_reactions: false,
  }, []);
}

describe('GET /analytics/old', () => {
  it('standard: the counts match what was created, site-wide and for one team', async () => {
    const before = figures(await report('standard'));
    const team = await newTeam(admin.client);
    await admin.client.addToTeam(team.id, member.user.id);
    const open = await newChannel(admin.client, team.id, 'O');
    await newChannel(admin.client, team.id, 'P');
    const leaving = await createUser(server, 'statsleaving');
    await admin.client.updateUserActive(leaving.user.id, false);
    const beforePosts = figures(await report('standard')).post_count;
    for (let i = 0; i < 3; i++) await admin.client.createPost({ channel_id: open.id, message: `post ${i}` } as never);

    const after = figures(await report('standard'));
    expect(Object.keys(after)).toEqual([
      'channel_open_count', 'channel_private_count', 'post_count', 'unique_user_count', 'team_count', 'total_websocket_connections',
      'total_master_db_connections', 'total_read_db_connections', 'daily_active_users', 'monthly_active_users', 'inactive_user_count',
    ]);
    // The team brings its two default channels and the one created.
    expect(after.channel_open_count - before.channel_open_count).toBe(3);
    expect(after.channel_private_count - before.channel_private_count).toBe(1);
    expect(after.team_count - before.team_count).toBe(1);
    expect(after.post_count - beforePosts).toBe(3);
    // The deactivated user left the active count and joined the inactive one.
    expect(after.unique_user_count).toBe(before.unique_user_count);
    expect(after.inactive_user_count - before.inactive_user_count).toBe(1);
    expect(after.total_master_db_connections).toBeGreaterThan(0);

    const inTeam = figures(await report('standard', team.id));
    expect(inTeam.unique_user_count).toBe(2);
    expect(inTeam.channel_open_count).toBe(3);
    expect(inTeam.channel_private_count).toBe(1);
    expect(inTeam.inactive_user_count).toBe(-1);
    expect(inTeam.post_count).toBeGreaterThanOrEqual(3);
  });

  it('counts open sockets', async () => {
    const { WsUser } = await import('../../ws_client.js');
    const socket = new WsUser(server, member.token);
    await socket.connect();
    try {
      expect(figures(await report('standard')).total_websocket_connections).toBeGreaterThanOrEqual(1);
    } finally {
      socket.close();
    }
  });

  it('post_counts_day and user_counts_with_posts_day: complete past days only, newest first', async () => {
    const team = await newTeam(admin.client);
    const channel = await newChannel(admin.client, team.id, 'O');
    const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
    const twoDaysAgo = today - 2 * DAY_MS + 3_600_000;
    const fiveDaysAgo = today - 5 * DAY_MS + 7_200_000;
    await postAt(channel.id, admin.user.id, twoDaysAgo);
    await postAt(channel.id, member.user.id, twoDaysAgo + 1);
    await postAt(channel.id, member.user.id, twoDaysAgo + 2);
    await postAt(channel.id, member.user.id, fiveDaysAgo);
    // Too old for the chart (more than 32 days back).
    await postAt(channel.id, member.user.id, today - 40 * DAY_MS);

    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const posts = await report('post_counts_day', team.id);
    expect(posts).toEqual([{ name: day(twoDaysAgo), value: 3 }, { name: day(fiveDaysAgo), value: 1 }]);
    const authors = await report('user_counts_with_posts_day', team.id);
    expect(authors).toEqual([{ name: day(twoDaysAgo), value: 2 }, { name: day(fiveDaysAgo), value: 1 }]);
    // Site-wide, today's posts (made by the other tests) are not in the chart until the day is over.
    const site = await report('post_counts_day');
    expect(site.find((r) => r.name === day(today))).toBeUndefined();
    expect(site.find((r) => r.name === day(twoDaysAgo))?.value).toBe(3);
  });

  it('bot_post_counts_day: only posts by bot accounts', async () => {
    await server.app.configuration.patch(adminActor(), { ServiceSettings: { EnableBotAccountCreation: true } });
    const bot = await admin.client.createBot({ username: `statsbot${Date.now().toString(36)}`, display_name: 'Stats', description: '' } as Bot);
    const team = await newTeam(admin.client);
    const channel = await newChannel(admin.client, team.id, 'O');
    const threeDaysAgo = Math.floor(Date.now() / DAY_MS) * DAY_MS - 3 * DAY_MS + 3_600_000;
    await postAt(channel.id, bot.user_id, threeDaysAgo);
    await postAt(channel.id, bot.user_id, threeDaysAgo + 1);
    await postAt(channel.id, member.user.id, threeDaysAgo + 2);
    expect(await report('bot_post_counts_day', team.id)).toEqual([{ name: new Date(threeDaysAgo).toISOString().slice(0, 10), value: 2 }]);
  });

  it('extra_counts: posts with hashtags, sessions', async () => {
    const team = await newTeam(admin.client);
    const channel = await newChannel(admin.client, team.id, 'O');
    await postAt(channel.id, admin.user.id, Date.now(), '#one');
    await postAt(channel.id, admin.user.id, Date.now(), '');
    const extra = figures(await report('extra_counts', team.id));
    expect(extra.hashtag_post_count).toBe(1);
    expect(extra.file_post_count).toBe(0);
    expect(extra.session_count).toBeGreaterThanOrEqual(2);
    expect(extra.incoming_webhook_count).toBe(0);
  });

  it('is refused to non-admins, and bad parameters are a 400', async () => {
    expect((await raw(server, 'GET', '/analytics/old?name=standard', { token: member.token })).status).toBe(403);
    expect((await raw(server, 'GET', '/analytics/old?name=standard')).status).toBe(401);
    expect((await raw(server, 'GET', '/analytics/old?name=everything', { token: admin.token })).status).toBe(400);
    expect((await raw(server, 'GET', '/analytics/old?name=standard&team_id=nope', { token: admin.token })).status).toBe(400);
  });

  it('answers through the official client', async () => {
    const rows = await admin.client.getAnalytics('standard');
    expect(rows.find((r: Row) => r.name === 'team_count')?.value).toBeGreaterThanOrEqual(1);
  });
});
