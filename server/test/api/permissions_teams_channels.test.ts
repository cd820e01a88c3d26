import type { Channel } from '@mattermost/types/channels';
import type { Team } from '@mattermost/types/teams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, raw, startTestServer, type TestServer, type TestUser } from '../harness.js';
import { newChannel, newTeam } from '../team_fixtures.js';

// Every team and channel endpoint, called by someone who must not get through:
// `outsider` is in no team of the owner, `insider` is in the team but not in the private channel,
// `third` is not one of the DM's two members.

let server: TestServer;
let owner: TestUser;
let insider: TestUser;
let outsider: TestUser;
let third: TestUser;
let team: Team;
let publicChannel: Channel;
let privateChannel: Channel;
let dm: Channel;

beforeAll(async () => {
  server = await startTestServer();
  await createUser(server, 'admin');
  owner = await createUser(server, 'owner');
  insider = await createUser(server, 'insider');
  outsider = await createUser(server, 'outsider');
  third = await createUser(server, 'third');
  team = await newTeam(owner.client, 'I');
  await owner.client.addToTeam(team.id, insider.user.id);
  publicChannel = await newChannel(owner.client, team.id, 'O');
  privateChannel = await newChannel(owner.client, team.id, 'P');
  dm = await owner.client.createDirectChannel([owner.user.id, insider.user.id]);
});
afterAll(async () => {
  await server?.close();
});

type Who = 'outsider' | 'insider' | 'third';
interface Case {
  name: string;
  who: Who;
  method: string;
  path: () => string;
  body?: () => unknown;
}

const caller = (who: Who): TestUser => ({ outsider, insider, third })[who];
const categories = () => `/users/me/teams/${team.id}/channels/categories`;

/** The same channel endpoints for a channel the caller may not see. */
function channelCases(label: string, who: Who, channel: () => Channel): Case[] {
  const c = () => channel().id;
  return [
    { name: 'get', method: 'GET', path: () => `/channels/${c()}` },
    { name: 'members', method: 'GET', path: () => `/channels/${c()}/members` },
    { name: 'member', method: 'GET', path: () => `/channels/${c()}/members/${owner.user.id}` },
    { name: 'members by ids', method: 'POST', path: () => `/channels/${c()}/members/ids`, body: () => [owner.user.id] },
    { name: 'stats', method: 'GET', path: () => `/channels/${c()}/stats` },
    { name: 'timezones', method: 'GET', path: () => `/channels/${c()}/timezones` },
    { name: 'patch', method: 'PUT', path: () => `/channels/${c()}/patch`, body: () => ({ header: 'mine now' }) },
    { name: 'update', method: 'PUT', path: () => `/channels/${c()}`, body: () => ({ id: c(), header: 'mine now' }) },
    { name: 'archive', method: 'DELETE', path: () => `/channels/${c()}` },
    { name: 'restore', method: 'POST', path: () => `/channels/${c()}/restore` },
    { name: 'privacy', method: 'PUT', path: () => `/channels/${c()}/privacy`, body: () => ({ privacy: 'O' }) },
    { name: 'convert', method: 'POST', path: () => `/channels/${c()}/convert` },
    { name: 'join', method: 'POST', path: () => `/channels/${c()}/members`, body: () => ({ user_id: caller(who).user.id }) },
    { name: 'add someone', method: 'POST', path: () => `/channels/${c()}/members`, body: () => ({ user_ids: [third.user.id] }) },
    { name: 'remove a member', method: 'DELETE', path: () => `/channels/${c()}/members/${owner.user.id}` },
    { name: 'member roles', method: 'PUT', path: () => `/channels/${c()}/members/${owner.user.id}/roles`, body: () => ({ roles: 'channel_user' }) },
    { name: 'member scheme roles', method: 'PUT', path: () => `/channels/${c()}/members/${owner.user.id}/schemeRoles`, body: () => ({ scheme_user: true, scheme_admin: false }) },
    { name: 'others\' notify props', method: 'PUT', path: () => `/channels/${c()}/members/${owner.user.id}/notify_props`, body: () => ({ desktop: 'none' }) },
    { name: 'group profiles', method: 'POST', path: () => '/users/group_channels', body: () => [c()] },
  ].map((x) => ({ ...x, name: `${label}: ${x.name}`, who }));
}

