import type { Post } from '@mattermost/types/posts';
import { describe, expect, it } from 'vitest';
import { eventsBroadcast, eventWrites } from '../../src/metrics/registry.js';
import { makeEvent, sessionsRevoked } from '../../src/model/events.js';
import { newId } from '../../src/model/id.js';
import { createUser, newClient, raw } from '../harness.js';
import { RawSocket, sleep } from '../ws_client.js';
import { about, QUIET_MS, useWsSuite } from '../ws_fixture.js';

const suite = useWsSuite();

describe('WebSocket connection and authentication', () => {
  it('starts every stream with hello at seq 0, then replies to the challenge without consuming a seq', async () => {
    const { user, token } = await createUser(suite.server, 'wshello');
    const version = (await raw(suite.server, 'GET', '/system/ping')).headers.get('x-version-id');
    const socket = suite.world.rawSocket();
    await socket.opened;
    socket.send({ seq: 1, action: 'authentication_challenge', data: { token } });
    const reply = await socket.next((f) => f.seq_reply === 1);
    const [hello] = socket.frames;
    expect(hello).toMatchObject({
      event: 'hello', seq: 0,
      data: { server_version: version, connection_id: expect.stringMatching(/^[a-z0-9]{26}$/), server_hostname: expect.any(String) },
      broadcast: { user_id: user.id, channel_id: '', team_id: '' },
    });
    expect(socket.frames.indexOf(hello)).toBeLessThan(socket.frames.indexOf(reply));
    expect(reply).toEqual({ status: 'OK', seq_reply: 1 });

    socket.send({ seq: 2, action: 'ping' });
    const pong = await socket.next((f) => f.seq_reply === 2);
    expect(pong).toEqual({ status: 'OK', seq_reply: 2, data: { text: 'pong', version: expect.any(String), server_time: expect.any(Number), node_id: '' } });
    expect(Math.abs(pong.data.server_time - Date.now())).toBeLessThan(60_000);
  });

  it('numbers events 0, 1, 2... per connection, as the official client checks', async () => {
    const { team, users: [a, b] } = await suite.world.teamWith(2);
    const channel = await suite.world.channelOf(a, team.id, 'O', [b]);
    const ws = await suite.world.listen(b);
    for (let i = 0; i < 3; i++) await a.client.patchChannel(channel.id, { header: `h${i}` });
    await ws.waitFor((e) => e.event === 'channel_updated' && JSON.parse(e.data.channel).header === 'h2');
    expect(ws.events.map((e) => e.seq)).toEqual(ws.events.map((_, i) => i));
    expect(ws.eventsNamed('channel_updated').map((e) => JSON.parse(e.data.channel).header)).toEqual(['h0', 'h1', 'h2']);
    expect(ws.missedMessages).toBe(0);
  });

  it('authenticates from the Authorization header on the upgrade and then ignores the challenge', async () => {
    const { user, token } = await createUser(suite.server, 'wsheader');
    const socket = suite.world.rawSocket('', { headers: { Authorization: `BEARER ${token}` } });
    const hello = await socket.next((f) => f.event === 'hello');
    expect(hello.broadcast.user_id).toBe(user.id);
    socket.send({ seq: 1, action: 'authentication_challenge', data: { token } });
    socket.send({ seq: 2, action: 'ping' });
    await socket.next((f) => f.seq_reply === 2);
    expect(socket.frames.filter((f) => f.seq_reply === 1)).toEqual([]);
    expect(socket.frames.filter((f) => f.event === 'hello')).toHaveLength(1);
  });

  it('authenticates from the MMAUTHTOKEN cookie, but not when the page comes from another origin', async () => {
    const { user, token } = await createUser(suite.server, 'wscookie');
    const host = new URL(suite.server.url).host;
    const sameSite = suite.world.rawSocket('', { headers: { Cookie: `MMAUTHTOKEN=${token}`, Origin: `http://${host}` } });
    expect((await sameSite.next((f) => f.event === 'hello')).broadcast.user_id).toBe(user.id);

    const crossSite = suite.world.rawSocket('', { headers: { Cookie: `MMAUTHTOKEN=${token}`, Origin: 'http://evil.example' } });
    await crossSite.opened;
    crossSite.send({ seq: 1, action: 'get_statuses_by_ids', data: { user_ids: [user.id] } });
    const refused = await crossSite.next((f) => f.seq_reply === 1);
    expect(refused).toMatchObject({ status: 'FAIL', error: { id: 'api.web_socket_router.not_authenticated.app_error', status_code: 401 } });
    expect(crossSite.frames.some((f) => f.event === 'hello')).toBe(false);
    // The token itself still works from any origin: a cross-site page cannot know it.
    crossSite.send({ seq: 2, action: 'authentication_challenge', data: { token } });
    expect(await crossSite.next((f) => f.seq_reply === 2)).toEqual({ status: 'OK', seq_reply: 2 });
  });

  it('accepts a trailing slash on the path and refuses other upgrade paths', async () => {
    const { token } = await createUser(suite.server, 'wspath');
    const slash = suite.world.authedSocket(token, '/');
    await slash.next((f) => f.event === 'hello');
    const elsewhere = suite.world.track(new RawSocket(`${suite.server.url.replace(/^http/, 'ws')}/api/v4/users`));
    await expect(elsewhere.opened).rejects.toThrow(/404/);
  });

  it('closes the socket on a bad token, an invalid message or an oversized one', async () => {
    const bad = suite.world.rawSocket();
    await bad.opened;
    bad.send({ seq: 1, action: 'authentication_challenge', data: { token: newId() } });
    expect((await bad.closed).code).toBe(1008);
    expect(bad.frames).toEqual([]);

    const garbage = suite.world.rawSocket();
    await garbage.opened;
    garbage.send('{not json');
    expect((await garbage.closed).code).toBe(1008);

    const { token } = await createUser(suite.server, 'wsbig');
    const big = suite.world.authedSocket(token);
    await big.next((f) => f.event === 'hello');
    big.send({ seq: 1, action: 'ping', data: { padding: 'x'.repeat(9 * 1024) } });
    expect((await big.closed).code).toBe(1009);
  });

  it('answers unknown actions and bad action data with FAIL replies', async () => {
    const { token } = await createUser(suite.server, 'wsfail');
    const socket = suite.world.authedSocket(token);
    await socket.next((f) => f.event === 'hello');
    socket.send({ seq: 1, action: 'launch_rockets', data: {} });
    socket.send({ seq: 2, action: 'user_typing', data: { channel_id: 'nope' } });
    socket.send({ seq: 3, action: 'get_statuses_by_ids', data: { user_ids: 'everyone' } });
    socket.send({ seq: 4, action: 'presence', data: { channel_id: newId() } });
    await socket.next((f) => f.seq_reply === 4);
    const replies = Object.fromEntries(socket.frames.filter((f) => f.seq_reply).map((f) => [f.seq_reply, f]));
    expect(replies[1]).toMatchObject({ status: 'FAIL', error: { id: 'api.web_socket_router.bad_action.app_error' } });
    expect(replies[2]).toMatchObject({ status: 'FAIL', error: { id: 'api.websocket_handler.invalid_param.app_error', status_code: 400 } });
    expect(replies[3]).toMatchObject({ status: 'FAIL', error: { id: 'api.websocket_handler.invalid_param.app_error' } });
    expect(replies[4]).toEqual({ status: 'OK', seq_reply: 4 });
  });
});

