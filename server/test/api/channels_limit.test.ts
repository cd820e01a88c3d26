import type { Channel } from '@mattermost/types/channels';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, startTestServer, unique, type TestServer, type TestUser } from '../harness.js';
import { newTeam } from '../team_fixtures.js';

// TeamSettings.MaxChannelsPerTeam: open and private channels, not archived, that one team may have.

let server: TestServer;
let user: TestUser;

beforeAll(async () => {
  server = await startTestServer({ maxChannelsPerTeam: 4 });
  user = await createUser(server, 'creator');
});
afterAll(async () => {
  await server?.close();
});

const create = (teamId: string, type: 'O' | 'P') => {
  const name = unique('lim').toLowerCase();
  return user.client.createChannel({ team_id: teamId, name, display_name: name, type } as Channel);
};

describe('channels a team may have', () => {
  it('refuses a channel past the limit, counting private ones and not archived ones', async () => {
    const team = await newTeam(user.client);
    // Town Square and Off-Topic are two of the four.
    await create(team.id, 'O');
    const privateOne = await create(team.id, 'P');
    await expect(create(team.id, 'O')).rejects.toMatchObject({ status_code: 400, server_error_id: 'store.sql_channel.save_channel.limit.app_error' });
    await user.client.deleteChannel(privateOne.id);
    expect((await create(team.id, 'P')).type).toBe('P');
    // Another team has a count of its own.
    const other = await newTeam(user.client);
    expect((await create(other.id, 'O')).team_id).toBe(other.id);
  });
});
