import type { Channel } from '@mattermost/types/channels';
import type { Role } from '@mattermost/types/roles';
import type { Scheme } from '@mattermost/types/schemes';
import type { Team } from '@mattermost/types/teams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, raw, startTestServer, unique, type TestServer, type TestUser } from '../../harness.js';
import { newChannel, newTeam, recordEvents } from '../../team_fixtures.js';

let server: TestServer;
let admin: TestUser;
let member: TestUser;
let team: Team;
let channel: Channel;

const post = (user: TestUser, channelId: string) =>
  raw(server, 'POST', '/posts', { token: user.token, body: { channel_id: channelId, message: unique('m') } }).then((r) => r.status);

beforeAll(async () => {
  server = await startTestServer();
  admin = await createUser(server, 'admin');
  member = await createUser(server, 'member');
  team = await newTeam(admin.client, 'I');
  await admin.client.addToTeam(team.id, member.user.id);
  channel = await newChannel(admin.client, team.id, 'O');
  await admin.client.addToChannel(member.user.id, channel.id);
});
afterAll(async () => {
  await server?.close();
});

describe('roles', () => {
  it('lists every built-in role, Mattermost\'s delegated admin roles included, to admins only', async () => {
    const roles = await raw(server, 'GET', '/roles', { token: admin.token });
    expect(roles.status).toBe(200);
    const byName = new Map((roles.body as Role[]).map((r) => [r.name, r]));
    for (const name of ['system_user', 'system_admin', 'system_guest', 'team_user', 'team_admin', 'channel_user', 'channel_admin',
      'system_user_manager', 'system_manager', 'system_read_only_admin', 'system_custom_group_admin',
      'playbook_admin', 'playbook_member', 'run_admin', 'run_member']) {
      expect(byName.get(name), name).toMatchObject({ name, built_in: true, delete_at: 0 });
    }
    expect(byName.get('system_admin')?.permissions).toEqual(expect.arrayContaining(['manage_system', 'sysconsole_read_environment_web_server', 'sysconsole_write_site_customization']));
    expect(byName.get('system_read_only_admin')?.permissions).toContain('sysconsole_read_environment_web_server');
    expect(byName.get('system_read_only_admin')?.permissions).not.toContain('manage_system');
    expect((await raw(server, 'GET', '/roles', { token: member.token })).status).toBe(403);
  });

  it('reads roles by id, name and names', async () => {
    const byName = await member.client.getRoleByName('channel_user');
    expect(byName.permissions).toContain('create_post');
    expect((await member.client.getRole(byName.id)).name).toBe('channel_user');
    const some = await member.client.getRolesByNames(['team_user', 'no_such_role', 'system_user']);
    expect(some.map((r) => r.name).sort()).toEqual(['system_user', 'team_user']);
    expect((await raw(server, 'GET', '/roles/name/nosuchrole', { token: member.token })).status).toBe(404);
    expect((await raw(server, 'GET', '/roles/name/Bad-Name', { token: member.token })).status).toBe(400);
    expect((await raw(server, 'GET', '/roles/not-an-id', { token: member.token })).status).toBe(400);
    expect((await raw(server, 'POST', '/roles/names', { token: member.token, body: [] })).status).toBe(400);
    expect((await raw(server, 'POST', '/roles/names', { token: member.token, body: ['UPPER'] })).status).toBe(400);
  });

  it('applies a patch at once, tells clients, and takes it back', async () => {
    const role = await admin.client.getRoleByName('channel_user');
    const { events, stop } = recordEvents(server);
    const patched = await admin.client.patchRole(role.id, { permissions: role.permissions.filter((p) => p !== 'create_post') });
    stop();
    expect(patched.permissions).not.toContain('create_post');
    expect(events.find((e) => e.event === 'role_updated')?.data.role).toBe(JSON.stringify(patched));
    expect(await post(member, channel.id)).toBe(403);
    expect(await post(admin, channel.id)).toBe(201);
    await admin.client.patchRole(role.id, { permissions: role.permissions });
    expect(await post(member, channel.id)).toBe(201);
  });

  it('refuses bad patches: unknown permissions (400), guarded ones (403), non-admins (403)', async () => {
    const role = await admin.client.getRoleByName('team_user');
    const patch = (token: string, permissions: unknown) => raw(server, 'PUT', `/roles/${role.id}/patch`, { token, body: { permissions } });
    expect((await patch(admin.token, [...role.permissions, 'fly_to_the_moon'])).status).toBe(400);
    expect((await patch(admin.token, 'create_post')).status).toBe(400);
    expect((await patch(admin.token, [...role.permissions, 'manage_system'])).status).toBe(403);
    expect((await patch(member.token, role.permissions)).status).toBe(403);
    expect((await raw(server, 'PUT', `/roles/${'x'.repeat(26)}/patch`, { token: admin.token, body: { permissions: [] } })).status).toBe(404);
    expect((await admin.client.getRole(role.id)).permissions).toEqual(role.permissions);
  });
});

