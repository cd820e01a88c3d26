import type { Post, PostSearchResults as UpstreamResults } from '@mattermost/types/posts';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { searchReindex } from '../../../src/cli/search_reindex.js';
import type { SqlStore } from '../../../src/store/sql/store.js';
import { createUser, DB, startTestServer, type TestServer, type TestUser } from '../../harness.js';
import { newChannel, newTeam } from '../../team_fixtures.js';
import { post } from '../post_fixtures.js';

/** The wire result also carries PostList's has_next, which the upstream type leaves out. */
type PostSearchResults = UpstreamResults & { has_next: boolean };

// `parley reindex` rebuilds a lost or stale index from the posts, in batches, and a second run changes nothing.

let server: TestServer;
let user: TestUser;
let teamId = '';
const posts: Post[] = [];

async function found(terms: string): Promise<string[]> {
  return ((await user.client.searchPostsWithParams(teamId, { terms, is_or_search: false } as never)) as PostSearchResults).order;
}

async function reindex(): Promise<string> {
  let out = '';
  const code = await searchReindex(server.config, { out: { write: (text: string) => (out += text) }, err: { write: () => true } }, { batchSize: 3 });
  expect(code).toBe(0);
  return out;
}

beforeAll(async () => {
  server = await startTestServer();
  user = await createUser(server, 'reindexer');
  const team = await newTeam(user.client);
  teamId = team.id;
  const channel = await newChannel(user.client, team.id, 'O');
  for (let i = 0; i < 10; i++) posts.push(await post(user, channel.id, `numbered message ${i} nectarine`));
  await user.client.deletePost((posts[9] as Post).id);
});

afterAll(async () => {
  await server?.close();
});

test('rebuilds an emptied index, leaves deleted posts out, and is idempotent', async () => {
  const expected = posts.slice(0, 9).map((p) => p.id).reverse();
  expect(await found('nectarine')).toEqual(expected);
  const db = (server.app.deps.store as SqlStore).db;
  if (DB === 'postgres') await sql`DELETE FROM post_search`.execute(db);
  else await sql`INSERT INTO post_search_fts (post_search_fts) VALUES ('delete-all')`.execute(db);
  expect(await found('nectarine')).toEqual([]);

  expect(await reindex()).toMatch(/search index rebuilt: \d+ posts/);
  expect(await found('nectarine')).toEqual(expected);
  await reindex();
  expect(await found('nectarine')).toEqual(expected);
  expect(await found('"message 3"')).toEqual([(posts[3] as Post).id]);
});

test('a rebuild refills the dictionary prefixes are completed from (SQLite)', async () => {
  const expected = posts.slice(0, 9).map((p) => p.id).reverse();
  expect(await found('nectar*')).toEqual(expected);
  if (DB === 'sqlite') {
    await sql`DELETE FROM post_search_words`.execute((server.app.deps.store as SqlStore).db);
    // SQLite completes a prefix only from the dictionary: without its words the prefix names nothing.
    expect(await found('nectar*')).toEqual([]);
  }
  await reindex();
  expect(await found('nectar*')).toEqual(expected);
  expect(await found('numb*')).toEqual(expected);
  expect(await found('numbered 3*')).toEqual([(posts[3] as Post).id]);
});

test('pages of recent posts (PostgreSQL answers those from a recent time window first)', async () => {
  const expected = posts.slice(0, 9).map((p) => p.id).reverse();
  const page = (await user.client.searchPostsWithParams(teamId, { terms: 'nectarine', is_or_search: false, page: 1, per_page: 2 } as never)) as PostSearchResults;
  expect(page.order).toEqual(expected.slice(2, 4));
  expect(page.has_next).toBe(true);
});
