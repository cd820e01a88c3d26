import type { Bot } from '@mattermost/types/bots';
import type { AdminConfig } from '@mattermost/types/config';
import type { Post } from '@mattermost/types/posts';
import type { Team } from '@mattermost/types/teams';
import type { UserProfile } from '@mattermost/types/users';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, newClient, raw, startTestServer, unique, type TestServer, type TestUser } from '../../harness.js';
import { newChannel, newTeam } from '../../team_fixtures.js';
import { WsUser, type WsEvent } from '../../ws_client.js';

let server: TestServer;
let admin: TestUser;
let ana: TestUser;
let team: Team;

const errorOf = (p: Promise<unknown>): Promise<{ status: number; id: string }> =>
  p.then(() => ({ status: 200, id: '' }), (err: { status_code: number; server_error_id: string }) => ({ status: err.status_code, id: err.server_error_id }));
const botName = (prefix: string) => unique(prefix).toLowerCase().slice(0, 20);
const newBot = (client = admin.client, prefix = 'bot') =>
  client.createBot({ username: botName(prefix), display_name: 'A Bot', description: 'does things' } as Bot);
const botIncludingDeleted = (caller: TestUser, id: string) => raw(server, 'GET', `/bots/${id}?include_deleted=true`, { token: caller.token });
const postedBy = (userId: string) => (e: WsEvent): boolean => e.event === 'posted' && (JSON.parse(e.data.post as string) as Post).user_id === userId;

beforeAll(async () => {
  server = await startTestServer();
  admin = await createUser(server, 'botadmin');
  ana = await createUser(server, 'botana');
  team = await newTeam(admin.client);
  await admin.client.addToTeam(team.id, ana.user.id);
});
afterAll(async () => {
  await server?.close();
});

