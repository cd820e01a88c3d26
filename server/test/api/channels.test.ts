import type { Channel } from '@mattermost/types/channels';
import type { Team } from '@mattermost/types/teams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, raw, startTestServer, unique, type TestServer, type TestUser } from '../harness.js';
import { countPosts, newChannel, newTeam, recordEvents } from '../team_fixtures.js';

let server: TestServer;
let admin: TestUser;
let owner: TestUser;
let member: TestUser;
let team: Team;

beforeAll(async () => {
  server = await startTestServer();
  admin = await createUser(server, 'admin');
  owner = await createUser(server, 'owner');
  member = await createUser(server, 'member');
  team = await newTeam(owner.client);
  await member.client.addToTeam(team.id, member.user.id);
});
afterAll(async () => {
  await server?.close();
});

async function teamMember(): Promise<TestUser> {
  const user = await createUser(server);
  await user.client.addToTeam(team.id, user.user.id);
  return user;
}

describe('channels', () => {
  it('creates public and private channels with the creator as channel admin', async () => {
    const open = await newChannel(owner.client, team.id, 'O');
    const priv = await newChannel(owner.client, team.id, 'P');
    expect(open).toMatchObject({ type: 'O', team_id: team.id, creator_id: owner.user.id, delete_at: 0 });
    expect(priv.type).toBe('P');
    const me = await owner.client.getMyChannelMember(priv.id);
    expect(me.roles.split(' ').sort()).toEqual(['channel_admin', 'channel_user']);
    expect(me.notify_props).toMatchObject({ mark_unread: 'all', desktop: 'default' });
    const browse = (await member.client.getChannels(team.id, 0, 200)).map((c) => c.id);
    expect(browse).toContain(open.id);
    expect(browse).not.toContain(priv.id);
  });

  it('validates channel names and fields and rejects duplicate names', async () => {
    const base = { team_id: team.id, display_name: 'Valid', type: 'O' };
    const cases: Array<[object, string]> = [
      [{ name: '-lead' }, 'model.channel.is_valid.name.app_error'],
      [{ name: 'trail_' }, 'model.channel.is_valid.name.app_error'],
      [{ name: 'has space' }, 'model.channel.is_valid.name.app_error'],
      [{ name: 'x'.repeat(65) }, 'model.channel.is_valid.name.app_error'],
      [{ name: unique('c').toLowerCase(), display_name: '  ' }, 'model.channel.is_valid.display_name.app_error'],
      [{ name: unique('c').toLowerCase(), purpose: 'p'.repeat(251) }, 'model.channel.is_valid.purpose.app_error'],
      [{ name: unique('c').toLowerCase(), type: 'G' }, 'model.channel.is_valid.type.app_error'],
    ];
    for (const [override, id] of cases) {
      const response = await raw(server, 'POST', '/channels', { token: owner.token, body: { ...base, ...override } });
      expect(response.status, JSON.stringify(override)).toBe(400);
      expect(response.body.id, JSON.stringify(override)).toBe(id);
    }
    const name = unique('dup').toLowerCase();
    await owner.client.createChannel({ ...base, name } as Channel);
    const dup = await raw(server, 'POST', '/channels', { token: member.token, body: { ...base, name, type: 'P' } });
    expect(dup.status).toBe(400);
    expect(dup.body.id).toBe('store.sql_channel.save_channel.exists.app_error');
  });

  it('finds channels by name within the team, archived ones only on request', async () => {
    const channel = await newChannel(owner.client, team.id);
    expect((await member.client.getChannelByName(team.id, channel.name)).id).toBe(channel.id);
    expect((await member.client.getChannelByNameAndTeamName(team.name, channel.name)).id).toBe(channel.id);
    await expect(member.client.getChannelByName(team.id, 'no-such-channel')).rejects.toMatchObject({ status_code: 404 });
    await owner.client.deleteChannel(channel.id);
    await expect(member.client.getChannelByName(team.id, channel.name)).rejects.toMatchObject({ status_code: 404 });
    expect((await member.client.getChannelByName(team.id, channel.name, true)).delete_at).toBeGreaterThan(0);
  });

  it('lists my channels and memberships of a team, DMs included, in one call each', async () => {
    const user = await teamMember();
    const channel = await newChannel(user.client, team.id, 'P');
    const dm = await user.client.createDirectChannel([user.user.id, owner.user.id]);
    const otherTeam = await newTeam(user.client);
    const channels = await user.client.getMyChannels(team.id);
    expect(channels.map((c) => c.id)).toEqual(expect.arrayContaining([channel.id, dm.id]));
    expect(channels.every((c) => c.team_id === team.id || c.team_id === '')).toBe(true);
    const members = await user.client.getMyChannelMembers(team.id);
    expect(members.map((m) => m.channel_id).sort()).toEqual(channels.map((c) => c.id).sort());
    const everywhere = await user.client.getAllTeamsChannels();
    expect(everywhere.some((c) => c.team_id === otherTeam.id)).toBe(true);
    const allMembers = await user.client.getAllChannelsMembers(user.user.id, 0, 200);
    expect(allMembers).toHaveLength(everywhere.length);
  });

  it('patches header and purpose, announcing the update to the channel', async () => {
    const channel = await newChannel(owner.client, team.id);
    await member.client.addToChannel(member.user.id, channel.id);
    const { events, stop } = recordEvents(server);
    const patched = await member.client.patchChannel(channel.id, { header: 'New header', purpose: 'New purpose' });
    stop();
    expect(patched).toMatchObject({ header: 'New header', purpose: 'New purpose', name: channel.name });
    expect((await owner.client.getChannel(channel.id)).header).toBe('New header');
    const updated = events.find((e) => e.event === 'channel_updated');
    expect(updated?.broadcast.channel_id).toBe(channel.id);
    expect(JSON.parse(updated?.data.channel as string).purpose).toBe('New purpose');
    const posts = Object.values((await owner.client.getPosts(channel.id)).posts);
    expect(posts.find((p) => p.type === 'system_header_change')).toMatchObject({ user_id: member.user.id, props: { old_header: '', new_header: 'New header' } });
    expect(posts.find((p) => p.type === 'system_purpose_change')?.props).toMatchObject({ new_purpose: 'New purpose' });

    const renamed = await owner.client.updateChannel({ ...patched, display_name: 'Renamed' });
    expect(renamed.display_name).toBe('Renamed');
    const townSquare = await owner.client.getChannelByName(team.id, 'town-square');
    const rename = await raw(server, 'PUT', `/channels/${townSquare.id}/patch`, { token: owner.token, body: { name: 'lobby' } });
    expect(rename.status).toBe(400);
  });

  it('archives a channel: no new members, listed as archived, restored by a team admin', async () => {
    const channel = await newChannel(owner.client, team.id);
    const joiner = await teamMember();
    await expect(member.client.deleteChannel((await owner.client.getChannelByName(team.id, 'town-square')).id)).rejects.toMatchObject({ status_code: 400 });
    await owner.client.deleteChannel(channel.id);
    await expect(joiner.client.addToChannel(joiner.user.id, channel.id)).rejects.toMatchObject({ status_code: 400 });
    await expect(owner.client.patchChannel(channel.id, { header: 'x' })).rejects.toMatchObject({ status_code: 400 });
    await expect(owner.client.deleteChannel(channel.id)).rejects.toMatchObject({ status_code: 400 });
    const archived = (await member.client.getArchivedChannels(team.id, 0, 200)).map((c) => c.id);
    expect(archived).toContain(channel.id);
    expect((await member.client.getChannels(team.id, 0, 200)).map((c) => c.id)).not.toContain(channel.id);

    await expect(member.client.unarchiveChannel(channel.id)).rejects.toMatchObject({ status_code: 403 });
    const restored = await owner.client.unarchiveChannel(channel.id);
    expect(restored.delete_at).toBe(0);
    await joiner.client.addToChannel(joiner.user.id, channel.id);
    expect((await joiner.client.getMyChannelMember(channel.id)).user_id).toBe(joiner.user.id);
  });

  it('adds, lists and removes members with user_added / user_removed events', async () => {
    const channel = await newChannel(owner.client, team.id);
    const added = await teamMember();
    const { events, stop } = recordEvents(server);
    // A plain member of the team who is not in the channel cannot add others to it.
    await expect(member.client.addToChannel(added.user.id, channel.id)).rejects.toMatchObject({ status_code: 403 });
    await owner.client.addToChannel(added.user.id, channel.id);
    const members = await owner.client.getChannelMembers(channel.id);
    expect(members.map((m) => m.user_id).sort()).toEqual([owner.user.id, added.user.id].sort());
    expect((await owner.client.getChannelMember(channel.id, added.user.id)).roles).toBe('channel_user');
    const byIds = await owner.client.getChannelMembersByIds(channel.id, [added.user.id, member.user.id]);
    expect(byIds.map((m) => m.user_id)).toEqual([added.user.id]);
    await owner.client.removeFromChannel(added.user.id, channel.id);
    stop();
    expect(events.find((e) => e.event === 'user_added')).toMatchObject({ data: { user_id: added.user.id }, broadcast: { channel_id: channel.id } });
    const removed = events.filter((e) => e.event === 'user_removed');
    expect(removed.map((e) => e.broadcast.channel_id || e.broadcast.user_id).sort()).toEqual([channel.id, added.user.id].sort());
    await expect(added.client.getChannelMember(channel.id, added.user.id)).rejects.toMatchObject({ status_code: 404 });
    const townSquare = await owner.client.getChannelByName(team.id, 'town-square');
    await expect(member.client.removeFromChannel(member.user.id, townSquare.id)).rejects.toMatchObject({ status_code: 400 });
  });

  it('keeps private channels closed to non-members', async () => {
    const priv = await newChannel(owner.client, team.id, 'P');
    const outsider = await teamMember();
    await expect(outsider.client.addToChannel(outsider.user.id, priv.id)).rejects.toMatchObject({ status_code: 403 });
    await expect(outsider.client.getChannel(priv.id)).rejects.toMatchObject({ status_code: 403 });
    await expect(outsider.client.getChannelByName(team.id, priv.name)).rejects.toMatchObject({ status_code: 403 });
    await expect(outsider.client.getChannelMembers(priv.id)).rejects.toMatchObject({ status_code: 403 });
    await expect(outsider.client.getChannelMember(priv.id, owner.user.id)).rejects.toMatchObject({ status_code: 403 });
    await expect(outsider.client.getChannelStats(priv.id)).rejects.toMatchObject({ status_code: 403 });
    expect(await outsider.client.getChannelsMemberCount([priv.id])).toEqual({});
    // Once invited by a member, the channel opens up.
    await owner.client.addToChannel(outsider.user.id, priv.id);
    expect((await outsider.client.getChannel(priv.id)).id).toBe(priv.id);
    await outsider.client.removeFromChannel(outsider.user.id, priv.id);
    await expect(outsider.client.getChannel(priv.id)).rejects.toMatchObject({ status_code: 403 });
  });

  it('gets or creates a DM idempotently, visible to its two members only', async () => {
    const a = await createUser(server);
    const b = await createUser(server);
    const c = await createUser(server);
    const { events, stop } = recordEvents(server);
    const dm = await a.client.createDirectChannel([a.user.id, b.user.id]);
    const again = await b.client.createDirectChannel([a.user.id, b.user.id]);
    stop();
    expect(again.id).toBe(dm.id);
    expect(dm).toMatchObject({ type: 'D', team_id: '', name: [a.user.id, b.user.id].sort().join('__') });
    expect(events.filter((e) => e.event === 'direct_added')).toHaveLength(1);
    expect((await b.client.getAllTeamsChannels()).map((ch) => ch.id)).toContain(dm.id);
    expect((await a.client.getChannelMembers(dm.id)).map((m) => m.user_id).sort()).toEqual([a.user.id, b.user.id].sort());
    const shown = await b.client.getMyPreferences();
    expect(shown).toContainEqual({ user_id: b.user.id, category: 'direct_channel_show', name: a.user.id, value: 'true' });

    await expect(c.client.getChannel(dm.id)).rejects.toMatchObject({ status_code: 403 });
    await expect(c.client.getChannelMembers(dm.id)).rejects.toMatchObject({ status_code: 403 });
    await expect(c.client.patchChannel(dm.id, { header: 'hijack' })).rejects.toMatchObject({ status_code: 403 });
    await expect(c.client.addToChannel(c.user.id, dm.id)).rejects.toMatchObject({ status_code: 403 });
    await expect(c.client.createDirectChannel([a.user.id, b.user.id])).rejects.toMatchObject({ status_code: 400 });
    await expect(a.client.removeFromChannel(a.user.id, dm.id)).rejects.toMatchObject({ status_code: 400 });
    expect((await a.client.patchChannel(dm.id, { header: 'Ours' })).header).toBe('Ours');

    const self = await a.client.createDirectChannel([a.user.id, a.user.id]);
    expect(self.name).toBe(`${a.user.id}__${a.user.id}`);
    expect((await a.client.getChannelMembers(self.id)).map((m) => m.user_id)).toEqual([a.user.id]);
  });

  it('creates group messages of 3 to 8 people, the caller always included', async () => {
    const users = await Promise.all([1, 2, 3, 4, 5, 6, 7, 8].map(() => createUser(server)));
    const [a, b, c] = users;
    await expect(a.client.createGroupChannel([a.user.id, b.user.id])).rejects.toMatchObject({ status_code: 400 });
    const nine = [...users.map((u) => u.user.id), member.user.id];
    await expect(a.client.createGroupChannel(nine)).rejects.toMatchObject({ status_code: 400 });
    const gm = await a.client.createGroupChannel([b.user.id, c.user.id]);
    expect(gm.type).toBe('G');
    expect(gm.display_name).toBe([a, b, c].map((u) => u.user.username).sort().join(', '));
    const same = await c.client.createGroupChannel([b.user.id, a.user.id, c.user.id]);
    expect(same.id).toBe(gm.id);
    const eight = await a.client.createGroupChannel(users.map((u) => u.user.id));
    expect((await a.client.getChannelStats(eight.id)).member_count).toBe(8);

    const profiles = await b.client.getProfilesInGroupChannels([gm.id]);
    expect(profiles[gm.id].map((u) => u.id).sort()).toEqual([a, b, c].map((u) => u.user.id).sort());
    await expect(users[7].client.getProfilesInGroupChannels([gm.id])).rejects.toMatchObject({ status_code: 403 });
    const found = await b.client.searchGroupChannels(c.user.username);
    expect(found.map((ch) => ch.id)).toContain(gm.id);
    await expect(a.client.addToChannel(users[4].user.id, gm.id)).rejects.toMatchObject({ status_code: 400 });
    await c.client.removeFromChannel(c.user.id, gm.id);
    expect((await a.client.getChannelStats(gm.id)).member_count).toBe(2);
  });

  it('views channels: last_viewed_at_times returned and counters caught up', async () => {
    const channel = await newChannel(owner.client, team.id);
    const reader = await teamMember();
    await reader.client.addToChannel(reader.user.id, channel.id);
    await countPosts(server, channel.id, 4, [reader.user.id]);
    const before = await reader.client.getMyChannelMember(channel.id);
    expect(before).toMatchObject({ mention_count: 4 });
    const { events, stop } = recordEvents(server);
    const viewed = (await reader.client.viewMyChannel(channel.id)) as unknown as { status: string; last_viewed_at_times: Record<string, number> };
    stop();
    expect(viewed.status).toBe('OK');
    expect(viewed.last_viewed_at_times[channel.id]).toBeGreaterThanOrEqual(before.last_viewed_at);
    const fresh = await reader.client.getChannel(channel.id) as Channel & { total_msg_count: number };
    const after = await reader.client.getMyChannelMember(channel.id);
    expect(after.msg_count).toBe(fresh.total_msg_count);
    expect(after).toMatchObject({ mention_count: 0, mention_count_root: 0, last_viewed_at: viewed.last_viewed_at_times[channel.id] });
    expect(events.find((e) => e.event === 'multiple_channels_viewed')?.broadcast.user_id).toBe(reader.user.id);
    const multiple = await reader.client.readMultipleChannels([channel.id]);
    expect(Object.keys((multiple as unknown as { last_viewed_at_times: object }).last_viewed_at_times)).toEqual([channel.id]);
  });

  it('marks several channels read at once, each caught up to its own count, skipping channels the caller is not in', async () => {
    const [two, five, alreadyRead, notMine] = await Promise.all([1, 2, 3, 4].map(() => newChannel(owner.client, team.id)));
    const reader = await teamMember();
    const bystander = await teamMember();
    for (const channel of [two, five, alreadyRead]) {
      await reader.client.addToChannel(reader.user.id, channel.id);
      await bystander.client.addToChannel(bystander.user.id, channel.id);
    }
    await countPosts(server, two.id, 2, [reader.user.id]);
    await countPosts(server, five.id, 5, [reader.user.id]);
    await reader.client.viewMyChannel(alreadyRead.id);
    const bystanderBefore = await bystander.client.getMyChannelMember(five.id);
    const marked = await raw(server, 'POST', '/channels/members/me/mark_read', { token: reader.token, body: [five.id, notMine.id, alreadyRead.id, two.id, five.id] });
    expect(marked.status).toBe(200);
    expect(Object.keys(marked.body.last_viewed_at_times)).toEqual([five.id, alreadyRead.id, two.id]);
    for (const channel of [two, five]) {
      const fresh = await reader.client.getChannel(channel.id) as Channel & { total_msg_count: number };
      const after = await reader.client.getMyChannelMember(channel.id);
      expect(after).toMatchObject({ msg_count: fresh.total_msg_count, mention_count: 0, last_viewed_at: marked.body.last_viewed_at_times[channel.id] });
    }
    expect((await reader.client.getMyChannelMember(two.id)).msg_count).not.toBe((await reader.client.getMyChannelMember(five.id)).msg_count);
    // Only the caller's memberships move.
    expect(await bystander.client.getMyChannelMember(five.id)).toMatchObject({ msg_count: bystanderBefore.msg_count, last_viewed_at: bystanderBefore.last_viewed_at });
  });

  it('updates my notify props with valid values only', async () => {
    const channel = await newChannel(owner.client, team.id);
    await member.client.addToChannel(member.user.id, channel.id);
    await member.client.updateChannelNotifyProps({ channel_id: channel.id, user_id: member.user.id, desktop: 'all', mark_unread: 'mention' });
    expect((await member.client.getMyChannelMember(channel.id)).notify_props).toMatchObject({ desktop: 'all', mark_unread: 'mention', push: 'default' });
    const bad = await raw(server, 'PUT', `/channels/${channel.id}/members/me/notify_props`, { token: member.token, body: { mark_unread: 'sometimes' } });
    expect(bad.status).toBe(400);
    const other = await raw(server, 'PUT', `/channels/${channel.id}/members/${owner.user.id}/notify_props`, { token: member.token, body: { desktop: 'none' } });
    expect(other.status).toBe(403);
  });

  it('counts members in stats and member counts, exactly after joins, leaves and deactivations', async () => {
    const channel = await newChannel(owner.client, team.id);
    expect((await owner.client.getChannelStats(channel.id)).member_count).toBe(1);
    const joiners = [await teamMember(), await teamMember(), await teamMember()];
    for (const j of joiners) await j.client.addToChannel(j.user.id, channel.id);
    expect(await joiners[0].client.getChannelStats(channel.id)).toMatchObject({ channel_id: channel.id, member_count: 4, pinnedpost_count: 0 });
    await joiners[2].client.removeFromChannel(joiners[2].user.id, channel.id);
    expect(await joiners[0].client.getChannelsMemberCount([channel.id])).toEqual({ [channel.id]: 3 });
    // Deactivated members stay members but are not counted.
    await admin.client.updateUserActive(joiners[1].user.id, false);
    expect((await owner.client.getChannelStats(channel.id)).member_count).toBe(2);
    expect(await owner.client.getChannelsMemberCount([channel.id])).toEqual({ [channel.id]: 2 });
    await admin.client.updateUserActive(joiners[1].user.id, true);
    expect((await owner.client.getChannelStats(channel.id)).member_count).toBe(3);
  });

  it('browses, searches and autocompletes public channels of a team', async () => {
    const prefix = unique('find').toLowerCase();
    const open = await newChannel(owner.client, team.id, 'O', `${prefix} open`);
    const priv = await newChannel(owner.client, team.id, 'P', `${prefix} private`);
    const found = (await member.client.searchChannels(team.id, prefix)).map((c) => c.id);
    expect(found).toContain(open.id);
    expect(found).not.toContain(priv.id);
    expect((await member.client.autocompleteChannels(team.id, prefix)).map((c) => c.id)).toEqual([open.id]);
    const mine = await owner.client.autocompleteChannelsForSearch(team.id, prefix);
    expect(mine.map((c) => c.id).sort()).toEqual([open.id, priv.id].sort());

    // LIKE wildcards in the term are literal, on SQLite as on PostgreSQL.
    const snake = await owner.client.createChannel({ team_id: team.id, name: `${prefix}_snake`, display_name: 'Snake', type: 'O' } as Channel);
    await owner.client.createChannel({ team_id: team.id, name: `${prefix}xsnake`, display_name: 'Lookalike', type: 'O' } as Channel);
    expect((await member.client.searchChannels(team.id, `${prefix}_s`)).map((c) => c.id)).toEqual([snake.id]);
    expect(await member.client.searchChannels(team.id, `${prefix}%`)).toEqual([]);
  });

  it('converts channel privacy with the right permission only', async () => {
    const channel = await newChannel(owner.client, team.id);
    await member.client.addToChannel(member.user.id, channel.id);
    await expect(member.client.updateChannelPrivacy(channel.id, 'P')).rejects.toMatchObject({ status_code: 403 });
    const { events, stop } = recordEvents(server);
    const converted = await owner.client.updateChannelPrivacy(channel.id, 'P');
    stop();
    expect(converted.type).toBe('P');
    expect(events.find((e) => e.event === 'channel_converted')).toMatchObject({ data: { channel_id: channel.id }, broadcast: { team_id: team.id } });
    expect((await member.client.getChannels(team.id, 0, 200)).map((c) => c.id)).not.toContain(channel.id);
    expect((await owner.client.updateChannelPrivacy(channel.id, 'O')).type).toBe('O');
    const townSquare = await owner.client.getChannelByName(team.id, 'town-square');
    await expect(owner.client.updateChannelPrivacy(townSquare.id, 'P')).rejects.toMatchObject({ status_code: 400 });
    const bad = await raw(server, 'PUT', `/channels/${channel.id}/privacy`, { token: owner.token, body: { privacy: 'D' } });
    expect(bad.status).toBe(400);
  });

  it('lists every private channel of a team for system admins only', async () => {
    const priv = await newChannel(owner.client, team.id, 'P');
    const asAdmin = await raw(server, 'GET', `/teams/${team.id}/channels/private`, { token: admin.token });
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body.map((c: Channel) => c.id)).toContain(priv.id);
    const asOwner = await raw(server, 'GET', `/teams/${team.id}/channels/private`, { token: owner.token });
    expect(asOwner.status).toBe(403);
  });

  it('changes channel member roles through roles and scheme roles', async () => {
    const channel = await newChannel(owner.client, team.id);
    await member.client.addToChannel(member.user.id, channel.id);
    await expect(member.client.updateChannelMemberSchemeRoles(channel.id, member.user.id, true, true)).rejects.toMatchObject({ status_code: 403 });
    const { events, stop } = recordEvents(server);
    await owner.client.updateChannelMemberSchemeRoles(channel.id, member.user.id, true, true);
    stop();
    expect((await member.client.getMyChannelMember(channel.id)).roles.split(' ').sort()).toEqual(['channel_admin', 'channel_user']);
    const event = events.find((e) => e.event === 'channel_member_updated');
    expect(JSON.parse(event?.data.channelMember as string).roles).toContain('channel_admin');
    await owner.client.updateChannelMemberRoles(channel.id, member.user.id, 'channel_user');
    expect((await member.client.getMyChannelMember(channel.id)).roles).toBe('channel_user');
  });
});
