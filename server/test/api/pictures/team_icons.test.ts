import type { Team } from '@mattermost/types/teams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, startTestServer, type TestServer, type TestUser } from '../../harness.js';
import { newTeam, recordEvents } from '../../team_fixtures.js';
import { blob, fetchRaw, form, imageMeta, solid } from './images.js';

let server: TestServer;
let admin: TestUser;
beforeAll(async () => {
  server = await startTestServer();
  admin = await createUser(server, 'admin');
});
afterAll(async () => {
  await server?.close();
});

async function teamWithMember(type: 'O' | 'I'): Promise<{ owner: TestUser; member: TestUser; team: Team }> {
  const owner = await createUser(server, 'owner');
  const member = await createUser(server, 'member');
  const team = await newTeam(owner.client, type);
  await owner.client.addToTeam(team.id, member.user.id);
  return { owner, member, team };
}

describe('team icons', () => {
  it('has none at first (404), then stores a 128 px square PNG, bumps last_team_icon_update and tells the members', async () => {
    const { owner, member, team } = await teamWithMember('O');
    const none = await fetchRaw(server, 'GET', `/teams/${team.id}/image`, member.token);
    expect(none.status).toBe(404);
    expect(none.json.id).toBe('api.team.get_team_icon.read_file.app_error');

    const recorder = recordEvents(server);
    await owner.client.setTeamIcon(team.id, blob(await solid(400, 100, 'gif'), 'image/gif'));
    recorder.stop();
    const updated = await member.client.getTeam(team.id);
    expect(updated.last_team_icon_update).toBeGreaterThan(0);
    const event = recorder.events.find((e) => e.event === 'update_team');
    expect(event?.broadcast.team_id).toBe(team.id);
    const sent = JSON.parse(event?.data.team as string) as Team;
    expect(sent).toMatchObject({ id: team.id, last_team_icon_update: updated.last_team_icon_update, invite_id: '' });

    const icon = await fetchRaw(server, 'GET', `/teams/${team.id}/image?_=${updated.last_team_icon_update}`, member.token);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toBe('image/png');
    expect(await imageMeta(icon.bytes)).toMatchObject({ format: 'png', width: 128, height: 128 });
    const cached = await fetchRaw(server, 'GET', `/teams/${team.id}/image`, member.token, { headers: { 'If-None-Match': String(updated.last_team_icon_update) } });
    expect(cached.status).toBe(304);

    await owner.client.removeTeamIcon(team.id);
    expect((await member.client.getTeam(team.id)).last_team_icon_update).toBe(0);
    expect((await fetchRaw(server, 'GET', `/teams/${team.id}/image`, member.token)).status).toBe(404);
  });

  it('takes manage_team to change the icon, and keeps a private team\'s icon from outsiders', async () => {
    const { owner, member, team } = await teamWithMember('I');
    const outsider = await createUser(server, 'outsider');
    const png = await solid(60, 60);
    for (const user of [member, outsider]) {
      expect((await fetchRaw(server, 'POST', `/teams/${team.id}/image`, user.token, { body: form(png) })).status).toBe(403);
      expect((await fetchRaw(server, 'DELETE', `/teams/${team.id}/image`, user.token)).status).toBe(403);
    }
    expect((await owner.client.getTeam(team.id)).last_team_icon_update).toBe(0);
    await owner.client.setTeamIcon(team.id, blob(png));
    expect((await fetchRaw(server, 'GET', `/teams/${team.id}/image`, member.token)).status).toBe(200);
    expect((await fetchRaw(server, 'GET', `/teams/${team.id}/image`, outsider.token)).status).toBe(403);
  });

  it('refuses a non-image with 400 and an upload over MaxFileSize with 413', async () => {
    const { owner, team } = await teamWithMember('O');
    const text = await fetchRaw(server, 'POST', `/teams/${team.id}/image`, owner.token, { body: form(Buffer.from('%PDF-1.4 not an image')) });
    expect(text.json).toMatchObject({ status_code: 400, id: 'api.team.set_team_icon.decode.app_error' });
    await admin.client.patchConfig({ FileSettings: { MaxFileSize: 20_000 } } as never);
    try {
      const large = await fetchRaw(server, 'POST', `/teams/${team.id}/image`, owner.token, { body: form(Buffer.alloc(30_000, 3)) });
      expect(large.json).toMatchObject({ status_code: 413, id: 'api.team.set_team_icon.too_large.app_error' });
    } finally {
      await admin.client.patchConfig({ FileSettings: { MaxFileSize: 104857600 } } as never);
    }
    expect((await owner.client.getTeam(team.id)).last_team_icon_update).toBe(0);
  });
});
