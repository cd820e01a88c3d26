import type { PostSearchResults } from '@mattermost/types/posts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { newId } from '../../../src/model/id.js';
import type { PostRecord } from '../../../src/model/types.js';
import { fromPost } from '../../../src/store/sql/rows.js';
import type { SqlStore } from '../../../src/store/sql/store.js';
import { createUser, startTestServer, type TestServer, type TestUser } from '../../harness.js';
import { newChannel, newTeam } from '../../team_fixtures.js';

// Words in thousands of posts, written straight into the database: PostgreSQL takes another path for them than
// for rare words (walking create_at newest first, month, then year, then all time, instead of fetching every match
// through the GIN index), and its statistics decide which. Every path must give the same, exact pages.

const POSTS = 12_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let server: TestServer;
let user: TestUser;
let teamId = '';
/** Post ids by age: 0 is the newest, two hours per step (so 12,000 posts span 1,000 days). */
const ids: string[] = [];

/** Every post: "alpha beta" in the even ones (always together), "gamma" in the odd, "ancient" in those over 420 days old. */
function message(i: number): string {
  const words = [i % 2 === 0 ? 'alpha beta' : 'gamma', `filler${i}`];
  if (i * 2 * HOUR > 420 * DAY) words.push('ancient');
  return words.join(' ');
}

beforeAll(async () => {
  server = await startTestServer();
  await createUser(server, 'admin');
  user = await createUser(server, 'many');
  teamId = (await newTeam(user.client)).id;
  const channel = await newChannel(user.client, teamId);
  const store = server.app.deps.store as SqlStore;
  const now = Date.now();
  const rows: PostRecord[] = [];
  for (let i = POSTS - 1; i >= 0; i--) {
    const at = now - i * 2 * HOUR;
    ids[i] = newId();
    rows.push({
      id: ids[i] as string, create_at: at, update_at: at, edit_at: 0, delete_at: 0, is_pinned: false, user_id: user.user.id,
      channel_id: channel.id, root_id: '', original_id: '', message: message(i), type: '', props: {}, hashtags: '', file_ids: [],
      pending_post_id: '', has_reactions: false,
    });
  }
  await store.db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 500) await trx.insertInto('posts').values(rows.slice(i, i + 500).map(fromPost)).execute();
  });
  // What autovacuum does soon after such a load; the choice of path reads these statistics.
  await sql.raw('ANALYZE').execute(store.db);
}, 120_000);

afterAll(async () => {
  await server?.close();
});

/** The ids of posts `from`, `from + step`, … (by age), `count` of them. */
const every = (from: number, step: number, count: number): string[] => Array.from({ length: count }, (_, k) => ids[from + k * step] as string);

async function search(terms: string, page = 0): Promise<string[]> {
  const result = await user.client.searchPostsWithParams(teamId, { terms, is_or_search: false, page, per_page: 20 } as never) as PostSearchResults;
  return result.order;
}

describe('words in thousands of posts', () => {
  test('a word in half the posts: the newest page, and a later one', async () => {
    expect(await search('alpha')).toEqual(every(0, 2, 20));
    expect(await search('alpha', 3)).toEqual(every(120, 2, 20));
  });

  test('a phrase of two words always seen together (PostgreSQL expects far fewer matches than there are)', async () => {
    expect(await search('"alpha beta"')).toEqual(every(0, 2, 20));
    expect(await search('"beta alpha"')).toEqual([]);
  });

  test('a word only in posts older than a year: found past the month and year windows', async () => {
    const oldest = Math.ceil((420 * DAY) / (2 * HOUR)) + 1;
    expect(await search('ancient')).toEqual(every(oldest, 1, 20));
    expect(await search('ancient gamma')).toEqual(every(oldest % 2 === 1 ? oldest : oldest + 1, 2, 20));
  });

  test('a word with a date range, and one word rare among the many', async () => {
    const since = new Date(Date.now() - 10 * DAY).toISOString().slice(0, 10);
    const found = await search(`gamma after:${since}`);
    expect(found).toEqual(every(1, 2, 20));
    expect(await search('filler4321')).toEqual([ids[4321]]);
    expect(await search('alpha filler4321')).toEqual([]);
  });

  test('a common word less a rare one', async () => {
    expect(await search('alpha -filler0')).toEqual(every(2, 2, 20));
  });
});
