import type { Channel } from '@mattermost/types/channels';
import type { Post } from '@mattermost/types/posts';
import type { Team } from '@mattermost/types/teams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, raw, startTestServer, type TestServer, type TestUser } from '../harness.js';
import { newChannel, newTeam } from '../team_fixtures.js';

// Every route that names a user, called by a teammate with the victim's id:
// nothing of the victim's private state may be read or changed. `mate` shares
// the team and a public channel with `victim`, so only the user check stands
// between them (not a team or channel check).

let server: TestServer;
let victim: TestUser;
let mate: TestUser;
let team: Team;
let channel: Channel;
let root: Post;
const SECRET = 'victim-secret-preference';

beforeAll(async () => {
  server = await startTestServer();
  await createUser(server, 'admin');
  victim = await createUser(server, 'victim');
  mate = await createUser(server, 'mate');
  team = await newTeam(victim.client);
  await victim.client.addToTeam(team.id, mate.user.id);
  channel = await newChannel(victim.client, team.id);
  await mate.client.addToChannel(mate.user.id, channel.id);
  root = await victim.client.createPost({ channel_id: channel.id, message: 'root' } as Post);
  await victim.client.createPost({ channel_id: channel.id, message: 'reply', root_id: root.id } as Post);
  await victim.client.savePreferences(victim.user.id, [
    { user_id: victim.user.id, category: 'secret', name: 'note', value: SECRET },
    { user_id: victim.user.id, category: 'flagged_post', name: root.id, value: 'true' },
  ]);
});
afterAll(async () => {
  await server?.close();
});

interface Ids {
  v: string;
  team: string;
  channel: string;
  root: string;
}

interface Case {
  method: string;
  /** The path for these ids: the real ones when run, placeholders in the test's name. */
  path: (ids: Ids) => string;
  body?: (ids: Ids) => unknown;
}

