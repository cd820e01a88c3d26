import type { Channel } from '@mattermost/types/channels';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, raw, startTestServer, type TestServer, type TestUser } from '../../harness.js';
import { newChannel, newTeam } from '../../team_fixtures.js';

let server: TestServer;
let admin: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  admin = await createUser(server, 'tcadmin');
});
afterAll(async () => server?.close());

describe('team privacy', () => {
  it('makes a team invite-only (new invite id) and open again; team admins may, members may not', async () => {
    const owner = await createUser(server, 'owner');
    const member = await createUser(server, 'privmember');
    const team = await newTeam(owner.client);
    await owner.client.addToTeam(team.id, member.user.id);

    const closed = await raw(server, 'PUT', `/teams/${team.id}/privacy`, { token: owner.token, body: { privacy: 'I' } });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ id: team.id, type: 'I', allow_open_invite: false });
    expect(closed.body.invite_id).not.toBe(team.invite_id);
    const opened = await raw(server, 'PUT', `/teams/${team.id}/privacy`, { token: admin.token, body: { privacy: 'O' } });
    expect(opened.body).toMatchObject({ type: 'O', allow_open_invite: true });

    expect((await raw(server, 'PUT', `/teams/${team.id}/privacy`, { token: member.token, body: { privacy: 'I' } })).status).toBe(403);
    expect((await raw(server, 'PUT', `/teams/${team.id}/privacy`, { token: owner.token, body: { privacy: 'P' } })).status).toBe(400);
    expect((await raw(server, 'PUT', `/teams/${team.id}/privacy`, { token: owner.token, body: {} })).status).toBe(400);
  });
});

describe('permanent deletion', () => {
  it('is off until ServiceSettings.EnableAPITeamDeletion / EnableAPIChannelDeletion turn it on', async () => {
    const team = await newTeam(admin.client);
    const channel = await newChannel(admin.client, team.id, 'O');
    const teamRefused = await raw(server, 'DELETE', `/teams/${team.id}?permanent=true`, { token: admin.token });
    expect(teamRefused.status).toBe(403);
    expect(teamRefused.body.id).toBe('api.user.delete_team.not_enabled.app_error');
    const channelRefused = await raw(server, 'DELETE', `/channels/${channel.id}?permanent=true`, { token: admin.token });
    expect(channelRefused.body.id).toBe('api.user.delete_channel.not_enabled.app_error');
    expect((await raw(server, 'GET', `/channels/${channel.id}`, { token: admin.token })).body.delete_at).toBe(0);
    await admin.client.patchConfig({ ServiceSettings: { EnableAPITeamDeletion: true, EnableAPIChannelDeletion: true } } as never);
  });

  it('deletes a team with its channels and posts for good (system admins only)', async () => {
    const owner = await createUser(server, 'teamowner');
    const team = await newTeam(owner.client);
    const channel = await newChannel(owner.client, team.id, 'O');
    const post = await owner.client.createPost({ channel_id: channel.id, message: 'soon gone' } as never);

    // A team admin may archive the team, but not delete it.
    expect((await raw(server, 'DELETE', `/teams/${team.id}?permanent=true`, { token: owner.token })).status).toBe(403);
    expect((await raw(server, 'DELETE', `/teams/${team.id}?permanent=maybe`, { token: admin.token })).status).toBe(400);
    expect((await raw(server, 'DELETE', `/teams/${team.id}?permanent=true`, { token: admin.token })).status).toBe(200);

    expect((await raw(server, 'GET', `/teams/${team.id}`, { token: admin.token })).status).toBe(404);
    expect((await raw(server, 'GET', `/channels/${channel.id}`, { token: admin.token })).status).toBe(404);
    expect((await raw(server, 'GET', `/posts/${post.id}`, { token: admin.token })).status).toBe(404);
    expect(await server.app.deps.store.teams.getMember(team.id, owner.user.id)).toBeUndefined();
    expect((await raw(server, 'GET', `/users/${owner.user.id}/teams`, { token: owner.token })).body).toEqual([]);
  });

  it('deletes a channel with its posts for good (system admins only); without permanent it is archived', async () => {
    const owner = await createUser(server, 'chanowner');
    const team = await newTeam(owner.client);
    const kept = await newChannel(owner.client, team.id, 'O');
    const channel = await newChannel(owner.client, team.id, 'P');
    const post = await owner.client.createPost({ channel_id: channel.id, message: 'soon gone' } as never);

    expect((await raw(server, 'DELETE', `/channels/${channel.id}?permanent=true`, { token: owner.token })).status).toBe(403);
    await admin.client.deleteChannel(channel.id);
    expect((await raw(server, 'GET', `/channels/${channel.id}`, { token: admin.token })).body.delete_at).toBeGreaterThan(0);
    expect((await raw(server, 'DELETE', `/channels/${channel.id}?permanent=true`, { token: admin.token })).status).toBe(200);
    expect((await raw(server, 'GET', `/channels/${channel.id}`, { token: admin.token })).status).toBe(404);
    expect((await raw(server, 'GET', `/posts/${post.id}`, { token: admin.token })).status).toBe(404);
    expect(await server.app.deps.store.channels.getMember(channel.id, owner.user.id)).toBeUndefined();
    expect((await raw(server, 'GET', `/channels/${kept.id}`, { token: owner.token })).status).toBe(200);
    expect((await raw(server, 'DELETE', `/channels/${channel.id}?permanent=true`, { token: admin.token })).status).toBe(404);
  });
});

