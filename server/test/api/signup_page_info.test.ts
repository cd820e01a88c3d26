import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, raw, startTestServer, type TestServer, type TestUser } from '../harness.js';
import { newTeam } from '../team_fixtures.js';

// What a signed-out sign-up page may learn: whether the server has accounts yet, and which team an invite link is for.

let server: TestServer;
/** The first account, and so the system admin. */
let admin: TestUser;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe('the sign-up page facts', () => {
  it('says NoAccounts until the first account exists, and not after', async () => {
    const before = await raw(server, 'GET', '/config/client?format=old');
    expect(before.status).toBe(200);
    expect(before.body.NoAccounts).toBe('true');
    admin = await createUser(server, 'first');
    const after = await raw(server, 'GET', '/config/client?format=old');
    expect(after.body.NoAccounts).toBe('false');
  });

  it('names the team of an invite link without a session, and nothing for an unknown link', async () => {
    const owner = await createUser(server, 'owner');
    const team = await newTeam(owner.client, 'I');
    const info = await raw(server, 'GET', `/teams/invite/${team.invite_id}`);
    expect(info.status).toBe(200);
    expect(info.body).toEqual({ id: team.id, name: team.name, display_name: team.display_name, description: team.description });
    const unknown = await raw(server, 'GET', `/teams/invite/${'x'.repeat(26)}`);
    expect(unknown.status).toBe(404);
  });

  it('tells clients whether archived channels may be viewed', async () => {
    const initial = await raw(server, 'GET', '/config/client?format=old');
    expect(initial.body.ExperimentalViewArchivedChannels).toBe('true');
    const patched = await raw(server, 'PUT', '/config/patch', { token: admin.token, body: { TeamSettings: { ExperimentalViewArchivedChannels: false } } });
    expect(patched.status).toBe(200);
    const after = await raw(server, 'GET', '/config/client?format=old');
    expect(after.body.ExperimentalViewArchivedChannels).toBe('false');
  });
});
