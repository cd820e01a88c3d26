import type { Role } from '@mattermost/types/roles';
import type { Scheme } from '@mattermost/types/schemes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, raw, startTestServer, unique, type TestServer, type TestUser } from '../../harness.js';
import { newChannel, newTeam } from '../../team_fixtures.js';

let server: TestServer;
let admin: TestUser;
let member: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  admin = await createUser(server, 'auditadmin');
  member = await createUser(server, 'auditmember');
});
afterAll(() => server?.close());

async function audits(): Promise<{ action: string; user_id: string; extra_info: string; object: string }[]> {
  return (await raw(server, 'GET', '/audits?per_page=200', { token: admin.token })).body;
}

describe('permission changes in the audit log', () => {
  it('records role patches, scheme changes, scheme assignment, channel moderation and config changes', async () => {
    const role = (await raw(server, 'GET', '/roles/name/team_user', { token: admin.token })).body as Role;
    expect((await raw(server, 'PUT', `/roles/${role.id}/patch`, { token: admin.token, body: { permissions: role.permissions } })).status).toBe(200);
    const scheme = (await raw(server, 'POST', '/schemes', { token: admin.token, body: { display_name: unique('Scheme'), scope: 'team' } })).body as Scheme;
    const team = await newTeam(admin.client);
    expect((await raw(server, 'PUT', `/teams/${team.id}/scheme`, { token: admin.token, body: { scheme_id: scheme.id } })).status).toBe(200);
    const channel = await newChannel(admin.client, team.id);
    const moderation = await raw(server, 'PUT', `/channels/${channel.id}/moderations/patch`, {
      token: admin.token, body: [{ name: 'create_reactions', roles: { members: false } }],
    });
    expect(moderation.status).toBe(200);
    expect((await raw(server, 'DELETE', `/schemes/${scheme.id}`, { token: admin.token })).status).toBe(200);
    await admin.client.patchConfig({ TeamSettings: { SiteName: 'Audit Me' } });
    // A refused attempt is recorded too, as the non-admin who tried it.
    expect((await raw(server, 'PUT', `/roles/${role.id}/patch`, { token: member.token, body: { permissions: [] } })).status).toBe(403);

    const log = await audits();
    const by = (action: string) => log.filter((a) => a.action === action);
    expect(by('role.patch').map((a) => a.user_id)).toEqual(expect.arrayContaining([admin.user.id, member.user.id]));
    expect(by('role.patch').find((a) => a.user_id === member.user.id)?.extra_info).toContain('fail');
    expect(by('role.patch').find((a) => a.user_id === admin.user.id)?.object).toBe(role.id);
    expect(by('scheme.create')).toHaveLength(1);
    expect(by('team.scheme.update')[0]?.object).toBe(team.id);
    expect(by('channel.moderation.update')[0]?.object).toBe(channel.id);
    expect(by('scheme.delete')[0]?.object).toBe(scheme.id);
    expect(by('config.update')[0]?.extra_info).toContain('TeamSettings.SiteName');
  });
});
