import type { Post } from '@mattermost/types/posts';
import { afterEach, describe, expect, it } from 'vitest';
import { raw } from '../harness.js';
import { WsUser } from '../ws_client.js';
import { channelWith, post, usePostSuite } from './post_fixtures.js';

/** "Remind me about this message": who may set one, the confirmation, and the system bot's DM at the time. */
describe('post reminders', () => {
  const suite = usePostSuite(2);
  const sockets: WsUser[] = [];
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });

  const inSeconds = (s: number): number => Math.floor(Date.now() / 1000) + s;
  const remind = (token: string, userId: string, postId: string, targetTime: unknown) =>
    raw(suite.server, 'POST', `/users/${userId}/posts/${postId}/reminder`, { token, body: { target_time: targetTime } });

  async function socketOf(token: string): Promise<WsUser> {
    const socket = new WsUser(suite.server, token);
    sockets.push(socket);
    await socket.connect();
    return socket;
  }

  /** The reminder DMs the user has received so far (from the system bot, type `reminder`). */
  async function remindersOf(token: string, userId: string): Promise<Post[]> {
    const bot = await raw(suite.server, 'GET', '/users/username/system-bot', { token });
    if (bot.status !== 200) return [];
    const channel = await raw(suite.server, 'POST', '/channels/direct', { token, body: [userId, bot.body.id] });
    const list = await raw(suite.server, 'GET', `/channels/${channel.body.id}/posts`, { token });
    return (list.body.order as string[]).map((id) => list.body.posts[id] as Post).filter((p) => p.type === 'reminder');
  }

  async function until(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('is only for the caller, and only for posts they can read', async () => {
    const [ana, ben] = suite.world.members;
    const { owner, team } = suite.world;
    const secret = await channelWith(owner, team.id, [ana], 'P');
    const hidden = await post(owner, secret.id, 'private plans');
    expect((await remind(ana.token, ben.user.id, hidden.id, inSeconds(600))).status).toBe(403);
    const refused = await remind(ben.token, ben.user.id, hidden.id, inSeconds(600));
    expect([403, 404]).toContain(refused.status);
    expect((await remind(ana.token, ana.user.id, hidden.id, inSeconds(600))).status).toBe(200);
  });

  it('keeps the system bot\'s name from people, who would otherwise receive every reminder DM', async () => {
    const taken = await raw(suite.server, 'POST', '/users', { body: { username: 'system-bot', email: 'impostor@example.com', password: 'Impostor-Passw0rd!' } });
    expect(taken.status).toBe(400);
    expect(taken.body.id).toBe('model.user.is_valid.username.app_error');
  });

  it('refuses a time in the past, too far ahead, or not a number', async () => {
    const [ana] = suite.world.members;
    const { owner, team } = suite.world;
    const channel = await channelWith(owner, team.id, [ana]);
    const p = await post(owner, channel.id, 'times');
    const past = await remind(ana.token, ana.user.id, p.id, inSeconds(-60));
    expect(past.status).toBe(400);
    expect(past.body.id).toBe('api.post.reminder.invalid_target_time.app_error');
    expect((await remind(ana.token, ana.user.id, p.id, inSeconds(2 * 366 * 86_400))).status).toBe(400);
    expect((await remind(ana.token, ana.user.id, p.id, 'tomorrow')).status).toBe(400);
  });

  it('confirms with an ephemeral post and sends the system bot DM at the time', async () => {
    const [ana] = suite.world.members;
    const { owner, team } = suite.world;
    const channel = await channelWith(owner, team.id, [ana]);
    const p = await post(owner, channel.id, 'remember the release notes');
    const socket = await socketOf(ana.token);
    const target = inSeconds(2);
    expect((await remind(ana.token, ana.user.id, p.id, target)).status).toBe(200);
    const confirmation = await socket.waitFor((e) => e.event === 'ephemeral_message');
    const shown = JSON.parse(String(confirmation.data.post)) as Post;
    expect(confirmation.broadcast.user_id).toBe(ana.user.id);
    expect(shown.channel_id).toBe(channel.id);
    expect(shown.message).toContain(`about this message from @${owner.user.username}`);

    await until(async () => (await remindersOf(ana.token, ana.user.id)).length === 1);
    const [dm] = await remindersOf(ana.token, ana.user.id);
    expect(dm.props).toMatchObject({ target_time: target, post_id: p.id, username: owner.user.username, team_name: team.name });
    expect(dm.message).toContain(`/${team.name}/pl/${p.id}`);
    expect(dm.message).toContain(`@${owner.user.username}`);
  });

  it('replaces an earlier reminder for the same post, and sends nothing for a deleted post', async () => {
    const [, ben] = suite.world.members;
    const { owner, team } = suite.world;
    const channel = await channelWith(owner, team.id, [ben]);
    const kept = await post(owner, channel.id, 'replaced reminder');
    const gone = await post(owner, channel.id, 'deleted before its reminder');
    // The first reminder would be due in 5 s; the second moves it an hour on, so nothing comes now.
    expect((await remind(ben.token, ben.user.id, kept.id, inSeconds(5))).status).toBe(200);
    expect((await remind(ben.token, ben.user.id, kept.id, inSeconds(3600))).status).toBe(200);
    expect((await remind(ben.token, ben.user.id, gone.id, inSeconds(5))).status).toBe(200);
    await owner.client.deletePost(gone.id);
    // A third reminder, due after the others, proves the job runner has run past their time.
    const marker = await post(owner, channel.id, 'marker');
    expect((await remind(ben.token, ben.user.id, marker.id, inSeconds(7))).status).toBe(200);
    await until(async () => (await remindersOf(ben.token, ben.user.id)).length > 0);
    const sent = await remindersOf(ben.token, ben.user.id);
    expect(sent.map((r) => r.props.post_id)).toEqual([marker.id]);
  });
});