describe('event fan-out', () => {
  it('delivers channel events to members, including one just added', async () => {
    const { team, users: [a, b, c] } = await suite.world.teamWith(3);
    const channel = await suite.world.channelOf(a, team.id, 'O', [b]);
    const [wsB, wsC] = [await suite.world.listen(b), await suite.world.listen(c)];
    await a.client.addToChannel(c.user.id, channel.id);
    for (const ws of [wsB, wsC]) {
      const added = await ws.waitFor((e) => e.event === 'user_added' && e.broadcast.channel_id === channel.id);
      expect(added.data).toEqual({ user_id: c.user.id, team_id: team.id });
    }
    await a.client.patchChannel(channel.id, { purpose: 'now with c' });
    const updated = await wsC.waitFor((e) => e.event === 'channel_updated');
    expect(JSON.parse(updated.data.channel)).toMatchObject({ id: channel.id, purpose: 'now with c' });
  });

  it('delivers a post to the other member in real time; viewing clears only the viewer\'s unreads', async () => {
    const { team, users: [a, b] } = await suite.world.teamWith(2);
    const channel = await suite.world.channelOf(a, team.id, 'O', [b]);
    const [wsA, wsB] = [await suite.world.listen(a), await suite.world.listen(b)];
    const post = await a.client.createPost({ channel_id: channel.id, message: `hello @${b.user.username}`, pending_post_id: `${a.user.id}:1` } as never);
    const posted = await wsB.waitFor((e) => e.event === 'posted');
    expect(posted.broadcast.channel_id).toBe(channel.id);
    expect(posted.data).toMatchObject({
      channel_type: 'O', channel_name: channel.name, channel_display_name: channel.display_name,
      sender_name: `@${a.user.username}`, team_id: team.id, mentions: JSON.stringify([b.user.id]),
    });
    expect(JSON.parse(posted.data.post)).toMatchObject({ id: post.id, user_id: a.user.id, channel_id: channel.id, message: post.message });
    await wsA.waitFor((e) => e.event === 'posted' && JSON.parse(e.data.post).id === post.id);

    const total = (await b.client.getChannel(channel.id)).total_msg_count;
    const unread = await b.client.getMyChannelMember(channel.id);
    expect(unread.msg_count).toBeLessThan(total);
    expect(unread.mention_count).toBe(1);
    const authorBefore = await a.client.getMyChannelMember(channel.id);
    expect(authorBefore.msg_count).toBe(total);

    const fromA = wsA.events.length;
    await b.client.viewMyChannel(channel.id);
    const viewed = await wsB.waitFor((e) => e.event === 'multiple_channels_viewed');
    expect(viewed.data.channel_times[channel.id]).toEqual(expect.any(Number));
    const read = await b.client.getMyChannelMember(channel.id);
    expect(read).toMatchObject({ msg_count: total, mention_count: 0 });
    expect(await a.client.getMyChannelMember(channel.id)).toMatchObject({ msg_count: authorBefore.msg_count, mention_count: authorBefore.mention_count });
    await sleep(QUIET_MS);
    expect(wsA.eventsNamed('multiple_channels_viewed', fromA)).toEqual([]);
  });

  it('sends reactions to the channel\'s members', async () => {
    const { team, users: [a, b, outsider] } = await suite.world.teamWith(3);
    const channel = await suite.world.channelOf(a, team.id, 'O', [b]);
    const [wsA, wsOut] = [await suite.world.listen(a), await suite.world.listen(outsider)];
    const fromOut = wsOut.events.length;
    const post = await a.client.createPost({ channel_id: channel.id, message: 'react to me' });
    await b.client.addReaction(b.user.id, post.id, 'tada');
    const added = await wsA.waitFor((e) => e.event === 'reaction_added');
    expect(JSON.parse(added.data.reaction)).toMatchObject({ user_id: b.user.id, post_id: post.id, emoji_name: 'tada' });
    await sleep(QUIET_MS);
    expect(wsOut.events.slice(fromOut).filter(about(channel.id))).toEqual([]);
  });

  it('sends typing to the other members only: not the typer, not non-members', async () => {
    const { team, users: [a, b, outsider] } = await suite.world.teamWith(3);
    const channel = await suite.world.channelOf(a, team.id, 'O', [b]);
    const [wsA, wsB, wsOut] = [await suite.world.listen(a), await suite.world.listen(b), await suite.world.listen(outsider)];
    const fromA = wsA.events.length;
    const fromOut = wsOut.events.length;
    const reply = await wsA.request('user_typing', { channel_id: channel.id, parent_id: '' });
    expect(reply).toMatchObject({ status: 'OK' });
    const typing = await wsB.waitFor((e) => e.event === 'typing');
    expect(typing.data).toEqual({ user_id: a.user.id, parent_id: '' });
    expect(typing.broadcast.channel_id).toBe(channel.id);
    await sleep(QUIET_MS);
    expect(wsA.eventsNamed('typing', fromA)).toEqual([]);
    expect(wsOut.eventsNamed('typing', fromOut)).toEqual([]);

    const denied = await wsOut.request('user_typing', { channel_id: channel.id, parent_id: '' });
    expect(denied).toMatchObject({ status: 'FAIL', error: { id: 'api.context.permissions.app_error', status_code: 403 } });
    await sleep(QUIET_MS);
    expect(wsB.eventsNamed('typing').filter((e) => e.data.user_id === outsider.user.id)).toEqual([]);
  });

  it('never sends a private channel\'s events to a non-member', async () => {
    const { team, users: [a, b, outsider, late] } = await suite.world.teamWith(4);
    const secret = await suite.world.channelOf(a, team.id, 'P', [b]);
    const [wsA, wsB, wsOut] = [await suite.world.listen(a), await suite.world.listen(b), await suite.world.listen(outsider)];
    const fromOut = wsOut.events.length;
    await a.client.patchChannel(secret.id, { header: 'classified' });
    const post = await a.client.createPost({ channel_id: secret.id, message: 'the secret plan' });
    await b.client.addReaction(b.user.id, post.id, 'shushing_face');
    await wsB.request('user_typing', { channel_id: secret.id, parent_id: '' });
    await a.client.addToChannel(late.user.id, secret.id);
    await a.client.viewMyChannel(secret.id);
    await wsA.waitFor((e) => e.event === 'multiple_channels_viewed');
    // Positive control: a member saw all of it.
    await wsB.waitFor((e) => e.event === 'user_added' && e.data.user_id === late.user.id);
    expect(wsB.eventsNamed('channel_updated').some((e) => JSON.parse(e.data.channel).header === 'classified')).toBe(true);
    expect(wsB.eventsNamed('posted').map((e) => JSON.parse(e.data.post).message)).toContain('the secret plan');
    expect(wsA.eventsNamed('reaction_added').map((e) => JSON.parse(e.data.reaction).emoji_name)).toEqual(['shushing_face']);
    expect(wsA.eventsNamed('typing').map((e) => e.data.user_id)).toEqual([b.user.id]);
    await sleep(QUIET_MS);
    expect(wsOut.events.slice(fromOut).filter(about(secret.id))).toEqual([]);
  });

  it('keeps a direct channel\'s events between its two members', async () => {
    const { users: [a, b, outsider] } = await suite.world.teamWith(3);
    const [wsA, wsB, wsOut] = [await suite.world.listen(a), await suite.world.listen(b), await suite.world.listen(outsider)];
    const fromOut = wsOut.events.length;
    const dm = await a.client.createDirectChannel([a.user.id, b.user.id]);
    for (const ws of [wsA, wsB]) {
      const added = await ws.waitFor((e) => e.event === 'direct_added' && e.broadcast.channel_id === dm.id);
      expect(added.data).toEqual({ creator_id: a.user.id, teammate_id: b.user.id });
    }
    await wsB.request('user_typing', { channel_id: dm.id, parent_id: '' });
    await wsA.waitFor((e) => e.event === 'typing' && e.broadcast.channel_id === dm.id);
    await a.client.createPost({ channel_id: dm.id, message: 'just between us' });
    const posted = await wsB.waitFor((e) => e.event === 'posted' && e.broadcast.channel_id === dm.id);
    expect(posted.data).toMatchObject({ channel_type: 'D', sender_name: `@${a.user.username}`, team_id: '' });
    await sleep(QUIET_MS);
    expect(wsOut.events.slice(fromOut).filter(about(dm.id))).toEqual([]);
  });

  it('sends a user\'s own events (channel views) to that user\'s sockets only', async () => {
    const { team, users: [a, b] } = await suite.world.teamWith(2);
    const channel = await suite.world.channelOf(a, team.id, 'O', [b]);
    const [firstTab, secondTab, wsB] = [await suite.world.listen(a), await suite.world.listen(a), await suite.world.listen(b)];
    const fromB = wsB.events.length;
    await a.client.viewMyChannel(channel.id);
    for (const tab of [firstTab, secondTab]) {
      const viewed = await tab.waitFor((e) => e.event === 'multiple_channels_viewed');
      expect(Object.keys(viewed.data.channel_times)).toEqual([channel.id]);
      expect(viewed.broadcast.user_id).toBe(a.user.id);
    }
    await sleep(QUIET_MS);
    expect(wsB.eventsNamed('multiple_channels_viewed', fromB)).toEqual([]);
  });

  it('keeps publish order on every socket when one event reaches more sockets than are written in one go', async () => {
    const { team, users: [a, b] } = await suite.world.teamWith(2);
    const channel = await suite.world.channelOf(a, team.id, 'O', [b]);
    const sockets = Array.from({ length: 1_200 }, () => suite.world.authedSocket(b.token));
    await Promise.all(sockets.map((socket) => socket.next((f) => f.event === 'hello', 0, 20_000)));
    const sent: string[] = [];
    for (let i = 0; i < 3; i++) sent.push((await a.client.createPost({ channel_id: channel.id, message: `wave ${i}` } as Post)).id);
    for (const socket of sockets) {
      await socket.next((f) => f.event === 'posted' && JSON.parse(f.data.post).id === sent[2], 0, 20_000);
      const posted = socket.frames.filter((f) => f.event === 'posted');
      expect(posted.map((f) => JSON.parse(f.data.post).id)).toEqual(sent);
      expect(socket.frames.map((f) => f.seq)).toEqual(socket.frames.map((_, i) => i));
    }
    suite.world.closeSockets();
  });
});

