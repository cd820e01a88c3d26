import type { Channel } from '@mattermost/types/channels';
import type { Post } from '@mattermost/types/posts';
import type { Team } from '@mattermost/types/teams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, raw, startTestServer, type TestServer, type TestUser } from '../../harness.js';
import { WsUser, type WsEvent } from '../../ws_client.js';
import { channelWith, ensureAdmin, teamWith } from '../post_fixtures.js';
import { newChannel } from '../../team_fixtures.js';

const SITE = 'http://chat.parley.test';

describe('built-in slash commands', () => {
  let server: TestServer;
  let admin: TestUser;
  let owner: TestUser;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let team: Team;
  let channel: Channel;
  let townSquare: Channel;
  let ws: WsUser;

  beforeAll(async () => {
    server = await startTestServer({ siteUrl: SITE });
    admin = await ensureAdmin(server);
    const world = await teamWith(server, 3);
    ({ owner, team } = world);
    [alice, bob, carol] = world.members;
    channel = await channelWith(owner, team.id, [alice, bob]);
    townSquare = await alice.client.getChannelByName(team.id, 'town-square');
    ws = new WsUser(server, alice.token);
    await ws.connect();
  });

  afterAll(async () => {
    ws?.close();
    await server?.close();
  });

  const run = (user: TestUser, channelId: string, command: string) => user.client.executeCommand(command, { channel_id: channelId, team_id: team.id });
  const execute = (user: TestUser, body: object) => raw(server, 'POST', '/commands/execute', { token: user.token, body });

  /** Runs a command as alice and answers the ephemeral message she alone is shown. */
  async function told(channelId: string, command: string): Promise<Post> {
    const from = ws.events.length;
    await run(alice, channelId, command);
    const event = await ws.waitFor((e: WsEvent) => e.event === 'ephemeral_message', from);
    return JSON.parse(event.data.post as string) as Post;
  }

  const lastPost = async (user: TestUser, channelId: string): Promise<Post> => {
    const list = await user.client.getPosts(channelId, 0, 1);
    return list.posts[list.order[0]];
  };
  const isMember = (channelId: string, userId: string) => admin.client.getChannelMember(channelId, userId).then(() => true, () => false);

  it('sets the status by hand: /away, /dnd (no end), /offline, /online', async () => {
    expect((await told(channel.id, '/away')).message).toMatch(/away/);
    expect(await alice.client.getStatus(alice.user.id)).toMatchObject({ status: 'away', manual: true });
    await run(alice, channel.id, '/dnd');
    expect(await alice.client.getStatus(alice.user.id)).toMatchObject({ status: 'dnd', manual: true, dnd_end_time: 0 });
    await run(alice, channel.id, '/offline');
    expect((await alice.client.getStatus(alice.user.id)).status).toBe('offline');
    await run(alice, channel.id, '/online');
    expect((await alice.client.getStatus(alice.user.id)).status).toBe('online');
  });

  it('/status shows the status, sets a named one and refuses others', async () => {
    expect((await told(channel.id, '/status')).message).toMatch(/Online/);
    await run(alice, channel.id, '/status away');
    expect((await alice.client.getStatus(alice.user.id)).status).toBe('away');
    expect((await told(channel.id, '/status sleeping')).message).toMatch(/not a status/);
    expect((await alice.client.getStatus(alice.user.id)).status).toBe('away');
    await run(alice, channel.id, '/online');
  });

  it('/join joins an open channel and goes there; an unknown or private channel is refused', async () => {
    const open = await newChannel(owner.client, team.id, 'O');
    const response = await run(alice, channel.id, `/join ~${open.name}`);
    expect(response.goto_location).toBe(`${SITE}/${team.name}/channels/${open.name}`);
    expect(await isMember(open.id, alice.user.id)).toBe(true);

    expect((await told(channel.id, '/join ~no-such-channel')).message).toMatch(/no channel ~no-such-channel/);
    const secret = await newChannel(owner.client, team.id, 'P');
    // Answered as a missing channel, so the command cannot be used to learn private channels' names.
    expect((await told(channel.id, `/join ${secret.name}`)).message).toMatch(new RegExp(`no channel ~${secret.name}`));
    expect(await isMember(secret.id, alice.user.id)).toBe(false);
  });

  it('/leave leaves the channel for Town Square; Town Square itself cannot be left', async () => {
    const room = await channelWith(owner, team.id, [alice], 'P');
    const response = await run(alice, room.id, '/leave');
    expect(response.goto_location).toBe(`${SITE}/${team.name}/channels/town-square`);
    expect(await isMember(room.id, alice.user.id)).toBe(false);

    expect((await told(townSquare.id, '/leave')).message).toMatch(/Town Square/);
    expect(await isMember(townSquare.id, alice.user.id)).toBe(true);
  });

  it('/me, /shrug and /code post as the caller; /code needs text', async () => {
    await run(alice, channel.id, '/me waves');
    expect(await lastPost(bob, channel.id)).toMatchObject({ user_id: alice.user.id, type: 'me', message: '*waves*' });
    await run(alice, channel.id, '/shrug who knows');
    const shrug = await lastPost(bob, channel.id);
    expect(shrug.message).toBe('who knows ¯\\\\\\_(ツ)\\_/¯');
    expect(shrug.props.from_webhook).toBeUndefined();
    await run(alice, channel.id, '/code let x = 1\nx++');
    expect((await lastPost(bob, channel.id)).message).toBe('    let x = 1\n    x++');
    expect((await told(channel.id, '/code')).message).toMatch(/message must be provided/);
  });

  it('/echo posts now or after its delay, and refuses a delay over 10000 seconds', async () => {
    await run(alice, channel.id, '/echo "right away"');
    expect((await lastPost(bob, channel.id)).message).toBe('right away');
    const from = ws.events.length;
    await run(alice, channel.id, '/echo "a second later" 1');
    const posted = await ws.waitFor((e) => e.event === 'posted' && (JSON.parse(e.data.post as string) as Post).message === 'a second later', from);
    expect(posted.broadcast.channel_id).toBe(channel.id);
    expect((await told(channel.id, '/echo "too late" 20000')).message).toMatch(/at most 10000/);
  });

  it('/msg opens the DM, posts there and goes there; an unknown user is refused', async () => {
    const response = await run(alice, channel.id, `/msg @${carol.user.username} hello carol`);
    expect(response.goto_location).toBe(`${SITE}/${team.name}/messages/@${carol.user.username}`);
    const dm = await alice.client.createDirectChannel([alice.user.id, carol.user.id]);
    expect((await lastPost(carol, dm.id)).message).toBe('hello carol');
    expect((await told(channel.id, '/msg @nobody-here hi')).message).toMatch(/no user @nobody-here/);
  });

  it('/groupmsg opens the group message with the message; fewer than two others is refused', async () => {
    const response = await run(alice, channel.id, `/groupmsg @${bob.user.username}, @${carol.user.username} hi all`);
    const gm = await alice.client.createGroupChannel([alice.user.id, bob.user.id, carol.user.id]);
    expect(response.goto_location).toBe(`${SITE}/${team.name}/messages/${gm.name}`);
    expect((await lastPost(bob, gm.id)).message).toBe('hi all');
    expect((await told(channel.id, `/groupmsg @${bob.user.username} alone`)).message).toMatch(/at least two other users/);
    expect((await told(channel.id, `/groupmsg @${bob.user.username},@ghost-user hi`)).message).toMatch(/no user @ghost-user/);
  });

  it('/invite adds a member here or to the named channel; unknown users, members and hidden channels are refused', async () => {
    await run(alice, channel.id, `/invite @${carol.user.username}`);
    expect(await isMember(channel.id, carol.user.id)).toBe(true);
    expect((await told(channel.id, `/invite @${carol.user.username}`)).message).toMatch(/already in/);
    expect((await told(channel.id, '/invite @ghost-user')).message).toMatch(/no user @ghost-user/);
    const other = await channelWith(owner, team.id, [alice]);
    expect((await told(channel.id, `/invite @${bob.user.username} ~${other.name}`)).message).toMatch(/added to/);
    expect(await isMember(other.id, bob.user.id)).toBe(true);
    const secret = await newChannel(owner.client, team.id, 'P');
    expect((await told(channel.id, `/invite @${bob.user.username} ~${secret.name}`)).message).toMatch(/permission/);
    expect(await isMember(secret.id, bob.user.id)).toBe(false);
  });

  it('/kick and /remove remove a member; unknown users, non-members and DMs are refused', async () => {
    const room = await channelWith(owner, team.id, [alice, bob, carol]);
    await run(alice, room.id, `/kick @${bob.user.username}`);
    expect(await isMember(room.id, bob.user.id)).toBe(false);
    await run(alice, room.id, `/remove ${carol.user.username}`);
    expect(await isMember(room.id, carol.user.id)).toBe(false);
    expect((await told(room.id, `/kick @${bob.user.username}`)).message).toMatch(/not a member/);
    expect((await told(room.id, '/remove @ghost-user')).message).toMatch(/no user @ghost-user/);
    const dm = await alice.client.createDirectChannel([alice.user.id, bob.user.id]);
    expect((await told(dm.id, `/kick @${bob.user.username}`)).message).toMatch(/direct or group/);
  });

  it('/header, /purpose and /rename change the channel; a DM has no purpose and names are bounded', async () => {
    await run(alice, channel.id, '/header The **new** header');
    await run(alice, channel.id, '/purpose Talk about things');
    await run(alice, channel.id, '/rename Renamed Room');
    expect(await bob.client.getChannel(channel.id)).toMatchObject({ header: 'The **new** header', purpose: 'Talk about things', display_name: 'Renamed Room' });
    expect((await told(channel.id, `/rename ${'x'.repeat(65)}`)).message).toMatch(/at most 64/);
    expect((await told(channel.id, '/header')).message).toMatch(/header must be given/);
    const dm = await alice.client.createDirectChannel([alice.user.id, bob.user.id]);
    expect((await told(dm.id, '/purpose nope')).message).toMatch(/no purpose/);
    await run(alice, dm.id, '/header DM header');
    expect((await bob.client.getChannel(dm.id)).header).toBe('DM header');
  });

  it('refuses /kick and /header to a member whose role lacks the permission', async () => {
    const role = await admin.client.getRoleByName('channel_user');
    const without = role.permissions.filter((p) => p !== 'manage_public_channel_members' && p !== 'manage_public_channel_properties');
    await admin.client.patchRole(role.id, { permissions: without });
    try {
      const room = await channelWith(owner, team.id, [alice, bob]);
      expect((await told(room.id, `/kick @${bob.user.username}`)).message).toMatch(/permission/);
      expect(await isMember(room.id, bob.user.id)).toBe(true);
      expect((await told(room.id, '/header forbidden')).message).toMatch(/permission/);
      expect((await bob.client.getChannel(room.id)).header).toBe('');
    } finally {
      await admin.client.patchRole(role.id, { permissions: role.permissions });
    }
  });

  it('/mute toggles the channel\'s notifications and says so; an unknown channel is refused', async () => {
    expect((await told(channel.id, '/mute')).message).toMatch(/no notifications/);
    expect((await alice.client.getMyChannelMember(channel.id)).notify_props.mark_unread).toBe('mention');
    expect((await told(channel.id, `/mute ~${channel.name}`)).message).toMatch(/no longer muted/);
    expect((await alice.client.getMyChannelMember(channel.id)).notify_props.mark_unread).toBe('all');
    expect((await told(channel.id, '/mute ~no-such-channel')).message).toMatch(/no channel/);
  });

  it('/expand and /collapse save the collapse_previews preference', async () => {
    await run(alice, channel.id, '/collapse');
    const pref = () => raw(server, 'GET', `/users/me/preferences/display_settings/name/collapse_previews`, { token: alice.token });
    expect((await pref()).body.value).toBe('true');
    await run(alice, channel.id, '/expand');
    expect((await pref()).body.value).toBe('false');
  });

  it('/help links the help pages; /search tells where to search; /settings is the client\'s', async () => {
    expect((await told(channel.id, '/help')).message).toContain('https://mattermost.com/pl/help/');
    expect((await told(channel.id, '/search cats')).message).toMatch(/search box/);
    expect(await run(alice, channel.id, '/settings')).toMatchObject({ goto_location: '', text: '' });
  });

  it('/logout ends the session and sends the client to the login page', async () => {
    const leaving = await createUser(server, 'leaver');
    await owner.client.addToTeam(team.id, leaving.user.id);
    const response = await run(leaving, townSquare.id, '/logout');
    expect(response.goto_location).toBe('/login');
    expect((await raw(server, 'GET', '/users/me', { token: leaving.token })).status).toBe(401);
  });

  it('refuses unknown commands, malformed ones, unreadable and archived channels', async () => {
    const unknown = await execute(alice, { channel_id: channel.id, command: '/nosuchcommand' });
    expect(unknown).toMatchObject({ status: 404, body: { id: 'api.command.execute_command.not_found.app_error' } });
    expect((await execute(alice, { channel_id: channel.id, command: 'away' })).body.id).toBe('api.command.execute_command.start.app_error');
    expect((await execute(alice, { channel_id: 'nope', command: '/away' })).status).toBe(400);
    const secret = await newChannel(owner.client, team.id, 'P');
    expect((await execute(alice, { channel_id: secret.id, command: '/header mine now' })).status).toBe(403);
    expect((await owner.client.getChannel(secret.id)).header).toBe('');
    const outsider = await createUser(server, 'outsider');
    expect((await execute(outsider, { channel_id: channel.id, command: '/away' })).status).toBe(403);
    const archived = await channelWith(owner, team.id, [alice]);
    await owner.client.deleteChannel(archived.id);
    expect((await execute(alice, { channel_id: archived.id, command: '/away' })).body.id).toBe('api.command.execute_command.deleted.error');
  });
});