const PLACEHOLDERS: Ids = { v: '{victim}', team: '{team}', channel: '{channel}', root: '{root}' };
const cases: Case[] = [
  { method: 'PUT', path: ({ v, team, channel, root }) => `/users/${v}/patch`, body: ({ v, team, root }) => ({ nickname: 'owned' }) },
  { method: 'PUT', path: ({ v, team, channel, root }) => `/users/${v}`, body: ({ v, team, root }) => ({ id: v, nickname: 'owned' }) },
  { method: 'PUT', path: ({ v, team, channel, root }) => `/users/${v}/password`, body: ({ v, team, root }) => ({ current_password: 'x', new_password: 'owned-password-1' }) },
  { method: 'PUT', path: ({ v, team, channel, root }) => `/users/${v}/active`, body: ({ v, team, root }) => ({ active: false }) },
  { method: 'DELETE', path: ({ v, team, channel, root }) => `/users/${v}` },
  { method: 'PUT', path: ({ v, team, channel, root }) => `/users/${v}/roles`, body: ({ v, team, root }) => ({ roles: 'system_user system_admin' }) },
  { method: 'PUT', path: ({ v, team, channel, root }) => `/users/${v}/status`, body: ({ v, team, root }) => ({ user_id: v, status: 'dnd' }) },
  { method: 'GET', path: ({ v, team, channel, root }) => `/users/${v}/sessions` },
  { method: 'POST', path: ({ v, team, channel, root }) => `/users/${v}/sessions/revoke/all` },
  { method: 'POST', path: ({ v, team, channel, root }) => `/users/${v}/sessions/revoke`, body: () => ({ session_id: victim.client.getToken() }) },
  { method: 'GET', path: ({ v, team, channel, root }) => `/users/${v}/preferences` },
  { method: 'GET', path: ({ v, team, channel, root }) => `/users/${v}/preferences/secret` },
  { method: 'GET', path: ({ v, team, channel, root }) => `/users/${v}/preferences/secret/name/note` },
  { method: 'PUT', path: ({ v, team, channel, root }) => `/users/${v}/preferences`, body: ({ v, team, root }) => [{ user_id: v, category: 'secret', name: 'note', value: 'owned' }] },
  { method: 'POST', path: ({ v, team, channel, root }) => `/users/${v}/preferences/delete`, body: ({ v, team, root }) => [{ user_id: v, category: 'secret', name: 'note', value: '' }] },
  { method: 'GET', path: ({ v, team, channel, root }) => `/users/${v}/posts/flagged` },
  { method: 'GET', path: ({ v, team, channel, root }) => `/users/${v}/channels` },
  { method: 'GET', path: ({ v, team, channel, root }) => `/users/${v}/channel_members` },
  { method: 'GET', path: ({ v, team, channel, root }) => `/users/${v}/teams/members` },
  { method: 'GET', path: ({ v, team, channel, root }) => `/users/${v}/teams/unread` },
  { method: 'GET', path: ({ v, team, channel, root }) => `/users/${v}/teams/${team}/unread` },
  { method: 'GET', path: ({ v, team, channel, root }) => `/users/${v}/teams/${team}/channels` },
  { method: 'GET', path: ({ v, team, channel, root }) => `/users/${v}/teams/${team}/channels/members` },
  { method: 'GET', path: ({ v, team, channel, root }) => `/users/${v}/channels/${channel}/posts/unread` },
  { method: 'POST', path: ({ v, team, channel, root }) => `/users/${v}/posts/${root}/set_unread` },
  { method: 'DELETE', path: ({ v, team, channel, root }) => `/users/${v}/posts/${root}/reactions/smile` },
  { method: 'POST', path: () => '/reactions', body: ({ v, team, root }) => ({ user_id: v, post_id: root, emoji_name: 'smile' }) },
  { method: 'GET', path: ({ v, team, channel, root }) => `/users/${v}/teams/${team}/threads` },
  { method: 'GET', path: ({ v, team, channel, root }) => `/users/${v}/teams/${team}/threads/${root}` },
  { method: 'PUT', path: ({ v, team, channel, root }) => `/users/${v}/teams/${team}/threads/read` },
  { method: 'PUT', path: ({ v, team, channel, root }) => `/users/${v}/teams/${team}/threads/${root}/read/1700000000000` },
  { method: 'POST', path: ({ v, team, channel, root }) => `/users/${v}/teams/${team}/threads/${root}/set_unread/${root}` },
  { method: 'PUT', path: ({ v, team, channel, root }) => `/users/${v}/teams/${team}/threads/${root}/following` },
  { method: 'DELETE', path: ({ v, team, channel, root }) => `/users/${v}/teams/${team}/threads/${root}/following` },
  { method: 'GET', path: ({ v, team, channel, root }) => `/users/${v}/teams/${team}/channels/categories` },
  { method: 'GET', path: ({ v, team, channel, root }) => `/users/${v}/teams/${team}/channels/categories/order` },
  { method: 'POST', path: ({ v, team, channel, root }) => `/users/${v}/teams/${team}/channels/categories`, body: ({ v, team, root }) => ({ user_id: v, team_id: team, display_name: 'Owned' }) },
  { method: 'PUT', path: ({ v, team, channel, root }) => `/channels/${channel}/members/${v}/notify_props`, body: ({ v, team, root }) => ({ desktop: 'none' }) },
  { method: 'PUT', path: ({ v, team, channel, root }) => `/channels/${channel}/members/${v}/roles`, body: ({ v, team, root }) => ({ roles: 'channel_user channel_admin' }) },
  { method: 'PUT', path: ({ v, team, channel, root }) => `/teams/${team}/members/${v}/roles`, body: ({ v, team, root }) => ({ roles: 'team_user' }) },
];

describe('another user\'s private state', () => {
  it.each(cases.map((c) => [`${c.method} ${c.path(PLACEHOLDERS)}`, c] as const))('%s → 403', async (_name, c) => {
    const ids = { v: victim.user.id, team: team.id, channel: channel.id, root: root.id };
    const response = await raw(server, c.method, c.path(ids), { token: mate.token, body: c.body?.(ids) as object | undefined });
    expect(response.status, JSON.stringify(response.body)).toBe(403);
    expect(response.body.status_code).toBe(403);
    expect(JSON.stringify(response.body)).not.toContain(SECRET);
  });

  it('left the victim as they were', async () => {
    const me = await victim.client.getMe();
    expect(me).toMatchObject({ nickname: '', delete_at: 0, roles: 'system_user' });
    const preferences = await raw(server, 'GET', '/users/me/preferences/secret', { token: victim.token });
    expect(preferences.body).toEqual([expect.objectContaining({ name: 'note', value: SECRET })]);
    expect((await victim.client.getFlaggedPosts(victim.user.id)).order).toEqual([root.id]);
    expect((await victim.client.getMyChannelMember(channel.id)).notify_props.desktop).toBe('default');
    expect((await victim.client.getReactionsForPost(root.id))).toEqual([]);
    const status = await victim.client.getStatus(victim.user.id);
    expect(status.status).not.toBe('dnd');
  });
});
