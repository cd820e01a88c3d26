import type { UserProfile } from '@mattermost/types/users';
import { describe, expect, it } from 'vitest';
import { createUser, newClient, raw, startTestServer, unique } from '../../harness.js';
import { newChannel, newTeam } from '../../team_fixtures.js';
import { useWsSuite } from '../../ws_fixture.js';

const suite = useWsSuite();
const me = async (token: string): Promise<number> => (await raw(suite.server, 'GET', '/users/me', { token })).status;

describe('user statistics', () => {
  it('GET /users/stats counts active users for anyone signed in (not read as /users/{id})', async () => {
    const before = (await raw(suite.server, 'GET', '/users/stats', { token: suite.world.admin.token })).body.total_users_count as number;
    const user = await createUser(suite.server, 'statsone');
    const res = await raw(suite.server, 'GET', '/users/stats', { token: user.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ total_users_count: before + 1 });
    await suite.world.admin.client.updateUserActive(user.user.id, false);
    expect((await suite.world.admin.client.getTotalUsersStats()).total_users_count).toBe(before);
    expect((await raw(suite.server, 'GET', '/users/stats')).status).toBe(401);
  });

  it('GET /users/stats/filtered counts by team, team role, channel, system role and deactivation', async () => {
    const admin = suite.world.admin;
    const team = await newTeam(admin.client);
    const [a, b, gone] = [await createUser(suite.server, 'fa'), await createUser(suite.server, 'fb'), await createUser(suite.server, 'fg')];
    for (const u of [a, b, gone]) await admin.client.addToTeam(team.id, u.user.id);
    await admin.client.updateTeamMemberSchemeRoles(team.id, a.user.id, true, true);
    const channel = await newChannel(admin.client, team.id, 'P');
    await admin.client.addToChannel(b.user.id, channel.id);
    await admin.client.updateUserActive(gone.user.id, false);

    const count = async (query: string) => {
      const res = await raw(suite.server, 'GET', `/users/stats/filtered?${query}`, { token: admin.token });
      expect(res.status).toBe(200);
      return res.body.total_users_count as number;
    };
    expect(await count(`in_team=${team.id}`)).toBe(3); // the admin (creator), a, b
    expect(await count(`in_team=${team.id}&include_deleted=true`)).toBe(4);
    expect(await count(`in_team=${team.id}&team_roles=team_admin`)).toBe(2);
    expect(await count(`in_team=${team.id}&team_roles=team_user`)).toBe(1);
    expect(await count(`in_channel=${channel.id}`)).toBe(2);
    expect(await count(`in_channel=${channel.id}&channel_roles=channel_admin`)).toBe(1);
    expect(await count(`in_team=${team.id}&roles=system_admin`)).toBe(1);
    expect(await count(`in_team=${team.id}&roles=system_user`)).toBe(2);
    const stats = await admin.client.getFilteredUsersStats({ in_team: team.id, include_deleted: true });
    expect(stats.total_users_count).toBe(4);
  });

  it('filtered counts are for the console only, and bad filters are a 400', async () => {
    const user = await createUser(suite.server, 'nosee');
    expect((await raw(suite.server, 'GET', '/users/stats/filtered', { token: user.token })).status).toBe(403);
    const token = suite.world.admin.token;
    expect((await raw(suite.server, 'GET', '/users/stats/filtered?roles=System-Admin', { token })).status).toBe(400);
    expect((await raw(suite.server, 'GET', '/users/stats/filtered?in_team=bad', { token })).status).toBe(400);
    expect((await raw(suite.server, 'GET', '/users/stats/filtered?include_deleted=maybe', { token })).status).toBe(400);
  });
});

describe('listing users for the console', () => {
  it('filters by roles and team roles, and checks where each sort applies', async () => {
    const admin = suite.world.admin;
    const team = await newTeam(admin.client);
    const a = await createUser(suite.server, 'la');
    await admin.client.addToTeam(team.id, a.user.id);
    const admins = await raw(suite.server, 'GET', `/users?in_team=${team.id}&roles=system_admin`, { token: admin.token });
    expect((admins.body as UserProfile[]).map((u) => u.id)).toEqual([admin.user.id]);
    const users = await raw(suite.server, 'GET', `/users?in_team=${team.id}&team_roles=team_user`, { token: admin.token });
    expect((users.body as UserProfile[]).map((u) => u.id)).toEqual([a.user.id]);
    const newest = await raw(suite.server, 'GET', `/users?in_team=${team.id}&sort=create_at`, { token: admin.token });
    expect((newest.body as UserProfile[]).map((u) => u.id)).toEqual([a.user.id, admin.user.id]);
    expect((await raw(suite.server, 'GET', '/users?sort=create_at', { token: admin.token })).status).toBe(400);
    expect((await raw(suite.server, 'GET', '/users?sort=shoe_size', { token: admin.token })).status).toBe(400);
    expect((await raw(suite.server, 'GET', '/users?active=true&inactive=true', { token: admin.token })).status).toBe(400);
    expect((await raw(suite.server, 'GET', '/users?roles=system_admin', { token: a.token })).status).toBe(403);
  });
});

