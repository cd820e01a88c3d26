import type { Channel, ChannelsWithTotalCount, ChannelWithTeamData } from '@mattermost/types/channels';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, raw, startTestServer, unique, type TestServer, type TestUser } from '../harness.js';
import { newChannel, newTeam } from '../team_fixtures.js';

// The system console's channel directory: every team channel, with its team, for system admins only.

let server: TestServer;
let admin: TestUser;
let user: TestUser;
let prefix: string;
const made: Record<string, Channel> = {};

beforeAll(async () => {
  server = await startTestServer();
  admin = await createUser(server, 'diradmin');
  user = await createUser(server, 'diruser');
  prefix = unique('dir').toLowerCase().replace(/[^a-z0-9]/g, '');
  const [red, blue] = [await newTeam(user.client), await newTeam(user.client)];
  const make = async (key: string, teamId: string, type: 'O' | 'P') => {
    made[key] = await user.client.createChannel({ team_id: teamId, name: `${prefix}-${key}`, display_name: `${prefix} ${key}`, type } as Channel);
  };
  await make('alpha', red.id, 'O');
  await make('beta', red.id, 'P');
  await make('gamma', blue.id, 'O');
  await make('delta', blue.id, 'P');
  await user.client.deleteChannel(made.delta.id);
  await user.client.createDirectChannel([user.user.id, admin.user.id]);
  // Another team's channel that does not match the prefix.
  await newChannel(user.client, red.id);
});
afterAll(async () => {
  await server?.close();
});

const search = async (body: object): Promise<ChannelWithTeamData[]> =>
  (await admin.client.searchAllChannels(prefix, body as never)) as unknown as ChannelWithTeamData[];

/** Client4.getAllChannels with its trailing options spelled out (it takes all nine). */
const listAll = (client: TestUser['client'], page: number, perPage: number, o: { includeDeleted?: boolean } = {}) =>
  client.getAllChannels(page, perPage, '', false, undefined, o.includeDeleted ?? false, false, undefined, undefined);

describe('channel directory', () => {
  it('lists team channels of every team with their team, never DMs, archived only on request', async () => {
    const all = await listAll(admin.client, 0, 200);
    const mine = all.filter((c) => c.name.startsWith(prefix));
    expect(mine.map((c) => c.name).sort()).toEqual([`${prefix}-alpha`, `${prefix}-beta`, `${prefix}-gamma`]);
    expect(all.some((c) => c.type === 'D' || c.type === 'G')).toBe(false);
    const alpha = mine.find((c) => c.id === made.alpha.id);
    expect(alpha).toMatchObject({ team_id: made.alpha.team_id, team_name: expect.any(String), team_display_name: expect.any(String), team_update_at: expect.any(Number) });
    const withDeleted = await listAll(admin.client, 0, 200, { includeDeleted: true });
    expect(withDeleted.some((c) => c.id === made.delta.id)).toBe(true);
    const counted = await admin.client.getAllChannels(0, 2, '', false, true, false, false, undefined, undefined);
    expect(counted.channels).toHaveLength(2);
    expect(counted.total_count).toBe(all.length);
  });

  it('searches by name prefix, kind, team and archived state, and pages with a total', async () => {
    expect((await search({})).map((c) => c.id).sort()).toEqual([made.alpha.id, made.beta.id, made.gamma.id].sort());
    expect((await search({ private: true })).map((c) => c.id)).toEqual([made.beta.id]);
    expect((await search({ public: true, team_ids: [made.gamma.team_id] })).map((c) => c.id)).toEqual([made.gamma.id]);
    expect((await search({ deleted: true })).map((c) => c.id)).toEqual([made.delta.id]);
    const paged = (await admin.client.searchAllChannels(prefix, { page: 1, per_page: 2 } as never)) as unknown as ChannelsWithTotalCount;
    expect(paged.total_count).toBe(3);
    expect(paged.channels.map((c) => c.display_name)).toEqual([`${prefix} gamma`]);
  });

  it('is for system admins only', async () => {
    await expect(listAll(user.client, 0, 10)).rejects.toMatchObject({ status_code: 403 });
    await expect(user.client.searchAllChannels(prefix, {} as never)).rejects.toMatchObject({ status_code: 403 });
    const bad = await raw(server, 'POST', '/channels/search', { token: admin.token, body: { term: prefix, team_ids: ['nope'] } });
    expect(bad.status).toBe(400);
  });
});
