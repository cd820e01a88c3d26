import type { Post, PostSearchResults as UpstreamResults } from '@mattermost/types/posts';
import type { Team } from '@mattermost/types/teams';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PREFIX_COMPLETIONS_CAP } from '../../../src/store/sql/search/search_words.js';
import type { SqlStore } from '../../../src/store/sql/store.js';
import { createUser, raw, startTestServer, type TestServer, type TestUser } from '../../harness.js';
import { newChannel, newTeam } from '../../team_fixtures.js';
import { post } from '../post_fixtures.js';

/** The wire result also carries PostList's has_next, which the upstream type leaves out. */
type PostSearchResults = UpstreamResults & { has_next: boolean };

// Post search over a fixed world: each query lists its exact results, newest first. Posts are dated one a day
// from 2024-01-02 at noon UTC (p1, p2, …), so date flags select known posts.

let server: TestServer;
let alice: TestUser; let bob: TestUser; let carol: TestUser; let dave: TestUser; let eve: TestUser;
let team: Team; let otherTeam: Team;
let generalName = '';
const p: Record<number, Post> = {};

const day = (n: number): number => Date.UTC(2024, 0, 1 + n, 12, 0, 0);

async function setCreateAt(postId: string, at: number): Promise<void> {
  const store = server.app.deps.store as SqlStore;
  await sql`UPDATE posts SET create_at = ${at}, update_at = ${at} WHERE id = ${postId}`.execute(store.db);
}

interface SearchBody { terms: string; is_or_search?: boolean; time_zone_offset?: number; include_deleted_channels?: boolean; page?: number; per_page?: number }

async function search(user: TestUser, body: SearchBody, teamId: string | null = team.id): Promise<PostSearchResults> {
  return user.client.searchPostsWithParams(teamId ?? '', { is_or_search: false, ...body } as never) as Promise<PostSearchResults>;
}

/** Terms with {alice}, {bob}, {carol}, {secret} and {general} replaced by the fixture's generated names. */
const named = (terms: string): string => terms.replace(/\{(\w+)\}/gu, (_, name: string) => names[name] ?? name);
const names: Record<string, string> = {};

const ids = (...numbers: number[]): string[] => numbers.map((n) => (p[n] as Post).id);

beforeAll(async () => {
  server = await startTestServer();
  await createUser(server, 'admin');
  [alice, bob, carol, dave, eve] = [await createUser(server, 'alice'), await createUser(server, 'bob'), await createUser(server, 'carol'),
    await createUser(server, 'dave'), await createUser(server, 'eve')];
  team = await newTeam(alice.client);
  for (const u of [bob, carol, dave]) await alice.client.addToTeam(team.id, u.user.id);
  otherTeam = await newTeam(alice.client);
  await alice.client.addToTeam(otherTeam.id, eve.user.id);
  const general = await newChannel(alice.client, team.id, 'O');
  generalName = general.name;
  const secret = await newChannel(alice.client, team.id, 'P');
  Object.assign(names, { alice: alice.user.username, bob: bob.user.username, carol: carol.user.username, secret: secret.name, general: general.name });
  const old = await newChannel(alice.client, team.id, 'O');
  const other = await newChannel(alice.client, otherTeam.id, 'O');
  for (const u of [bob, carol]) await alice.client.addToChannel(u.user.id, general.id);
  await alice.client.addToChannel(bob.user.id, secret.id);
  await alice.client.addToChannel(bob.user.id, old.id);
  await alice.client.addToChannel(eve.user.id, other.id);
  const dm = await bob.client.createDirectChannel([bob.user.id, alice.user.id]);

  const plan: [number, TestUser, string, string, Partial<Post>?][] = [
    [1, alice, general.id, 'The quick brown fox jumps over the lazy dog'],
    [2, bob, general.id, 'Running late for the standup meeting'],
    [3, carol, general.id, 'We run the deployment tonight'],
    [4, alice, general.id, 'Meet me at the café downtown'],
    [5, bob, general.id, 'Release notes for #release v2 #Planning'],
    [6, alice, general.id, 'Talking about release planning without tags'],
    [7, carol, general.id, '東京都に行きます'],
    [8, alice, general.id, '北京大学很好'],
    [9, bob, general.id, '한국어 공부를 합니다'],
    [10, alice, secret.id, 'Confidential zebra budget'],
    [11, bob, dm.id, 'Private lunch plans with pineapple'],
    [12, alice, general.id, 'Deployment pipeline failed again'],
    [13, carol, general.id, 'developer experience matters'],
    [14, alice, general.id, 'foo-bar configuration'],
    [15, bob, general.id, 'Edited: original wording mango'],
    [16, alice, general.id, 'This post mentions kiwi and will be deleted'],
    [17, alice, old.id, 'Archived channel walrus note'],
    [18, alice, other.id, 'Other team walrus plans'],
    [19, alice, general.id, 'Reply about the fox'],
    [20, alice, general.id, `@${bob.user.username} please review the quokka report`],
  ];
  for (const [n, author, channelId, message] of plan) {
    p[n] = await post(author, channelId, message, n === 19 ? { root_id: (p[1] as Post).id } : {});
    await setCreateAt((p[n] as Post).id, day(n));
  }
  p[21] = await post(alice, general.id, 'midnight owl sighting');
  await setCreateAt((p[21] as Post).id, Date.UTC(2024, 0, 25, 23, 30, 0));
  await bob.client.patchPost({ id: (p[15] as Post).id, message: 'Edited: new wording papaya' } as Post);
  await alice.client.deletePost((p[16] as Post).id);
  await alice.client.deleteChannel(old.id);
});