describe('bot accounts', () => {
  it('takes create_bot and ServiceSettings.EnableBotAccountCreation', async () => {
    expect(await errorOf(newBot())).toEqual({ status: 403, id: 'api.bot.create_disabled' });
    await admin.client.patchConfig({ ServiceSettings: { EnableBotAccountCreation: true } } as Partial<AdminConfig>);
    expect(await errorOf(newBot(ana.client))).toEqual({ status: 403, id: 'api.context.permissions.app_error' });

    const username = botName('Helper');
    const bot = await admin.client.createBot({ username: username.toUpperCase(), display_name: 'Helper', description: 'helps' } as Bot);
    expect(bot).toMatchObject({ username, display_name: 'Helper', description: 'helps', owner_id: admin.user.id, delete_at: 0 });
    const user = await ana.client.getUser(bot.user_id);
    expect(user).toMatchObject({ id: bot.user_id, username, is_bot: true, bot_description: 'helps' });
    // Bots count nowhere a person does: no password sign-in.
    expect((await raw(server, 'POST', '/users/login', { body: { login_id: username, password: '' } })).status).toBe(401);

    expect(await errorOf(admin.client.createBot({ username } as Bot))).toEqual({ status: 400, id: 'app.user.save.username_exists.app_error' });
    expect(await errorOf(admin.client.createBot({ username: 'no spaces' } as Bot))).toEqual({ status: 400, id: 'model.bot.is_valid.username.app_error' });
    expect(await errorOf(admin.client.createBot({ username: botName('long'), description: 'x'.repeat(1025) } as Bot)))
      .toEqual({ status: 400, id: 'model.bot.is_valid.description.app_error' });
  });

  it('shows a bot to admins only; to anyone else it does not exist', async () => {
    const bot = await newBot();
    expect(await errorOf(ana.client.getBot(bot.user_id))).toEqual({ status: 404, id: 'store.sql_bot.get.missing.app_error' });
    expect(await errorOf(ana.client.getBots())).toEqual({ status: 403, id: 'api.context.permissions.app_error' });
    expect(await errorOf(ana.client.patchBot(bot.user_id, { description: 'mine now' } as Bot))).toMatchObject({ status: 404 });
    expect(await errorOf(ana.client.disableBot(bot.user_id))).toMatchObject({ status: 404 });
    expect((await admin.client.getBot(bot.user_id)).username).toBe(bot.username);
    expect((await admin.client.getBots(0, 200)).map((b: Bot) => b.user_id)).toContain(bot.user_id);
    expect((await raw(server, 'GET', '/bots/not-an-id', { token: admin.token })).status).toBe(400);
  });

  it('patches, disables, enables and reassigns a bot', async () => {
    const bot = await newBot();
    const renamed = botName('renamed');
    const patched = await admin.client.patchBot(bot.user_id, { username: renamed, display_name: 'Renamed', description: 'new' } as Bot);
    expect(patched).toMatchObject({ user_id: bot.user_id, username: renamed, display_name: 'Renamed', description: 'new' });
    expect(await admin.client.getUser(bot.user_id)).toMatchObject({ username: renamed, first_name: 'Renamed', bot_description: 'new' });

    const disabled = await admin.client.disableBot(bot.user_id);
    expect(disabled.delete_at).toBeGreaterThan(0);
    expect((await admin.client.getUser(bot.user_id)).delete_at).toBeGreaterThan(0);
    expect(await errorOf(admin.client.getBot(bot.user_id))).toMatchObject({ status: 404 });
    expect((await botIncludingDeleted(admin, bot.user_id)).body.delete_at).toBeGreaterThan(0);
    expect((await admin.client.getBots(0, 200)).map((b: Bot) => b.user_id)).not.toContain(bot.user_id);
    expect((await admin.client.getBotsIncludeDeleted(0, 200)).map((b: Bot) => b.user_id)).toContain(bot.user_id);
    expect((await admin.client.enableBot(bot.user_id)).delete_at).toBe(0);
    expect((await admin.client.getUser(bot.user_id)).delete_at).toBe(0);

    expect((await admin.client.assignBot(bot.user_id, ana.user.id)).owner_id).toBe(ana.user.id);
    const other = await newBot();
    expect(await errorOf(admin.client.assignBot(bot.user_id, other.user_id))).toMatchObject({ status: 403 });
  });

  it('turns a user into a bot, which cannot sign in with its password, and back (system admins only)', async () => {
    const carl = await createUser(server, 'botcarl');
    const convert = (caller: TestUser) => raw(server, 'POST', `/users/${carl.user.id}/convert_to_bot`, { token: caller.token });
    expect((await convert(ana)).status).toBe(403);
    const bot = (await convert(admin)).body as Bot;
    expect(bot).toMatchObject({ user_id: carl.user.id, username: carl.user.username, owner_id: carl.user.id });
    expect((await admin.client.getUser(carl.user.id)).is_bot).toBe(true);
    const login = await raw(server, 'POST', '/users/login', { body: { login_id: carl.user.username, password: carl.password } });
    expect([login.status, login.body.id]).toEqual([401, 'api.user.login.bot_login_forbidden.app_error']);

    const convertBack = (caller: TestUser, body: object) => raw(server, 'POST', `/bots/${carl.user.id}/convert_to_user`, { token: caller.token, body });
    expect((await convertBack(ana, { password: 'a-new-password' })).status).toBe(403);
    expect((await convertBack(admin, {})).status).toBe(400);
    const converted = await convertBack(admin, { password: 'a-new-password', nickname: 'human again' });
    expect(converted.status).toBe(200);
    expect(converted.body as UserProfile).toMatchObject({ id: carl.user.id, is_bot: false, nickname: 'human again' });
    expect(await errorOf(admin.client.getBot(carl.user.id))).toMatchObject({ status: 404 });
    const again = newClient(server);
    expect((await again.login(carl.user.username, 'a-new-password')).id).toBe(carl.user.id);
  });

  it('converts one account asked twice at once into one bot (no conflict surfaces as a 500)', async () => {
    const dana = await createUser(server, 'botdana');
    const both = await Promise.all([0, 1, 2].map(() => raw(server, 'POST', `/users/${dana.user.id}/convert_to_bot`, { token: admin.token })));
    expect(both.map((r) => r.status)).toEqual([200, 200, 200]);
    expect((await admin.client.getBot(dana.user.id)).owner_id).toBe(dana.user.id);
  });

  it('a bot written with the official client answers mentions, and stops at once when its token is revoked', async () => {
    const channel = await newChannel(admin.client, team.id);
    await admin.client.addToChannel(ana.user.id, channel.id);
    const bot = await newBot(admin.client, 'echo');
    await admin.client.addToTeam(team.id, bot.user_id);
    await admin.client.addToChannel(bot.user_id, channel.id);
    // EnableUserAccessTokens is off on this server: as upstream, it governs users' tokens, not bots'.
    const { id: tokenId, token } = await admin.client.createUserAccessToken(bot.user_id, 'echo bot');

    // The bot: Client4 and the WebSocketClient of @mattermost/client, authenticated by its token.
    const api = newClient(server);
    api.setToken(token!);
    const socket = new WsUser(server, token!);
    socket.client.addMessageListener((message) => {
      if (message.event !== 'posted') return;
      const post = JSON.parse((message.data as { post: string }).post) as Post;
      if (post.user_id === bot.user_id || !post.message.includes(`@${bot.username}`)) return;
      void api.createPost({ channel_id: post.channel_id, root_id: post.id, message: `pong to ${post.message.split(' ').pop()}` } as Post);
    });
    const anaSocket = new WsUser(server, ana.token);
    try {
      await socket.connect();
      await anaSocket.connect();
      expect((await api.getMe()).id).toBe(bot.user_id);
      const asked = await ana.client.createPost({ channel_id: channel.id, message: `@${bot.username} ping` } as Post);
      const answer = JSON.parse((await anaSocket.waitFor(postedBy(bot.user_id))).data.post as string) as Post;
      expect(answer).toMatchObject({ channel_id: channel.id, root_id: asked.id, message: 'pong to ping' });

      const closed = new Promise<number>((resolve) => socket.sockets[0].once('close', (code: number) => resolve(code)));
      await admin.client.revokeUserAccessToken(tokenId);
      expect(await closed).toBe(1008);
      expect(await errorOf(api.getMe())).toMatchObject({ status: 401 });
    } finally {
      socket.close();
      anaSocket.close();
    }
  });

  it('lets owners with create_bot manage their own bots only, and disables them with their owner', async () => {
    const role = await admin.client.getRoleByName('system_user');
    await admin.client.patchRole(role.id, { permissions: [...role.permissions, 'create_bot', 'read_bots', 'manage_bots'] });
    const dora = await createUser(server, 'botdora');
    const others = await newBot();
    const hers = await newBot(dora.client, 'dora');
    expect(hers.owner_id).toBe(dora.user.id);
    expect((await dora.client.getBots(0, 200)).map((b: Bot) => b.user_id)).toEqual([hers.user_id]);
    expect((await dora.client.patchBot(hers.user_id, { description: 'tidied' } as Bot)).description).toBe('tidied');
    expect(await errorOf(dora.client.getBot(others.user_id))).toMatchObject({ status: 404 });
    expect(await errorOf(dora.client.patchBot(others.user_id, { description: 'taken' } as Bot))).toMatchObject({ status: 404 });
    expect(await errorOf(dora.client.assignBot(hers.user_id, ana.user.id))).toMatchObject({ status: 403 });
    // With the token role she makes tokens for the bot she manages, not for another's.
    await admin.client.updateUserRoles(dora.user.id, 'system_user system_user_access_token');
    expect((await dora.client.createUserAccessToken(hers.user_id, 'her bot')).user_id).toBe(hers.user_id);
    expect(await errorOf(dora.client.createUserAccessToken(others.user_id, 'not hers'))).toMatchObject({ status: 403 });

    // ServiceSettings.DisableBotsWhenOwnerIsDeactivated is true by default.
    await admin.client.updateUserActive(dora.user.id, false);
    expect((await botIncludingDeleted(admin, hers.user_id)).body.delete_at).toBeGreaterThan(0);
    expect((await admin.client.getUser(hers.user_id)).delete_at).toBeGreaterThan(0);
    const orphaned = await raw(server, 'GET', '/bots?only_orphaned=true&include_deleted=true', { token: admin.token });
    expect((orphaned.body as Bot[]).map((b) => b.user_id)).toEqual([hers.user_id]);
  });
});
