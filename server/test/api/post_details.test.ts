import type { Post } from '@mattermost/types/posts';
import type { Team } from '@mattermost/types/teams';
import { describe, expect, it } from 'vitest';
import { createUser, raw, unique } from '../harness.js';
import { sleep } from '../ws_client.js';
import { QUIET_MS, useWsSuite } from '../ws_fixture.js';

// Edit history, post info for permalinks, a post's files, and ephemeral messages.

const suite = useWsSuite();

describe('edit history', () => {
  it('keeps each replaced version for the author, newest first', async () => {
    const { team, users: [author] } = await suite.world.teamWith(1);
    const channel = await suite.world.channelOf(author, team.id, 'O', []);
    const original = await author.client.createPost({ channel_id: channel.id, message: 'first draft' } as Post);
    const second = await author.client.patchPost({ id: original.id, message: 'second draft' } as Post);
    await author.client.patchPost({ id: original.id, message: 'final' } as Post);
    // Pinning changes no text: no new version.
    await author.client.pinPost(original.id);
    const history = await author.client.getPostEditHistory(original.id);
    expect(history.map((v) => v.message)).toEqual(['second draft', 'first draft']);
    expect(history[0]).toMatchObject({ original_id: original.id, channel_id: channel.id, user_id: author.user.id, edit_at: second.edit_at, create_at: original.create_at });
    expect(history[1].edit_at).toBe(0);
    for (const version of history) {
      expect(version.id).toMatch(/^[a-z0-9]{26}$/);
      expect(version.id).not.toBe(original.id);
      expect(version.delete_at).toBeGreaterThan(0);
    }
    // Versions never show up as posts of the channel.
    const list = await author.client.getPosts(channel.id);
    expect(list.order).toEqual([original.id]);
    expect(list.posts[original.id].message).toBe('final');
  });

  it('is the author\'s alone, and a 404 for a post never edited', async () => {
    const { team, users: [author, reader] } = await suite.world.teamWith(2);
    const channel = await suite.world.channelOf(author, team.id, 'O', [reader]);
    const p = await author.client.createPost({ channel_id: channel.id, message: 'v1' } as Post);
    await expect(author.client.getPostEditHistory(p.id)).rejects.toMatchObject({ status_code: 404, server_error_id: 'app.post.get_edit_history_for_post.app_error' });
    await author.client.patchPost({ id: p.id, message: 'v2' } as Post);
    await expect(reader.client.getPostEditHistory(p.id)).rejects.toMatchObject({ status_code: 403 });
    const unknown = await raw(suite.server, 'GET', `/posts/${'x'.repeat(26)}/edit_history`, { token: author.token });
    expect(unknown.status).toBe(403);
  });
});