describe('events published together', () => {
  const total = async (counter: typeof eventWrites): Promise<number> => (await counter.get()).values[0]?.value ?? 0;
  const headerUpdate = (channelId: string, header: string) =>
    makeEvent('channel_updated', { channel: JSON.stringify({ id: channelId, header }) }, { channel_id: channelId });
  const headers = (socket: RawSocket): string[] =>
    socket.frames.filter((f) => f.event === 'channel_updated').map((f) => JSON.parse(f.data.channel).header);

  it('reach each socket in one write, in publish order and numbered one after another', async () => {
    const { team, users: [a, b] } = await suite.world.teamWith(2);
    const channel = await suite.world.channelOf(a, team.id, 'O', [b]);
    const sockets = [a.token, b.token, b.token].map((token) => suite.world.authedSocket(token));
    await Promise.all(sockets.map((socket) => socket.next((f) => f.event === 'hello')));
    await sleep(QUIET_MS);
    const [writesBefore, eventsBefore] = [await total(eventWrites), await total(eventsBroadcast)];
    for (let i = 0; i < 3; i++) suite.server.app.deps.bus.publish(headerUpdate(channel.id, `burst ${i}`));
    for (const socket of sockets) {
      await socket.next((f) => f.event === 'channel_updated' && JSON.parse(f.data.channel).header === 'burst 2');
      expect(headers(socket)).toEqual(['burst 0', 'burst 1', 'burst 2']);
      expect(socket.frames.map((f) => f.seq)).toEqual(socket.frames.map((_, i) => i));
    }
    expect(await total(eventsBroadcast) - eventsBefore).toBe(9);
    expect(await total(eventWrites) - writesBefore).toBe(3);
  });

  it('still reach a socket that a logout published among them closes, up to the logout', async () => {
    const { team, users: [a, b] } = await suite.world.teamWith(2);
    const channel = await suite.world.channelOf(a, team.id, 'O', [b]);
    const stays = suite.world.authedSocket(a.token);
    const leaves = suite.world.authedSocket(b.token);
    await Promise.all([stays, leaves].map((socket) => socket.next((f) => f.event === 'hello')));
    const [session] = await b.client.getSessions(b.user.id);
    const bus = suite.server.app.deps.bus;
    bus.publish(headerUpdate(channel.id, 'before'));
    bus.publish(sessionsRevoked(b.user.id, [session.id]));
    bus.publish(headerUpdate(channel.id, 'after'));
    expect((await leaves.closed).code).toBe(1008);
    expect(headers(leaves)).toEqual(['before']);
    await stays.next((f) => f.event === 'channel_updated' && JSON.parse(f.data.channel).header === 'after');
    expect(headers(stays)).toEqual(['before', 'after']);
  });
});