describe('schemes', () => {
  it('creates a team scheme with its own roles copied from the system scheme, lists, patches and reads it', async () => {
    const scheme = await admin.client.createScheme({ name: unique('s').toLowerCase(), display_name: 'Scheme', scope: 'team' });
    expect(scheme).toMatchObject({ scope: 'team', display_name: 'Scheme', delete_at: 0 });
    const names = [scheme.default_team_admin_role, scheme.default_team_user_role, scheme.default_team_guest_role,
      scheme.default_channel_admin_role, scheme.default_channel_user_role, scheme.default_channel_guest_role];
    const roles = await admin.client.getRolesByNames(names);
    expect(roles).toHaveLength(6);
    const system = await admin.client.getRolesByNames(['channel_user']);
    expect(roles.find((r) => r.name === scheme.default_channel_user_role)?.permissions.sort()).toEqual(system[0].permissions.sort());
    expect((await admin.client.getSchemes('team')).map((s) => s.id)).toContain(scheme.id);
    expect((await admin.client.getSchemes('channel')).map((s) => s.id)).not.toContain(scheme.id);
    const patched = await admin.client.patchScheme(scheme.id, { display_name: 'Renamed', description: 'new words' });
    expect(patched).toMatchObject({ id: scheme.id, display_name: 'Renamed', description: 'new words', name: scheme.name });
    expect(await admin.client.getScheme(scheme.id)).toMatchObject({ display_name: 'Renamed' });
  });

  it('refuses bad input with 400 and non-admins with 403', async () => {
    const create = (token: string, body: object) => raw(server, 'POST', '/schemes', { token, body });
    expect((await create(admin.token, { display_name: 'x', scope: 'playbook' })).status).toBe(400);
    expect((await create(admin.token, { scope: 'team' })).status).toBe(400);
    expect((await create(admin.token, { name: 'Bad Name', display_name: 'x', scope: 'team' })).status).toBe(400);
    expect((await create(admin.token, { display_name: '   ', scope: 'team' })).status).toBe(400);
    expect((await raw(server, 'GET', '/schemes?scope=galaxy', { token: admin.token })).status).toBe(400);
    const taken = await admin.client.createScheme({ name: unique('taken').toLowerCase(), display_name: 'x', scope: 'team' });
    expect((await create(admin.token, { name: taken.name, display_name: 'y', scope: 'team' })).status).toBe(400);

    expect((await create(member.token, { display_name: 'x', scope: 'team' })).status).toBe(403);
    expect((await raw(server, 'GET', '/schemes', { token: member.token })).status).toBe(403);
    expect((await raw(server, 'GET', `/schemes/${taken.id}`, { token: member.token })).status).toBe(403);
    expect((await raw(server, 'PUT', `/schemes/${taken.id}/patch`, { token: member.token, body: { display_name: 'z' } })).status).toBe(403);
    expect((await raw(server, 'DELETE', `/schemes/${taken.id}`, { token: member.token })).status).toBe(403);
    expect((await raw(server, 'PUT', `/teams/${team.id}/scheme`, { token: member.token, body: { scheme_id: taken.id } })).status).toBe(403);
    expect((await raw(server, 'PUT', `/channels/${channel.id}/scheme`, { token: member.token, body: { scheme_id: taken.id } })).status).toBe(403);
    expect((await raw(server, 'GET', `/schemes/${'x'.repeat(26)}`, { token: admin.token })).status).toBe(404);
    expect((await raw(server, 'GET', '/schemes/nope', { token: admin.token })).status).toBe(400);
    // A team scheme is for teams only.
    expect((await raw(server, 'PUT', `/channels/${channel.id}/scheme`, { token: admin.token, body: { scheme_id: taken.id } })).status).toBe(400);
    expect((await raw(server, 'GET', `/schemes/${taken.id}/channels`, { token: admin.token })).status).toBe(400);
  });

  it('applies a team scheme to one team only, and its deletion returns the team to the system scheme', async () => {
    const other = await newTeam(admin.client, 'I');
    await admin.client.addToTeam(other.id, member.user.id);
    const otherChannel = await newChannel(admin.client, other.id, 'O');
    await admin.client.addToChannel(member.user.id, otherChannel.id);

    const scheme = await admin.client.createScheme({ display_name: 'Quiet team', scope: 'team' });
    const channelUser = await admin.client.getRoleByName(scheme.default_channel_user_role);
    await admin.client.patchRole(channelUser.id, { permissions: channelUser.permissions.filter((p) => p !== 'create_post') });
    const { events, stop } = recordEvents(server);
    await admin.client.updateTeamScheme(other.id, scheme.id);
    stop();
    const announced = events.find((e) => e.event === 'update_team_scheme');
    expect(announced?.broadcast.team_id).toBe(other.id);
    expect(JSON.parse(announced?.data.team as string)).toMatchObject({ id: other.id, scheme_id: scheme.id });
    expect((await admin.client.getTeam(other.id)).scheme_id).toBe(scheme.id);
    expect((await admin.client.getSchemeTeams(scheme.id)).map((t) => t.id)).toEqual([other.id]);

    expect(await post(member, otherChannel.id)).toBe(403);
    expect(await post(member, channel.id)).toBe(201);

    await admin.client.deleteScheme(scheme.id);
    expect(await post(member, otherChannel.id)).toBe(201);
    expect((await admin.client.getTeam(other.id)).scheme_id).toBe('');
    expect((await raw(server, 'GET', `/roles/name/${scheme.default_channel_user_role}`, { token: admin.token })).status).toBe(404);
    expect((await raw(server, 'GET', `/schemes/${scheme.id}`, { token: admin.token })).status).toBe(404);
  });
});