describe('post info', () => {
  it('tells a member, a teammate who has not joined, and someone outside an open team where a post lives', async () => {
    const owner = await createUser(suite.server, 'infoowner');
    const team = await owner.client.createTeam({ name: unique('info').toLowerCase(), display_name: 'Info team', type: 'O', allow_open_invite: true } as Team);
    const [teammate, outsider] = [await createUser(suite.server, 'infomate'), await createUser(suite.server, 'infoout')];
    await owner.client.addToTeam(team.id, teammate.user.id);
    const channel = await suite.world.channelOf(owner, team.id, 'O', []);
    const p = await owner.client.createPost({ channel_id: channel.id, message: 'permalink me' } as Post);
    expect(await owner.client.getPostInfo(p.id)).toEqual({
      channel_id: channel.id, channel_type: 'O', channel_display_name: channel.display_name, has_joined_channel: true,
      team_id: team.id, team_type: 'O', team_display_name: 'Info team', has_joined_team: true,
    });
    expect(await teammate.client.getPostInfo(p.id)).toMatchObject({ has_joined_channel: false, has_joined_team: true });
    expect(await outsider.client.getPostInfo(p.id)).toMatchObject({ has_joined_channel: false, has_joined_team: false });
  });

  it('tells nothing about private channels, DMs or closed teams to those outside them', async () => {
    const { team, users: [a, b, c] } = await suite.world.teamWith(3);
    const secret = await suite.world.channelOf(a, team.id, 'P', [b]);
    const inSecret = await a.client.createPost({ channel_id: secret.id, message: 'secret' } as Post);
    expect(await b.client.getPostInfo(inSecret.id)).toMatchObject({ has_joined_channel: true, channel_type: 'P' });
    await expect(c.client.getPostInfo(inSecret.id)).rejects.toMatchObject({ status_code: 403 });
    const dm = await a.client.createDirectChannel([a.user.id, b.user.id]);
    const inDm = await a.client.createPost({ channel_id: dm.id, message: 'psst' } as Post);
    expect(await b.client.getPostInfo(inDm.id)).toMatchObject({ channel_type: 'D', team_id: '', has_joined_channel: true });
    await expect(c.client.getPostInfo(inDm.id)).rejects.toMatchObject({ status_code: 403 });
    // An invite-only team: someone outside cannot see into its public channels.
    const closed = await a.client.createTeam({ name: unique('closed').toLowerCase(), display_name: 'Closed', type: 'I' } as Team);
    const open = await suite.world.channelOf(a, closed.id, 'O', []);
    const inOpen = await a.client.createPost({ channel_id: open.id, message: 'team only' } as Post);
    await expect(c.client.getPostInfo(inOpen.id)).rejects.toMatchObject({ status_code: 403 });
  });
});

describe('files of a post', () => {
  it('lists none (posts carry no files yet) to readers, and refuses others', async () => {
    const { team, users: [a, b] } = await suite.world.teamWith(2);
    const secret = await suite.world.channelOf(a, team.id, 'P', []);
    const p = await a.client.createPost({ channel_id: secret.id, message: 'no files' } as Post);
    expect(await a.client.getFileInfosForPost(p.id)).toEqual([]);
    await expect(b.client.getFileInfosForPost(p.id)).rejects.toMatchObject({ status_code: 403 });
  });
});

describe('ephemeral messages', () => {
  it('reach only their user, over the socket, and are never stored', async () => {
    const { team, users: [target, other] } = await suite.world.teamWith(2);
    const channel = await suite.world.channelOf(target, team.id, 'O', [other]);
    const [wsTarget, wsOther] = [await suite.world.listen(target), await suite.world.listen(other)];
    const fromOther = wsOther.events.length;
    const res = await raw(suite.server, 'POST', '/posts/ephemeral', { token: suite.world.admin.token, body: { user_id: target.user.id, post: { channel_id: channel.id, message: 'only you can see this' } } });
    expect(res.status).toBe(201);
    const event = await wsTarget.waitFor((e) => e.event === 'ephemeral_message');
    expect(JSON.parse(event.data.post)).toMatchObject({ channel_id: channel.id, message: 'only you can see this', type: 'system_ephemeral' });
    await sleep(QUIET_MS);
    expect(wsOther.events.slice(fromOther).filter((e) => e.event === 'ephemeral_message')).toEqual([]);
    const stored = await target.client.getPosts(channel.id);
    expect(Object.values(stored.posts).filter((p) => p.message === 'only you can see this')).toEqual([]);
  });

  it('need create_post_ephemeral, and a target in the channel', async () => {
    const { team, users: [a, b] } = await suite.world.teamWith(2);
    const channel = await suite.world.channelOf(a, team.id, 'O', []);
    const body = { user_id: a.user.id, post: { channel_id: channel.id, message: 'spoof' } };
    expect((await raw(suite.server, 'POST', '/posts/ephemeral', { token: b.token, body })).status).toBe(403);
    const notMember = await raw(suite.server, 'POST', '/posts/ephemeral', { token: suite.world.admin.token, body: { ...body, user_id: b.user.id } });
    expect(notMember.status).toBe(404);
    const bad = await raw(suite.server, 'POST', '/posts/ephemeral', { token: suite.world.admin.token, body: { user_id: 'nope', post: { channel_id: channel.id, message: 'x' } } });
    expect(bad.status).toBe(400);
  });
});
