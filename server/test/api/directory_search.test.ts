import type { UserProfile } from '@mattermost/types/users';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, newClient, raw, startTestServer, unique, type TestServer, type TestUser } from '../harness.js';
import { teamWith, type TeamWorld } from './post_fixtures.js';

// Prefix searches are index ranges (store/sql/like.ts) and the user search unions each column's nearest matches
// (store/sql/users.ts): these pin down what those rewrites must keep answering.

describe('people search by prefix', () => {
  let server: TestServer;
  let world: TeamWorld;
  let searcher: TestUser;
  const tag = `q${unique('d').toLowerCase().replace(/[^a-z0-9]/g, '').slice(-8)}`;
  const created: Record<string, UserProfile> = {};

  async function person(key: string, fields: { username: string; first_name?: string; last_name?: string; nickname?: string }): Promise<void> {
    const client = newClient(server);
    const user = await client.createUser({ email: `${fields.username.replace(/[^a-z0-9]/g, '')}@people.test`, password: 'correct-horse-battery', ...fields } as UserProfile, '', '');
    await world.owner.client.addToTeam(world.team.id, user.id);
    created[key] = user;
  }

  const search = async (term: string, body: Record<string, unknown> = {}): Promise<string[]> => {
    const r = await raw(server, 'POST', '/users/search', { token: searcher.token, body: { term, team_id: world.team.id, ...body } });
    expect(r.status).toBe(200);
    return (r.body as UserProfile[]).map((u) => u.username);
  };

  beforeAll(async () => {
    server = await startTestServer();
    await createUser(server, 'admin');
    world = await teamWith(server, 1);
    searcher = world.members[0];
    await person('dash', { username: `${tag}-dash` });
    await person('dot', { username: `${tag}.dot` });
    await person('under', { username: `${tag}_under` });
    await person('plain', { username: `${tag}xplain` });
    await person('first', { username: `zz${tag}first`, first_name: `Umit${tag}` });
    await person('last', { username: `zz${tag}last`, last_name: `${tag}Mc` });
    await person('nick', { username: `zz${tag}nick`, nickname: `${tag}Nick` });
  });
  afterAll(async () => server?.close());

  it('takes punctuation and LIKE wildcards in the term literally', async () => {
    expect(await search(`${tag}-`)).toEqual([`${tag}-dash`]);
    expect(await search(`${tag}.`)).toEqual([`${tag}.dot`]);
    expect(await search(`${tag}_`)).toEqual([`${tag}_under`]);
    expect(await search(`${tag}%`)).toEqual([]);
  });

  it('matches any of username, first name, last name and nickname, case-insensitively, sorted by username', async () => {
    expect(await search(tag.toUpperCase())).toEqual([
      `${tag}-dash`, `${tag}.dot`, `${tag}_under`, `${tag}xplain`, `zz${tag}last`, `zz${tag}nick`,
    ].sort());
    expect(await search(`umit${tag}`)).toEqual([`zz${tag}first`]);
    expect(await search(`${tag}mc`)).toEqual([`zz${tag}last`]);
    expect(await search(`${tag}nic`)).toEqual([`zz${tag}nick`]);
  });

  it('returns at most the limit, and a match in any column is reachable by its prefix', async () => {
    expect(await search(tag, { limit: 2 })).toEqual([`${tag}-dash`, `${tag}.dot`]);
    // Usernames sharing the searched prefix never crowd out a last-name match.
    expect(await search(`${tag}m`, { limit: 1 })).toEqual([`zz${tag}last`]);
  });

  it('keeps to the channel filters of autocomplete', async () => {
    const channel = await world.owner.client.createChannel({ team_id: world.team.id, name: unique('dir').toLowerCase(), display_name: 'Dir', type: 'O' } as never);
    await world.owner.client.addToChannel(created.dot.id, channel.id);
    const result = await searcher.client.autocompleteUsers(tag, world.team.id, channel.id);
    expect(result.users.map((u) => u.username)).toEqual([`${tag}.dot`]);
    expect(result.out_of_channel?.map((u) => u.username)).toContain(`${tag}-dash`);
    expect(result.out_of_channel?.map((u) => u.username)).not.toContain(`${tag}.dot`);
  });
});