describe('session end', () => {
  it('closes the sockets of a user who is deactivated', async () => {
    const { user, token } = await createUser(suite.server, 'wsgone');
    const socket = suite.world.authedSocket(token);
    await socket.next((f) => f.event === 'hello');
    await suite.world.admin.client.updateUserActive(user.id, false);
    expect((await socket.closed).code).toBe(1008);
    const retry = suite.world.authedSocket(token);
    await retry.opened;
    retry.send({ seq: 1, action: 'authentication_challenge', data: { token } });
    expect((await retry.closed).code).toBe(1008);
  });

  it('closes the sockets of a session at logout, and only those', async () => {
    const first = await createUser(suite.server, 'wslogout');
    const second = newClient(suite.server);
    await second.login(first.user.username, first.password);
    const loggedOut = suite.world.authedSocket(first.token);
    const stays = suite.world.authedSocket(second.getToken());
    await loggedOut.next((f) => f.event === 'hello');
    await stays.next((f) => f.event === 'hello');
    await first.client.logout();
    expect((await loggedOut.closed).code).toBe(1008);
    stays.send({ seq: 1, action: 'ping' });
    expect(await stays.next((f) => f.seq_reply === 1)).toMatchObject({ status: 'OK' });
  });

  it('closes the sockets of a session revoked from elsewhere', async () => {
    const owner = await createUser(suite.server, 'wsrevoke');
    const socket = suite.world.authedSocket(owner.token);
    await socket.next((f) => f.event === 'hello');
    const other = newClient(suite.server);
    await other.login(owner.user.username, owner.password);
    const session = await suite.server.app.deps.store.sessions.getByToken(owner.token);
    await other.revokeSession(owner.user.id, session!.id);
    expect((await socket.closed).code).toBe(1008);
  });
});
