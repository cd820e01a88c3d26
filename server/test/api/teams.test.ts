import type { Team } from '@mattermost/types/teams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, raw, startTestServer, unique, type TestServer, type TestUser } from '../harness.js';
import { countPosts, newChannel, newTeam, recordEvents } from '../team_fixtures.js';

let server: TestServer;
let admin: TestUser;
beforeAll(async () => {
  server = await startTestServer();
  admin = await createUser(server, 'admin');
});
afterAll(async () => {
  await server?.close();
});

describe('teams', () => {
  it('creates an open team whose creator is team admin and a member of the default channels', async () => {
    const owner = await createUser(server, 'owner');
    const team = await newTeam(owner.client, 'O');
    expect(team).toMatchObject({ type: 'O', allow_open_invite: true, delete_at: 0 });
    expect(team.invite_id).toMatch(/^[a-z0-9]{26}$/);
    expect((await owner.client.getTeam(team.id)).name).toBe(team.name);
    expect((await owner.client.getTeamByName(team.name)).id).toBe(team.id);
    const [member] = await owner.client.getMyTeamMembers();
    expect(member).toMatchObject({ team_id: team.id, user_id: owner.user.id, scheme_admin: true, scheme_user: true });
    expect(member.roles.split(' ').sort()).toEqual(['team_admin', 'team_user']);
    const channels = await owner.client.getMyChannels(team.id);
    expect(channels.map((c) => c.name).sort()).toEqual(['off-topic', 'town-square']);
  });

  it('creates an invite-only team that outsiders can neither see nor join without the invite', async () => {
    const owner = await createUser(server);
    const outsider = await createUser(server);
    const team = await newTeam(owner.client, 'I');
    expect(team).toMatchObject({ type: 'I', allow_open_invite: false });
    await expect(outsider.client.getTeam(team.id)).rejects.toMatchObject({ status_code: 403 });
    await expect(outsider.client.getTeamByName(team.name)).rejects.toMatchObject({ status_code: 403 });
    await expect(outsider.client.addToTeam(team.id, outsider.user.id)).rejects.toMatchObject({ status_code: 403 });

    const info = await outsider.client.getTeamInviteInfo(team.invite_id);
    expect(info).toMatchObject({ id: team.id, name: team.name });
    const member = await outsider.client.joinTeam(team.invite_id);
    expect(member).toMatchObject({ team_id: team.id, user_id: outsider.user.id, roles: 'team_user' });
    expect((await outsider.client.getMyTeams()).map((t) => t.id)).toContain(team.id);
    expect((await outsider.client.getMyChannels(team.id)).map((c) => c.name)).toContain('town-square');
  });

  it('enforces team name rules and rejects duplicate names', async () => {
    const { token } = await createUser(server);
    for (const name of ['a', '-lead', 'trail-', 'has space', 'under_score', 'signup', 'x'.repeat(65)]) {
      const response = await raw(server, 'POST', '/teams', { token, body: { name, display_name: 'X', type: 'O' } });
      expect(response.status, name).toBe(400);
      expect(response.body.id, name).toBe('model.team.is_valid.url.app_error');
    }
    const name = unique('dup').toLowerCase();
    const created = await raw(server, 'POST', '/teams', { token, body: { name: name.toUpperCase(), display_name: 'Dup', type: 'O' } });
    expect(created.status).toBe(201);
    expect(created.body.name).toBe(name);
    const dup = await raw(server, 'POST', '/teams', { token, body: { name, display_name: 'Dup again', type: 'O' } });
    expect(dup.status).toBe(400);
    expect(dup.body.id).toBe('app.team.save.existing.app_error');
  });

  it('lets anyone join an open team, and lists its members and stats', async () => {
    const owner = await createUser(server);
    const joiner = await createUser(server);
    const team = await newTeam(owner.client);
    const member = await joiner.client.addToTeam(team.id, joiner.user.id);
    expect(member).toMatchObject({ team_id: team.id, user_id: joiner.user.id, roles: 'team_user', scheme_admin: false });
    const teamIds = (await joiner.client.getMyTeams()).map((t) => t.id);
    expect(teamIds).toContain(team.id);
    const joinedChannels = await joiner.client.getMyChannels(team.id);
    expect(joinedChannels.map((c) => c.name).sort()).toEqual(['off-topic', 'town-square']);

    const members = await joiner.client.getTeamMembers(team.id);
    expect(members.map((m) => m.user_id).sort()).toEqual([owner.user.id, joiner.user.id].sort());
    expect((await joiner.client.getTeamMember(team.id, owner.user.id)).scheme_admin).toBe(true);
    expect(await joiner.client.getTeamStats(team.id)).toEqual({ team_id: team.id, total_member_count: 2, active_member_count: 2 });

    // Joining twice is harmless.
    await joiner.client.addToTeam(team.id, joiner.user.id);
    expect((await joiner.client.getTeamStats(team.id)).total_member_count).toBe(2);
  });

  it('lets a member leave, which also leaves the team channels', async () => {
    const owner = await createUser(server);
    const leaver = await createUser(server);
    const team = await newTeam(owner.client);
    await leaver.client.addToTeam(team.id, leaver.user.id);
    const channel = await newChannel(owner.client, team.id);
    await leaver.client.addToChannel(leaver.user.id, channel.id);

    await leaver.client.removeFromTeam(team.id, leaver.user.id);
    expect((await leaver.client.getMyTeams()).map((t) => t.id)).not.toContain(team.id);
    expect((await leaver.client.getMyTeamMembers()).map((m) => m.team_id)).not.toContain(team.id);
    const memberIds = (await owner.client.getChannelMembers(channel.id)).map((m) => m.user_id);
    expect(memberIds).toEqual([owner.user.id]);
    expect((await owner.client.getTeamStats(team.id)).total_member_count).toBe(1);
    await expect(leaver.client.getMyChannels(team.id)).rejects.toMatchObject({ status_code: 403 });
  });

  it('lets team admins remove members but not plain members', async () => {
    const owner = await createUser(server);
    const a = await createUser(server);
    const b = await createUser(server);
    const team = await newTeam(owner.client);
    await a.client.addToTeam(team.id, a.user.id);
    await b.client.addToTeam(team.id, b.user.id);
    await expect(a.client.removeFromTeam(team.id, b.user.id)).rejects.toMatchObject({ status_code: 403 });
    await owner.client.removeFromTeam(team.id, b.user.id);
    expect((await owner.client.getTeamMembers(team.id)).map((m) => m.user_id)).not.toContain(b.user.id);
    // The system admin may too, without being a member.
    await admin.client.removeFromTeam(team.id, a.user.id);
    expect((await owner.client.getTeamStats(team.id)).total_member_count).toBe(1);
  });

  it('promotes and demotes members with roles and scheme roles, and only admins may', async () => {
    const owner = await createUser(server);
    const member = await createUser(server);
    const other = await createUser(server);
    const team = await newTeam(owner.client);
    await member.client.addToTeam(team.id, member.user.id);
    await other.client.addToTeam(team.id, other.user.id);
    await expect(member.client.updateTeamMemberRoles(team.id, member.user.id, ['team_user', 'team_admin'])).rejects.toMatchObject({ status_code: 403 });

    const { events, stop } = recordEvents(server);
    await owner.client.updateTeamMemberRoles(team.id, member.user.id, ['team_user', 'team_admin']);
    stop();
    const promoted = await member.client.getTeamMember(team.id, member.user.id);
    expect(promoted.roles.split(' ').sort()).toEqual(['team_admin', 'team_user']);
    const event = events.find((e) => e.event === 'memberrole_updated');
    expect(event?.broadcast.user_id).toBe(member.user.id);
    expect(JSON.parse(event?.data.member as string).roles).toContain('team_admin');

    // Now an admin, the member can remove others.
    await member.client.removeFromTeam(team.id, other.user.id);
    await owner.client.updateTeamMemberSchemeRoles(team.id, member.user.id, true, false);
    expect((await owner.client.getTeamMember(team.id, member.user.id)).roles).toBe('team_user');
    const asString = await raw(server, 'PUT', `/teams/${team.id}/members/${member.user.id}/roles`, { token: owner.token, body: { roles: 'team_user team_admin' } });
    expect(asString.status).toBe(200);
    expect((await owner.client.getTeamMember(team.id, member.user.id)).scheme_admin).toBe(true);
    const bad = await raw(server, 'PUT', `/teams/${team.id}/members/${member.user.id}/roles`, { token: owner.token, body: { roles: 'system_admin' } });
    expect(bad.status).toBe(400);
  });

  it('shows the invite id only to those who may invite', async () => {
    const owner = await createUser(server);
    const stranger = await createUser(server);
    const team = await newTeam(owner.client);
    expect((await owner.client.getTeam(team.id)).invite_id).toBe(team.invite_id);
    expect((await stranger.client.getTeam(team.id)).invite_id).toBe('');
    const listed = (await stranger.client.getTeams(0, 200)) as unknown as Team[];
    expect(listed.find((t) => t.id === team.id)?.invite_id).toBe('');
    const regenerated = await owner.client.regenerateTeamInviteId(team.id);
    expect(regenerated.invite_id).not.toBe(team.invite_id);
    await expect(stranger.client.joinTeam(team.invite_id)).rejects.toMatchObject({ status_code: 400 });
  });

  it('patches, archives and restores a team as its admin only', async () => {
    const owner = await createUser(server);
    const member = await createUser(server);
    const team = await newTeam(owner.client);
    await member.client.addToTeam(team.id, member.user.id);
    await expect(member.client.patchTeam({ id: team.id, display_name: 'Nope' })).rejects.toMatchObject({ status_code: 403 });
    const patched = await owner.client.patchTeam({ id: team.id, display_name: 'Renamed', description: 'About' });
    expect(patched).toMatchObject({ display_name: 'Renamed', description: 'About', name: team.name });
    const updated = await owner.client.updateTeam({ ...patched, company_name: 'Acme' });
    expect(updated.company_name).toBe('Acme');

    await expect(member.client.deleteTeam(team.id)).rejects.toMatchObject({ status_code: 403 });
    const { events, stop } = recordEvents(server);
    await owner.client.deleteTeam(team.id);
    stop();
    const deleted = JSON.parse(events.find((e) => e.event === 'delete_team')?.data.team as string);
    expect(deleted.id).toBe(team.id);
    expect(deleted.invite_id).toBe('');
    expect((await member.client.getMyTeams()).map((t) => t.id)).not.toContain(team.id);

    const restored = await owner.client.unarchiveTeam(team.id);
    expect(restored.delete_at).toBe(0);
    expect((await member.client.getMyTeams()).map((t) => t.id)).toContain(team.id);
  });

  it('searches open teams for everyone and all teams for admins', async () => {
    const owner = await createUser(server);
    const user = await createUser(server);
    const prefix = unique('srch').toLowerCase();
    const open = await owner.client.createTeam({ name: `${prefix}-open`, display_name: 'Open', type: 'O' } as Team);
    const closed = await owner.client.createTeam({ name: `${prefix}-closed`, display_name: 'Closed', type: 'I' } as Team);
    const asUser = (await user.client.searchTeams(prefix, {})) as unknown as Team[];
    expect(asUser.map((t) => t.id)).toEqual([open.id]);
    const asAdmin = (await admin.client.searchTeams(prefix, {})) as unknown as Team[];
    expect(asAdmin.map((t) => t.id).sort()).toEqual([open.id, closed.id].sort());
    const paged = (await admin.client.searchTeams(prefix, { page: 0, per_page: 1 })) as unknown as { teams: Team[]; total_count: number };
    expect(paged.total_count).toBe(2);
    expect(paged.teams).toHaveLength(1);
  });

  it('sums unread messages and mentions per team, mentions only for muted channels', async () => {
    const owner = await createUser(server);
    const reader = await createUser(server);
    const team = await newTeam(owner.client);
    await reader.client.addToTeam(team.id, reader.user.id);
    const loud = await newChannel(owner.client, team.id);
    const muted = await newChannel(owner.client, team.id);
    await reader.client.addToChannel(reader.user.id, loud.id);
    await reader.client.addToChannel(reader.user.id, muted.id);
    await reader.client.updateChannelNotifyProps({ channel_id: muted.id, user_id: reader.user.id, mark_unread: 'mention' });

    await countPosts(server, loud.id, 3, [reader.user.id]);
    await countPosts(server, muted.id, 2, [reader.user.id]);
    const unread = (await reader.client.getMyTeamUnreads()).find((u) => u.team_id === team.id);
    expect(unread).toMatchObject({ team_id: team.id, msg_count: 3, mention_count: 5, msg_count_root: 3, mention_count_root: 5 });

    await reader.client.viewMyChannel(loud.id);
    await reader.client.viewMyChannel(muted.id);
    const read = (await reader.client.getMyTeamUnreads()).find((u) => u.team_id === team.id);
    expect(read).toMatchObject({ msg_count: 0, mention_count: 0 });
    const single = await raw(server, 'GET', `/users/me/teams/${team.id}/unread`, { token: reader.token });
    expect(single.body).toMatchObject({ team_id: team.id, msg_count: 0 });
  });

  it('lists every team of the reader once, leaving out archived channels, direct messages and teams left', async () => {
    const owner = await createUser(server);
    const reader = await createUser(server);
    const [busy, quiet, left] = [await newTeam(owner.client), await newTeam(owner.client), await newTeam(owner.client)];
    for (const team of [busy, quiet, left]) await reader.client.addToTeam(team.id, reader.user.id);
    const kept = await newChannel(owner.client, busy.id);
    const archived = await newChannel(owner.client, busy.id);
    for (const channel of [kept, archived]) await reader.client.addToChannel(reader.user.id, channel.id);
    const dm = await owner.client.createDirectChannel([owner.user.id, reader.user.id]);
    await countPosts(server, kept.id, 2, [reader.user.id]);
    await countPosts(server, archived.id, 4, [reader.user.id]);
    await countPosts(server, dm.id, 3, [reader.user.id]);
    await owner.client.deleteChannel(archived.id);
    await owner.client.removeFromTeam(left.id, reader.user.id);

    const unreads = await reader.client.getMyTeamUnreads();
    expect(unreads.map((u) => u.team_id).sort()).toEqual([busy.id, quiet.id].sort());
    expect(unreads.find((u) => u.team_id === busy.id)).toMatchObject({ msg_count: 2, mention_count: 2, msg_count_root: 2, mention_count_root: 2 });
    expect(unreads.find((u) => u.team_id === quiet.id)).toMatchObject({ msg_count: 0, mention_count: 0 });
  });

  it('rejects malformed team requests with 400', async () => {
    const { token } = await createUser(server);
    const team = await newTeam(admin.client);
    const cases: Array<[string, string, object | undefined]> = [
      ['POST', '/teams', { name: unique('t').toLowerCase(), display_name: 'x'.repeat(65), type: 'O' }],
      ['PUT', `/teams/${team.id}`, { id: 'someone-else', display_name: 'x' }],
      ['POST', `/teams/${team.id}/members`, { team_id: 'other', user_id: admin.user.id }],
      ['PUT', `/teams/${team.id}/members/me/schemeRoles`, { scheme_user: 'yes', scheme_admin: false }],
      ['POST', '/teams/search', { term: 5 }],
    ];
    for (const [method, path, body] of cases) {
      const response = await raw(server, method, path, { token, body });
      expect(response.status, `${method} ${path}`).toBe(400);
    }
  });
});