describe('deactivation', () => {
  it('ends the user\'s sessions and closes their sockets at once', async () => {
    const user = await createUser(suite.server, 'deact');
    const socket = suite.world.authedSocket(user.token);
    await socket.next((f) => f.event === 'hello');
    expect(await me(user.token)).toBe(200);

    await suite.world.admin.client.updateUserActive(user.user.id, false);

    expect(await me(user.token)).toBe(401);
    expect((await socket.closed).code).toBe(1008);
    const login = await raw(suite.server, 'POST', '/users/login', { body: { login_id: user.user.username, password: user.password } });
    expect(login.status).toBe(401);
    await suite.world.admin.client.updateUserActive(user.user.id, true);
    expect((await newClient(suite.server).login(user.user.username, user.password)).id).toBe(user.user.id);
  });

  it('is refused to other users; users may deactivate themselves but not come back', async () => {
    const user = await createUser(suite.server, 'selfdeact');
    const other = await createUser(suite.server, 'otherdeact');
    expect((await raw(suite.server, 'PUT', `/users/${other.user.id}/active`, { token: user.token, body: { active: false } })).status).toBe(403);
    expect((await raw(suite.server, 'PUT', `/users/${other.user.id}/active`, { token: suite.world.admin.token, body: { active: 'no' } })).status).toBe(400);
    expect((await raw(suite.server, 'PUT', `/users/${user.user.id}/active`, { token: user.token, body: { active: false } })).status).toBe(200);
    expect(await me(user.token)).toBe(401);
  });
});

describe('system roles', () => {
  it('an admin assigns Mattermost\'s system roles; unknown roles and non-admins are refused', async () => {
    const admin = suite.world.admin;
    const user = await createUser(suite.server, 'roled');
    for (const role of ['system_user_manager', 'system_manager', 'system_read_only_admin', 'system_custom_group_admin']) {
      await admin.client.updateUserRoles(user.user.id, `system_user ${role}`);
      expect((await admin.client.getUser(user.user.id)).roles).toBe(`system_user ${role}`);
    }
    const token = admin.token;
    for (const roles of ['system_user system_wizard', 'team_admin', '', 'system_admin']) {
      expect((await raw(suite.server, 'PUT', `/users/${user.user.id}/roles`, { token, body: { roles } })).status).toBe(400);
    }
    expect((await raw(suite.server, 'PUT', `/users/${user.user.id}/roles`, { token: user.token, body: { roles: 'system_user system_admin' } })).status).toBe(403);
  });

  it('a read-only admin reads the console\'s counts, statistics and logs but changes nothing', async () => {
    const reader = await createUser(suite.server, 'readonly');
    const target = await createUser(suite.server, 'untouched');
    await suite.world.admin.client.updateUserRoles(reader.user.id, 'system_user system_read_only_admin');
    expect((await raw(suite.server, 'GET', '/users/stats/filtered', { token: reader.token })).status).toBe(200);
    expect((await raw(suite.server, 'GET', '/analytics/old?name=standard', { token: reader.token })).status).toBe(200);
    expect((await raw(suite.server, 'GET', '/logs', { token: reader.token })).status).toBe(200);
    expect((await raw(suite.server, 'PUT', `/users/${target.user.id}/active`, { token: reader.token, body: { active: false } })).status).toBe(403);
  });
});

describe('passwords and accounts made by an admin', () => {
  it('an admin sets a password without the old one; a user may not set another\'s', async () => {
    const user = await createUser(suite.server, 'pwreset');
    const other = await createUser(suite.server, 'pwother');
    expect((await raw(suite.server, 'PUT', `/users/${user.user.id}/password`, { token: other.token, body: { new_password: 'another-password-1' } })).status).toBe(403);
    await suite.world.admin.client.updateUserPassword(user.user.id, '', 'set-by-the-admin');
    expect((await newClient(suite.server).login(user.user.username, 'set-by-the-admin')).id).toBe(user.user.id);
  });

  it('an admin creates users when open sign-up is off; anyone else is refused', async () => {
    const closed = await startTestServer({ enableOpenServer: false });
    try {
      const admin = await createUser(closed, 'firstadmin');
      const name = unique('made').toLowerCase().slice(0, 20);
      const made = await admin.client.createUser({ username: name, email: `${name}@example.com`, password: 'made-by-admin-1' } as UserProfile, '', '');
      expect(made.username).toBe(name);
      const refused = await raw(closed, 'POST', '/users', { body: { username: `${name}x`, email: `${name}x@example.com`, password: 'anonymous-pw-1' } });
      expect(refused.status).toBe(403);
    } finally {
      await closed.close();
    }
  });
});