describe('moving a channel', () => {
  it('moves a channel whose members are all in the target team', async () => {
    const from = await newTeam(admin.client);
    const to = await newTeam(admin.client);
    const member = await createUser(server, 'mover');
    await admin.client.addToTeam(from.id, member.user.id);
    await admin.client.addToTeam(to.id, member.user.id);
    const channel = await newChannel(admin.client, from.id, 'O');
    await admin.client.addToChannel(member.user.id, channel.id);

    const moved = await raw(server, 'POST', `/channels/${channel.id}/move`, { token: admin.token, body: { team_id: to.id } });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ id: channel.id, team_id: to.id });
    const mine = (await member.client.getMyChannels(to.id)) as Channel[];
    expect(mine.some((c) => c.id === channel.id)).toBe(true);
    expect((await member.client.getChannelByName(to.id, channel.name)).id).toBe(channel.id);
  });

  it('refuses members outside the target team unless forced, which removes them', async () => {
    const from = await newTeam(admin.client);
    const to = await newTeam(admin.client);
    const outsider = await createUser(server, 'outsider');
    await admin.client.addToTeam(from.id, outsider.user.id);
    const channel = await newChannel(admin.client, from.id, 'P');
    await admin.client.addToChannel(outsider.user.id, channel.id);

    const refused = await raw(server, 'POST', `/channels/${channel.id}/move`, { token: admin.token, body: { team_id: to.id } });
    expect(refused.status).toBe(400);
    expect(refused.body.id).toBe('app.channel.move_channel.members_do_not_match.error');

    const forced = await raw(server, 'POST', `/channels/${channel.id}/move`, { token: admin.token, body: { team_id: to.id, force: true } });
    expect(forced.status).toBe(200);
    expect(await server.app.deps.store.channels.getMember(channel.id, outsider.user.id)).toBeUndefined();
  });

  it('refuses non-admins, direct messages and bad input', async () => {
    const team = await newTeam(admin.client);
    const other = await newTeam(admin.client);
    const user = await createUser(server, 'nomove');
    await admin.client.addToTeam(team.id, user.user.id);
    const channel = await newChannel(user.client, team.id, 'O');
    expect((await raw(server, 'POST', `/channels/${channel.id}/move`, { token: user.token, body: { team_id: other.id } })).status).toBe(403);
    const dm = await admin.client.createDirectChannel([admin.user.id, user.user.id]);
    expect((await raw(server, 'POST', `/channels/${dm.id}/move`, { token: admin.token, body: { team_id: other.id } })).status).toBe(400);
    expect((await raw(server, 'POST', `/channels/${channel.id}/move`, { token: admin.token, body: { team_id: 'x' } })).status).toBe(400);
    expect((await raw(server, 'POST', `/channels/${channel.id}/move`, { token: admin.token, body: {} })).status).toBe(400);
    // The target team has its own town-square.
    const townSquare = await admin.client.getChannelByName(team.id, 'town-square');
    expect((await raw(server, 'POST', `/channels/${townSquare.id}/move`, { token: admin.token, body: { team_id: other.id } })).status).toBe(400);
  });
});

describe('the console\'s channel list', () => {
  it('leaves out the default channels when asked', async () => {
    const team = await newTeam(admin.client);
    const channel = await newChannel(admin.client, team.id, 'O');
    const all = await raw(server, 'GET', `/channels?per_page=200&exclude_default_channels=true&exclude_policy_constrained=true`, { token: admin.token });
    expect(all.status).toBe(200);
    const names = (all.body as Channel[]).map((c) => c.name);
    expect(names).toContain(channel.name);
    expect(names).not.toContain('town-square');
    const search = await raw(server, 'POST', '/channels/search', { token: admin.token, body: { term: '', team_ids: [team.id], exclude_default_channels: true } });
    expect((search.body as Channel[]).map((c) => c.id)).toEqual([channel.id]);
  });
});