afterAll(async () => {
  await server?.close();
});

// [terms, expected post numbers newest first, options]
const TABLE: [string, number[], Partial<SearchBody>?][] = [
  ['fox', [19, 1]],
  ['quick brown', [1]],
  ['"brown fox"', [1]],
  ['"fox brown"', []],
  ['"lazy dog"', [1]],
  ['running', [3, 2]],
  ['run', [3, 2]],
  ['jumping', [1]],
  ['Running LATE', [2]],
  ['cafe', [4]],
  ['café', [4]],
  ['CAFE', [4]],
  ['#release', [5]],
  ['release', [6, 5]],
  ['#planning', [5]],
  ['#nothere', []],
  ['東京', [7]],
  ['京都', [7]],
  ['大学', [8]],
  ['한국어', [9]],
  ['공부', [9]],
  ['zebra', [10]],
  ['pineapple', [11]],
  ['deploy*', [12, 3]],
  ['dev*', [13]],
  ['foo-bar', [14]],
  ['bar', [14]],
  ['mango', []],
  ['papaya', [15]],
  ['kiwi', []],
  ['walrus', []],
  ['walrus', [17], { include_deleted_channels: true }],
  ['quokka', [20]],
  ['@{bob}', [20]],
  ['fox -reply', [1]],
  ['fox -"lazy dog"', [19]],
  ['from:{alice} fox', [19, 1]],
  ['from:{bob} fox', []],
  ['from:{carol}', [13, 7, 3]],
  ['-from:{carol} run', [2]],
  ['from:nobodyxyz fox', []],
  ['in:{secret} budget', [10]],
  ['in:{general} zebra', []],
  ['in:~{general} fox', [19, 1]],
  ['-in:{secret} zebra', []],
  ['in:@{alice} pineapple', [11]],
  ['in:nonexistent fox', []],
  ['fox zebra', []],
  ['fox zebra', [19, 10, 1], { is_or_search: true }],
  ['@{alice} quokka zebra', [20, 10], { is_or_search: true }],
  ['on:2024-01-02 fox', [1]],
  ['after:2024-01-02 fox', [19]],
  ['before:2024-01-20 fox', [1]],
  ['after:2024-01-01 before:2024-01-03 fox', [1]],
  ['on:2024-13-45 fox', []],
  ['fox*', [19, 1]],
  // Prefixes (on SQLite completed from the dictionary of indexed words): accents folded either way, CJK pieces,
  // a phrase ending in a prefix, an excluded prefix, and words only a replaced or deleted message held.
  ['caf*', [4]],
  ['cafe*', [4]],
  ['café*', [4]],
  ['CAFÉ*', [4]],
  ['cafeteria*', []],
  ['quok*', [20]],
  ['pipe*', [12]],
  ['develop* experience', [13]],
  ['zebr* quok*', [20, 10], { is_or_search: true }],
  ['foo-ba*', [14]],
  ['fox -rep*', [1]],
  ['東京*', [7]],
  ['papa*', [15]],
  ['mang*', []],
  ['kiw*', []],
  ['xyzzy*', []],
  ['xyzzy', []],
  ['-fox', []],
  ['', []],
  ['!!!', []],
];