describe('channel moderation', () => {
  it('answers Mattermost\'s moderation shape, moderates members, and drops its scheme when reset', async () => {
    const moderatedChannel = await newChannel(admin.client, team.id, 'O');
    await admin.client.addToChannel(member.user.id, moderatedChannel.id);
    const before = await admin.client.getChannelModerations(moderatedChannel.id);
    expect(before.map((m) => m.name)).toEqual(['create_post', 'create_reactions', 'manage_members', 'use_channel_mentions', 'manage_bookmarks']);
    expect(before[0].roles.members).toEqual({ value: true, enabled: true });
    expect(before.find((m) => m.name === 'manage_members')?.roles.guests).toBeUndefined();

    const { events, stop } = recordEvents(server);
    const after = await admin.client.patchChannelModerations(moderatedChannel.id, [{ name: 'create_post', roles: { members: false } }]);
    stop();
    expect(events.some((e) => e.event === 'channel_scheme_updated' && e.broadcast.channel_id === moderatedChannel.id)).toBe(true);
    expect(after[0].roles.members).toEqual({ value: false, enabled: true });
    expect(after[1].roles.members).toEqual({ value: true, enabled: true });
    expect(await post(member, moderatedChannel.id)).toBe(403);
    expect(await post(member, channel.id)).toBe(201);
    const channelSchemes = await admin.client.getSchemes('channel');
    const own = channelSchemes.find((s) => s.display_name.includes(moderatedChannel.id)) as Scheme;
    expect((await admin.client.getSchemeChannels(own.id)).map((c) => c.id)).toEqual([moderatedChannel.id]);

    const reset = await admin.client.patchChannelModerations(moderatedChannel.id, [{ name: 'create_post', roles: { members: true } }]);
    expect(reset[0].roles.members).toEqual({ value: true, enabled: true });
    expect(await post(member, moderatedChannel.id)).toBe(201);
    expect((await admin.client.getSchemes('channel')).map((s) => s.id)).not.toContain(own.id);
  });

  it('refuses non-admins, unknown names, direct messages and what the team withholds', async () => {
    const patch = (token: string, channelId: string, body: object) => raw(server, 'PUT', `/channels/${channelId}/moderations/patch`, { token, body });
    expect((await raw(server, 'GET', `/channels/${channel.id}/moderations`, { token: member.token })).status).toBe(403);
    expect((await patch(member.token, channel.id, [{ name: 'create_post', roles: { members: false } }])).status).toBe(403);
    expect((await patch(admin.token, channel.id, [{ name: 'fly', roles: { members: false } }])).status).toBe(400);
    expect((await patch(admin.token, channel.id, { name: 'create_post' })).status).toBe(400);
    const dm = await admin.client.createDirectChannel([admin.user.id, member.user.id]);
    expect((await raw(server, 'GET', `/channels/${dm.id}/moderations`, { token: admin.token })).status).toBe(400);
    expect((await raw(server, 'GET', `/channels/${'x'.repeat(26)}/moderations`, { token: admin.token })).status).toBe(404);
    // Guests never manage members; enabling what the scope above lacks is refused.
    expect((await patch(admin.token, channel.id, [{ name: 'manage_members', roles: { guests: true } }])).status).toBe(403);
  });
});
