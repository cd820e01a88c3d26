import type { Channel } from '@mattermost/types/channels';
import type { Role } from '@mattermost/types/roles';
import type { Scheme } from '@mattermost/types/schemes';
import type { Team } from '@mattermost/types/teams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, raw, startTestServer, unique, type TestServer, type TestUser } from '../../harness.js';
import { newChannel, newTeam } from '../../team_fixtures.js';

// Role × scheme × action through the real API. Team A follows the system scheme; team B a team scheme whose channel
// member role has lost create_post; channel `moderated` (in team A) has members' posting and reactions moderated off.

let server: TestServer;
let admin: TestUser;
let teamAdmin: TestUser;
let channelAdmin: TestUser;
let member: TestUser;
let outsider: TestUser;
let teamA: Team;
let teamB: Team;
let open: Channel;
let schemed: Channel;
let moderated: Channel;

type Who = 'member' | 'channel admin' | 'team admin' | 'system admin' | 'non-member';
const users = (): Record<Who, TestUser> => ({
  member, 'channel admin': channelAdmin, 'team admin': teamAdmin, 'system admin': admin, 'non-member': outsider,
});

async function ok(status: Promise<{ status: number; body: unknown }>, context: string): Promise<number> {
  const response = await status;
  if (response.status >= 500) throw new Error(`${context}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.status;
}

async function adminPost(channel: Channel): Promise<string> {
  const response = await raw(server, 'POST', '/posts', { token: admin.token, body: { channel_id: channel.id, message: 'by the admin' } });
  expect(response.status).toBe(201);
  return response.body.id as string;
}

/** A fresh user in the channel's team, for actions that add someone. */
async function teamNewcomer(team: Team): Promise<string> {
  const newcomer = await createUser(server, 'newcomer');
  expect((await raw(server, 'POST', `/teams/${team.id}/members`, { token: admin.token, body: { team_id: team.id, user_id: newcomer.user.id } })).status).toBe(201);
  return newcomer.user.id;
}

type Action = (user: TestUser, channel: Channel, team: Team) => Promise<number>;

const actions: Record<string, Action> = {
  'create a post': (u, c) => ok(raw(server, 'POST', '/posts', { token: u.token, body: { channel_id: c.id, message: unique('post') } }), 'post'),
  'react to a post': async (u, c) => {
    const postId = await adminPost(c);
    return ok(raw(server, 'POST', '/reactions', { token: u.token, body: { user_id: u.user.id, post_id: postId, emoji_name: 'smile' } }), 'react');
  },
  'create a channel': (u, _c, t) => ok(raw(server, 'POST', '/channels', {
    token: u.token, body: { team_id: t.id, name: unique('c').toLowerCase(), display_name: 'New channel', type: 'O' },
  }), 'create channel'),
  'add a channel member': async (u, c, t) => {
    const userId = await teamNewcomer(t);
    return ok(raw(server, 'POST', `/channels/${c.id}/members`, { token: u.token, body: { user_id: userId } }), 'add member');
  },
  'manage the channel': (u, c) => ok(raw(server, 'PUT', `/channels/${c.id}/patch`, { token: u.token, body: { header: unique('header') } }), 'patch'),
  "delete others' posts": async (u, c) => ok(raw(server, 'DELETE', `/posts/${await adminPost(c)}`, { token: u.token }), 'delete'),
  'invite to the team': async (u, _c, t) => {
    const newcomer = await createUser(server, 'invitee');
    return ok(raw(server, 'POST', `/teams/${t.id}/members`, { token: u.token, body: { team_id: t.id, user_id: newcomer.user.id } }), 'invite');
  },
};

type Outcome = 'allowed' | 'denied';
interface Case {
  who: Who;
  where: 'system scheme' | 'team scheme without create_post' | 'channel moderation';
  action: keyof typeof actions;
  outcome: Outcome;
}

const everyone: Who[] = ['member', 'channel admin', 'team admin', 'system admin'];
const table: Case[] = [
  // The system scheme: members do most things; deleting others' posts takes a channel, team or system admin.
  ...everyone.flatMap((who): Case[] => Object.keys(actions).map((action) => ({
    who, where: 'system scheme', action, outcome: action === "delete others' posts" && who === 'member' ? 'denied' : 'allowed',
  }))),
  { who: 'non-member', where: 'system scheme', action: 'create a post', outcome: 'denied' },
  { who: 'non-member', where: 'system scheme', action: 'manage the channel', outcome: 'denied' },
  // The team scheme takes posting from members only; admins keep it through their own roles, and reactions stay.
  ...everyone.flatMap((who): Case[] => [
    { who, where: 'team scheme without create_post', action: 'create a post', outcome: who === 'member' ? 'denied' : 'allowed' },
    { who, where: 'team scheme without create_post', action: 'react to a post', outcome: 'allowed' },
  ]),
  { who: 'member', where: 'team scheme without create_post', action: 'create a channel', outcome: 'allowed' },
  // Moderation takes posting and reactions from members; channel and team admins are not moderated.
  ...everyone.flatMap((who): Case[] => [
    { who, where: 'channel moderation', action: 'create a post', outcome: who === 'member' ? 'denied' : 'allowed' },
    { who, where: 'channel moderation', action: 'react to a post', outcome: who === 'member' ? 'denied' : 'allowed' },
    { who, where: 'channel moderation', action: 'manage the channel', outcome: 'allowed' },
  ]),
];

async function join(team: Team, channels: Channel[], people: TestUser[]): Promise<void> {
  for (const person of people) {
    await raw(server, 'POST', `/teams/${team.id}/members`, { token: admin.token, body: { team_id: team.id, user_id: person.user.id } });
    for (const channel of channels) {
      const added = await raw(server, 'POST', `/channels/${channel.id}/members`, { token: admin.token, body: { user_id: person.user.id } });
      expect(added.status).toBe(201);
    }
  }
}

beforeAll(async () => {
  server = await startTestServer();
  admin = await createUser(server, 'admin');
  teamAdmin = await createUser(server, 'teamadmin');
  channelAdmin = await createUser(server, 'chanadmin');
  member = await createUser(server, 'member');
  outsider = await createUser(server, 'outsider');
  teamA = await newTeam(teamAdmin.client, 'I');
  teamB = await newTeam(teamAdmin.client, 'I');
  await join(teamA, [], [channelAdmin, admin, outsider]);
  await join(teamB, [], [channelAdmin, admin]);
  open = await newChannel(channelAdmin.client, teamA.id, 'O');
  moderated = await newChannel(channelAdmin.client, teamA.id, 'O');
  schemed = await newChannel(channelAdmin.client, teamB.id, 'O');
  await join(teamA, [open, moderated], [member, teamAdmin, admin]);
  await join(teamB, [schemed], [member, teamAdmin, admin]);

  const scheme = await admin.client.createScheme({ display_name: 'No posting', scope: 'team' }) as Scheme;
  const channelUser = await admin.client.getRoleByName(scheme.default_channel_user_role) as Role;
  await admin.client.patchRole(channelUser.id, { permissions: channelUser.permissions.filter((p) => p !== 'create_post') });
  await admin.client.updateTeamScheme(teamB.id, scheme.id);

  await admin.client.patchChannelModerations(moderated.id, [
    { name: 'create_post', roles: { members: false } }, { name: 'create_reactions', roles: { members: false } },
  ]);
});
afterAll(async () => {
  await server?.close();
});

describe('permission table', () => {
  it('has at least 40 cases', () => {
    expect(table.length).toBeGreaterThanOrEqual(40);
  });

  const where = (c: Case): { channel: Channel; team: Team } => (c.where === 'system scheme' ? { channel: open, team: teamA }
    : c.where === 'channel moderation' ? { channel: moderated, team: teamA } : { channel: schemed, team: teamB });

  it.each(table)('$who: $action under the $where is $outcome', async (c) => {
    const { channel, team } = where(c);
    const status = await actions[c.action](users()[c.who], channel, team);
    if (c.outcome === 'allowed') expect(status).toBeLessThan(300);
    else expect(status).toBe(403);
  });
});