describe('post search', () => {
  test.each(TABLE.map(([terms, expected, options], i) => ({ i, terms, expected, options })))('#$i $terms', async ({ terms, expected, options }) => {
    const result = await search(bob, { terms: named(terms), ...options });
    expect(result.order).toEqual(ids(...expected));
    expect(Object.keys(result.posts).sort()).toEqual(ids(...expected).sort());
  });

  test('in: a channel by its name finds only that channel', async () => {
    expect((await search(bob, { terms: `in:${generalName} fox` })).order).toEqual(ids(19, 1));
    expect((await search(bob, { terms: `in:~${generalName} zebra` })).order).toEqual([]);
    expect((await search(bob, { terms: named('in:@{alice}') })).order).toEqual(ids(11));
    expect((await search(bob, { terms: named('in:{secret} in:{general} zebra') })).order).toEqual(ids(10));
  });

  test('the result carries matches and the posts themselves', async () => {
    const result = await search(bob, { terms: 'fox' });
    expect(result.matches[(p[1] as Post).id]).toEqual(['fox']);
    expect(result.posts[(p[1] as Post).id]?.message).toBe('The quick brown fox jumps over the lazy dog');
    expect(result.has_next).toBe(false);
  });

  test('pages: per_page and page walk the results newest first', async () => {
    const first = await search(bob, { terms: 'fox', per_page: 1 });
    expect(first.order).toEqual(ids(19));
    expect(first.has_next).toBe(true);
    const second = await search(bob, { terms: 'fox', per_page: 1, page: 1 });
    expect(second.order).toEqual(ids(1));
    expect(second.has_next).toBe(false);
  });

  test('on: follows the time zone offset of the searcher', async () => {
    expect((await search(bob, { terms: 'owl on:2024-01-25', time_zone_offset: 0 })).order).toEqual(ids(21));
    expect((await search(bob, { terms: 'owl on:2024-01-25', time_zone_offset: 3600 })).order).toEqual([]);
    expect((await search(bob, { terms: 'owl on:2024-01-26', time_zone_offset: 3600 })).order).toEqual(ids(21));
    expect((await search(bob, { terms: 'owl on:2024-01-25', time_zone_offset: -7200 })).order).toEqual(ids(21));
  });

  test('all teams: the user\'s channels in every team; archived ones only when asked', async () => {
    expect((await search(alice, { terms: 'walrus' }, null)).order).toEqual(ids(18));
    expect((await search(alice, { terms: 'walrus', include_deleted_channels: true }, null)).order).toEqual(ids(18, 17));
    expect((await search(alice, { terms: 'walrus' }, otherTeam.id)).order).toEqual(ids(18));
    expect((await search(eve, { terms: 'fox' }, null)).order).toEqual([]);
  });

  test('permissions: private channels, unjoined public channels and other teams stay hidden', async () => {
    expect((await search(carol, { terms: 'zebra' })).order).toEqual([]);
    expect((await search(dave, { terms: 'fox' })).order).toEqual([]);
    expect((await search(dave, { terms: 'fox' }, null)).order).toEqual([]);
    const outsider = await raw(server, 'POST', `/teams/${team.id}/posts/search`, { token: eve.token, body: { terms: 'fox' } });
    expect(outsider.status).toBe(403);
    const notMember = await raw(server, 'POST', `/teams/${otherTeam.id}/posts/search`, { token: bob.token, body: { terms: 'walrus' } });
    expect(notMember.status).toBe(403);
    const anonymous = await raw(server, 'POST', '/posts/search', { body: { terms: 'fox' } });
    expect(anonymous.status).toBe(401);
  });

  test('bad input: clear 4xx, never 500', async () => {
    const path = `/teams/${team.id}/posts/search`;
    const cases: [unknown, number][] = [
      [{}, 400],
      [{ terms: 5 }, 400],
      [{ terms: 'fox', page: -1 }, 400],
      [{ terms: 'fox', per_page: 'many' }, 400],
      [{ terms: 'fox', time_zone_offset: 'abc' }, 400],
      [{ terms: 'x'.repeat(20_000) }, 400],
      [{ terms: 'fox', per_page: 1_000_000 }, 200],
      [{ terms: 'on:garbage fox' }, 200],
      [{ terms: '"unclosed phrase' }, 200],
      [{ terms: 'from: in: on: -' }, 200],
      [{ terms: '* ** "*" -* #' }, 200],
      ['not json', 400],
      ...['\u0301', 'e\u0301\u0301', '\u200b', '½ ٣ ℌ', '😀 #😀', "o'neil 'quoted'", 'back\\slash', ':* & | ! <->', 'NEAR(a b)', 'AND OR NOT',
        'message:fox', '{message}: fox', '"a" "b" *', '-"" -# -@', 'ｆｕｌｌｗｉｄｔｈ', '\u3042\u3044', 'x'.repeat(3000)]
        .map((terms): [unknown, number] => [{ terms }, 200]),
    ];
    const answered: [unknown, number][] = [];
    for (const [body] of cases) answered.push([body, (await raw(server, 'POST', path, { token: bob.token, body: body as object })).status]);
    expect(answered).toEqual(cases);
    const clamped = await raw(server, 'POST', path, { token: bob.token, body: { terms: 'fox', per_page: 1_000_000 } });
    expect(clamped.body.order).toEqual(ids(19, 1));
    const badTeam = await raw(server, 'POST', '/teams/nope/posts/search', { token: bob.token, body: { terms: 'fox' } });
    expect(badTeam.status).toBe(400);
  });

  test('EnablePostSearch off: 501 with Mattermost\'s error', async () => {
    server.app.deps.liveConfig.document.ServiceSettings.EnablePostSearch = false;
    try {
      const response = await raw(server, 'POST', `/teams/${team.id}/posts/search`, { token: bob.token, body: { terms: 'fox' } });
      expect(response.status).toBe(501);
      expect(response.body.id).toBe('store.sql_post.search.disabled');
    } finally {
      server.app.deps.liveConfig.document.ServiceSettings.EnablePostSearch = true;
    }
  });

  test('a prefix with more words than are spelled out still finds every post', async () => {
    const channel = await newChannel(alice.client, team.id, 'O');
    await alice.client.addToChannel(bob.user.id, channel.id);
    const many = Array.from({ length: PREFIX_COMPLETIONS_CAP + 50 }, (_, i) => `capword${String(i).padStart(3, '0')}`);
    const first = await post(alice, channel.id, many.join(' '));
    const second = await post(bob, channel.id, 'capwordzulu alone');
    expect((await search(bob, { terms: 'capword*' })).order).toEqual([second.id, first.id]);
    expect((await search(bob, { terms: 'capword*', per_page: 1, page: 1 })).order).toEqual([first.id]);
    expect((await search(bob, { terms: 'capword00*' })).order).toEqual([first.id]);
    expect((await search(bob, { terms: 'alon*' })).order).toEqual([second.id]);
    expect((await search(bob, { terms: 'capword* -alone' })).order).toEqual([first.id]);
  });

  test('a user who left a channel no longer finds its posts', async () => {
    expect((await search(carol, { terms: 'run' })).order).toEqual(ids(3, 2));
    await carol.client.removeFromChannel(carol.user.id, (p[1] as Post).channel_id);
    expect((await search(carol, { terms: 'run' })).order).toEqual([]);
  });
});
