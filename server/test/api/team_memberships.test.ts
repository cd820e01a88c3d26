import type { Team } from '@mattermost/types/teams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, DB, raw, startTestServer, statementsSent, type TestServer, type TestUser } from '../harness.js';
import { newTeam } from '../team_fixtures.js';

// Permission checks read a caller's team membership from a cache the bus keeps current: a change must count at once.
let server: TestServer;
let owner: TestUser;
let member: TestUser;
let team: Team;
beforeAll(async () => {
  server = await startTestServer();
  owner = await createUser(server, 'tmowner');
  member = await createUser(server, 'tmmember');
  team = await newTeam(owner.client);
  await owner.client.addToTeam(team.id, member.user.id);
});
afterAll(() => server?.close());

const channelsOf = (user: TestUser) => raw(server, 'GET', `/users/me/teams/${team.id}/channels`, { token: user.token });
const rename = (user: TestUser) => raw(server, 'PUT', `/teams/${team.id}/patch`, { token: user.token, body: { display_name: 'Renamed' } });

describe('team memberships in permission checks', () => {
  it('reads a caller\'s membership once for repeated team requests', async () => {
    expect((await channelsOf(member)).status).toBe(200);
    // The fewest of a few calls: a background job's statement can only add to one.
    let fewest = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 5; i++) {
      const before = await statementsSent();
      expect((await channelsOf(member)).status).toBe(200);
      fewest = Math.min(fewest, await statementsSent() - before);
    }
    // The channel list alone (two with the membership read); SQLite sends nothing over a wire to count.
    expect(fewest).toBe(DB === 'postgres' ? 1 : 0);
  });

  it('refuses at once a member who was removed, and lets them back in when added again', async () => {
    expect((await channelsOf(member)).status).toBe(200);
    expect((await raw(server, 'DELETE', `/teams/${team.id}/members/${member.user.id}`, { token: owner.token })).status).toBe(200);
    expect((await channelsOf(member)).status).toBe(403);
    await owner.client.addToTeam(team.id, member.user.id);
    expect((await channelsOf(member)).status).toBe(200);
  });

  it('refuses at once a member who left by themselves', async () => {
    expect((await channelsOf(member)).status).toBe(200);
    expect((await raw(server, 'DELETE', `/teams/${team.id}/members/${member.user.id}`, { token: member.token })).status).toBe(200);
    expect((await channelsOf(member)).status).toBe(403);
    await owner.client.addToTeam(team.id, member.user.id);
  });

  it('follows team role changes at once, both ways', async () => {
    expect((await rename(member)).status).toBe(403);
    const promote = await raw(server, 'PUT', `/teams/${team.id}/members/${member.user.id}/roles`, { token: owner.token, body: { roles: 'team_user team_admin' } });
    expect(promote.status).toBe(200);
    expect((await rename(member)).status).toBe(200);
    const demote = await raw(server, 'PUT', `/teams/${team.id}/members/${member.user.id}/roles`, { token: owner.token, body: { roles: 'team_user' } });
    expect(demote.status).toBe(200);
    expect((await rename(member)).status).toBe(403);
  });
});