const cases: Case[] = [
  ...[
    { name: 'get team', method: 'GET', path: () => `/teams/${team.id}` },
    { name: 'get team by name', method: 'GET', path: () => `/teams/name/${team.name}` },
    { name: 'team members', method: 'GET', path: () => `/teams/${team.id}/members` },
    { name: 'team member', method: 'GET', path: () => `/teams/${team.id}/members/${owner.user.id}` },
    { name: 'team members by ids', method: 'POST', path: () => `/teams/${team.id}/members/ids`, body: () => [owner.user.id] },
    { name: 'team stats', method: 'GET', path: () => `/teams/${team.id}/stats` },
    { name: 'team icon', method: 'GET', path: () => `/teams/${team.id}/image` },
    { name: 'patch team', method: 'PUT', path: () => `/teams/${team.id}/patch`, body: () => ({ display_name: 'Mine' }) },
    { name: 'update team', method: 'PUT', path: () => `/teams/${team.id}`, body: () => ({ id: team.id, display_name: 'Mine' }) },
    { name: 'archive team', method: 'DELETE', path: () => `/teams/${team.id}` },
    { name: 'restore team', method: 'POST', path: () => `/teams/${team.id}/restore` },
    { name: 'regenerate invite', method: 'POST', path: () => `/teams/${team.id}/regenerate_invite_id` },
    { name: 'join invite-only team', method: 'POST', path: () => `/teams/${team.id}/members`, body: () => ({ team_id: team.id, user_id: outsider.user.id }) },
    { name: 'batch add', method: 'POST', path: () => `/teams/${team.id}/members/batch`, body: () => [{ team_id: team.id, user_id: outsider.user.id }] },
    { name: 'remove team member', method: 'DELETE', path: () => `/teams/${team.id}/members/${insider.user.id}` },
    { name: 'team member roles', method: 'PUT', path: () => `/teams/${team.id}/members/${insider.user.id}/roles`, body: () => ({ roles: 'team_user team_admin' }) },
    { name: 'team member scheme roles', method: 'PUT', path: () => `/teams/${team.id}/members/${insider.user.id}/schemeRoles`, body: () => ({ scheme_user: true, scheme_admin: true }) },
    { name: 'browse channels', method: 'GET', path: () => `/teams/${team.id}/channels` },
    { name: 'archived channels', method: 'GET', path: () => `/teams/${team.id}/channels/deleted` },
    { name: 'private channels', method: 'GET', path: () => `/teams/${team.id}/channels/private` },
    { name: 'autocomplete channels', method: 'GET', path: () => `/teams/${team.id}/channels/autocomplete?name=c` },
    { name: 'search autocomplete', method: 'GET', path: () => `/teams/${team.id}/channels/search_autocomplete?name=c` },
    { name: 'search channels', method: 'POST', path: () => `/teams/${team.id}/channels/search`, body: () => ({ term: 'c' }) },
    { name: 'channel by name', method: 'GET', path: () => `/teams/${team.id}/channels/name/${publicChannel.name}` },
    { name: 'channel by team and channel name', method: 'GET', path: () => `/teams/name/${team.name}/channels/name/${publicChannel.name}` },
    { name: 'create channel', method: 'POST', path: () => '/channels', body: () => ({ team_id: team.id, name: 'intruder', display_name: 'Intruder', type: 'O' }) },
    { name: 'my channels in team', method: 'GET', path: () => `/users/me/teams/${team.id}/channels` },
    { name: 'my channel members in team', method: 'GET', path: () => `/users/me/teams/${team.id}/channels/members` },
    { name: 'categories', method: 'GET', path: categories },
    { name: 'category order', method: 'GET', path: () => `${categories()}/order` },
    { name: 'create category', method: 'POST', path: categories, body: () => ({ display_name: 'Mine' }) },
    { name: 'owner\'s categories', method: 'GET', path: () => `/users/${owner.user.id}/teams/${team.id}/channels/categories` },
    { name: 'owner\'s teams', method: 'GET', path: () => `/users/${owner.user.id}/teams` },
    { name: 'owner\'s team members', method: 'GET', path: () => `/users/${owner.user.id}/teams/members` },
    { name: 'owner\'s unreads', method: 'GET', path: () => `/users/${owner.user.id}/teams/unread` },
    { name: 'owner\'s channels', method: 'GET', path: () => `/users/${owner.user.id}/channels` },
    { name: 'owner\'s channel members', method: 'GET', path: () => `/users/${owner.user.id}/channel_members` },
    { name: 'owner\'s preferences', method: 'GET', path: () => `/users/${owner.user.id}/preferences` },
  ].map((x): Case => ({ ...x, who: 'outsider' })),
  ...channelCases('public channel of another team', 'outsider', () => publicChannel),
  ...channelCases('private channel', 'insider', () => privateChannel),
  ...channelCases('DM of two others', 'third', () => dm),
];

describe('team and channel permissions', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s → 403', async (_name, c) => {
    const response = await raw(server, c.method, c.path(), { token: caller(c.who).token, body: c.body?.() as object | undefined });
    expect(response.status).toBe(403);
    expect(response.body.id).toBeTypeOf('string');
    expect(response.body.status_code).toBe(403);
  });

  it('left everything as it was', async () => {
    expect(await owner.client.getTeam(team.id)).toMatchObject({ display_name: team.display_name, delete_at: 0 });
    expect((await owner.client.getTeamMembers(team.id)).map((m) => m.user_id).sort()).toEqual([owner.user.id, insider.user.id].sort());
    for (const channel of [publicChannel, privateChannel]) {
      expect(await owner.client.getChannel(channel.id)).toMatchObject({ header: '', type: channel.type, delete_at: 0 });
      expect((await owner.client.getChannelMembers(channel.id)).map((m) => m.user_id)).toEqual([owner.user.id]);
    }
    expect((await owner.client.getChannel(dm.id)).header).toBe('');
    expect((await owner.client.getChannelMember(publicChannel.id, owner.user.id)).notify_props.desktop).toBe('default');
  });

  it('answers 401 without a session', async () => {
    for (const path of [`/teams/${team.id}`, `/channels/${publicChannel.id}`, '/users/me/preferences', categories()]) {
      expect((await raw(server, 'GET', path)).status, path).toBe(401);
    }
  });
});
