import { statSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { rebuildSearchIndex } from '@parley/server/dist/app/search/reindex.js';
import { newId } from '@parley/server/dist/model/id.js';
import type { PostRecord } from '@parley/server/dist/model/types.js';
import { fromPost } from '@parley/server/dist/store/sql/rows.js';
import { call } from './http.js';
import { Seeder } from './seed.js';
import { freshDatabase, startServer, type Database } from './server_process.js';
import { percentile, progress } from './stats.js';

// Post search at scale: POSTS posts (BENCH_SEARCH_POSTS, default 10,000,000) written straight into the database
// in bulk, the search triggers indexing each as it lands, over two years, 50 channels and 20 authors. Words follow
// a Zipf distribution over a made-up vocabulary (so a common word matches a large share of all posts), with
// hashtags, a recurring phrase and a few very rare words. Then: the write rate with indexing, a full rebuild
// (`parley reindex`'s code) for the indexing rate alone, the database size per million posts, and p50/p99 of 20
// typical searches over HTTP by a member of half the channels (target p99 < 100 ms).

const POSTS = Number(process.env.BENCH_SEARCH_POSTS ?? 10_000_000);
const REINDEX = process.env.BENCH_SEARCH_REINDEX !== '0';
const RUNS_PER_QUERY = 10;
const VOCABULARY = 30_000;
const TAGS = 200;
const CHANNELS = 50;
const USERS = 20;
const SPAN_MS = 2 * 365 * 86_400_000;
const RARE_WORD = 'zyxquorlam';
const PHRASE = 'quarterly roadmap review';

export interface SearchQueryResult {
  label: string;
  p50: number;
  p99: number;
  results: number;
}

export interface SearchBenchResult {
  posts: number;
  seedPostsPerSecond: number;
  reindexPostsPerSecond: number | null;
  databaseMiBPerMillion: number;
  indexMiBPerMillion: number | null;
  p50: number;
  p99: number;
  queries: SearchQueryResult[];
}

/** A small deterministic generator (mulberry32), so every run writes the same posts. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const SYLLABLES = ['ka', 'lo', 'ru', 'mi', 'te', 'so', 'na', 'pe', 'di', 'gu', 'ba', 'vo', 'ze', 'fi', 'ho', 'ju', 'ke', 'la', 'mo', 'ni',
  'po', 'ri', 'sa', 'tu', 'va', 'we', 'xi', 'yo', 'zu', 'bi', 'co', 'de', 'fa', 'ge', 'hi', 'jo', 'ku', 'le', 'ma', 'ne'];

/** Word `i` of the vocabulary: three syllables and an r, all distinct, none an English stop word. */
function word(i: number): string {
  const n = SYLLABLES.length;
  return `${SYLLABLES[i % n]}${SYLLABLES[Math.floor(i / n) % n]}${SYLLABLES[Math.floor(i / (n * n)) % n]}r`;
}

/** Draws ranks 0..size-1 with probability proportional to 1/(rank+1). */
function zipf(size: number, next: () => number): () => number {
  const cumulative = new Float64Array(size);
  let sum = 0;
  for (let i = 0; i < size; i++) cumulative[i] = sum += 1 / (i + 1);
  return () => {
    const target = next() * sum;
    let lo = 0;
    let hi = size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

interface World {
  teamId: string;
  channelIds: string[];
  channelNames: string[];
  users: { id: string; username: string; token: string }[];
  start: number;
}

async function seedPosts(seeder: Seeder, world: World): Promise<number> {
  const next = random(42);
  const wordRank = zipf(VOCABULARY, next);
  const tagRank = zipf(TAGS, next);
  const batch = seeder.store.dialect === 'sqlite' ? 5000 : 2000;
  const started = performance.now();
  for (let done = 0; done < POSTS; done += batch) {
    const rows: PostRecord[] = [];
    for (let i = done; i < Math.min(POSTS, done + batch); i++) {
      const words: string[] = [];
      const length = 4 + Math.floor(next() * 17);
      for (let w = 0; w < length; w++) words.push(word(wordRank()));
      let hashtags = '';
      if (next() < 0.05) {
        hashtags = `#tag${tagRank()}`;
        words.push(hashtags);
      }
      if (next() < 0.005) words.push(PHRASE);
      if (i % Math.max(1, Math.floor(POSTS / 10)) === 7) words.push(RARE_WORD);
      const at = world.start + Math.floor((i / POSTS) * SPAN_MS);
      rows.push({
        id: newId(), create_at: at, update_at: at, edit_at: 0, delete_at: 0, is_pinned: false,
        user_id: (world.users[Math.floor(next() * USERS)] as World['users'][number]).id,
        channel_id: world.channelIds[Math.floor(next() * CHANNELS)] as string, root_id: '', original_id: '',
        message: words.join(' '), type: '', props: {}, hashtags, file_ids: [], pending_post_id: '', has_reactions: false,
      });
    }
    await seeder.store.db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += 100) await trx.insertInto('posts').values(rows.slice(i, i + 100).map(fromPost)).execute();
    });
    progress('search posts (indexed as written)', Math.min(POSTS, done + batch), POSTS);
  }
  return POSTS / ((performance.now() - started) / 1000);
}

async function sizes(seeder: Seeder, database: { dataDir: string }): Promise<{ total: number; index: number | null }> {
  const db = seeder.store.db;
  if (seeder.store.dialect === 'postgres') {
    const { rows } = await sql<{ total: string; index: string }>`SELECT pg_database_size(current_database()) AS total,
      pg_total_relation_size('post_search') AS index`.execute(db);
    return { total: Number(rows[0]?.total), index: Number(rows[0]?.index) };
  }
  await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
  const file = path.join(database.dataDir, 'parley.db');
  let index: number | null = null;
  try {
    const { rows } = await sql<{ bytes: number }>`SELECT sum(pgsize) AS bytes FROM dbstat WHERE name LIKE 'post_search_fts%'`.execute(db);
    index = Number(rows[0]?.bytes);
  } catch {
    // dbstat is an optional SQLite build option; without it only the whole file is measured.
  }
  return { total: statSync(file).size, index };
}

function queries(world: World): { label: string; terms: string; is_or_search?: boolean }[] {
  const day = (offsetDays: number): string => new Date(world.start + offsetDays * 86_400_000).toISOString().slice(0, 10);
  const [author] = world.users.slice(1);
  const channel = world.channelNames[3] as string;
  return [
    { label: 'most common word', terms: word(0) },
    { label: 'common word (rank 5)', terms: word(5) },
    { label: 'medium word (rank 300)', terms: word(300) },
    { label: 'rare word (rank 25,000)', terms: word(25_000) },
    { label: 'very rare word (10 posts)', terms: RARE_WORD },
    { label: 'two common words', terms: `${word(1)} ${word(2)}` },
    { label: 'phrase', terms: `"${PHRASE}"` },
    { label: 'from: + common word', terms: `from:${author?.username} ${word(0)}` },
    { label: 'from: + medium word', terms: `from:${author?.username} ${word(300)}` },
    { label: 'common hashtag', terms: '#tag0' },
    { label: 'rare hashtag', terms: '#tag150' },
    { label: 'prefix of a common word', terms: `${word(0).slice(0, 4)}*` },
    { label: 'prefix of a medium word', terms: `${word(300).slice(0, 5)}*` },
    { label: 'in: + common word', terms: `in:${channel} ${word(0)}` },
    { label: 'in: + rare word', terms: `in:${channel} ${word(25_000)}` },
    { label: 'date range + common word', terms: `after:${day(300)} before:${day(330)} ${word(0)}` },
    { label: 'on: + medium word', terms: `on:${day(400)} ${word(300)}` },
    { label: 'OR of two medium words', terms: `${word(300)} ${word(301)}`, is_or_search: true },
    { label: 'common word minus another', terms: `${word(0)} -${word(1)}` },
    { label: 'word found nowhere', terms: 'nowherewordx' },
  ];
}

export async function searchBench(db: Database): Promise<SearchBenchResult> {
  const database = await freshDatabase(db);
  const seeder = await Seeder.open(database);
  const teamId = await seeder.team();
  const users = await seeder.users(USERS, teamId, 'search users');
  const searcher = users[0] as World['users'][number];
  const channelIds: string[] = [];
  // The searcher belongs to the first half of the channels; the posts of the rest must cost it nothing.
  for (let c = 0; c < CHANNELS; c++) channelIds.push(await seeder.channel(teamId, c < CHANNELS / 2 ? users.map((u) => u.id) : users.slice(1).map((u) => u.id)));
  const channels = await seeder.store.channels.getMany(channelIds);
  const byId = new Map(channels.map((c) => [c.id, c.name]));
  const world: World = { teamId, channelIds, channelNames: channelIds.map((id) => byId.get(id) ?? ''), users, start: Date.now() - SPAN_MS };
  const seedPostsPerSecond = await seedPosts(seeder, world);
  let reindexPostsPerSecond: number | null = null;
  if (REINDEX) {
    const report = await rebuildSearchIndex(seeder.store.postSearch, { onProgress: (done, total) => progress('reindex', done, total) });
    reindexPostsPerSecond = report.posts / report.seconds;
  }
  // What autovacuum would have done by now: statistics, and (PostgreSQL) the GIN pending list merged.
  await sql.raw(seeder.store.dialect === 'postgres' ? 'VACUUM ANALYZE' : 'ANALYZE').execute(seeder.store.db);
  const size = await sizes(seeder, database);
  await seeder.close();

  const server = await startServer(database);
  const all: number[] = [];
  const results: SearchQueryResult[] = [];
  try {
    for (const q of queries(world)) {
      const times: number[] = [];
      let found = 0;
      for (let run = 0; run <= RUNS_PER_QUERY; run++) {
        const started = process.hrtime.bigint();
        const res = await call(server.url, 'POST', `/api/v4/teams/${teamId}/posts/search`, searcher.token,
          { terms: q.terms, is_or_search: q.is_or_search ?? false, time_zone_offset: 0, page: 0, per_page: 20 });
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        if (res.status !== 200) throw new Error(`search "${q.terms}" failed: ${res.status} ${res.body.slice(0, 200)}`);
        found = (JSON.parse(res.body) as { order: string[] }).order.length;
        if (run > 0) times.push(ms);
      }
      all.push(...times);
      results.push({ label: q.label, p50: percentile(times, 50), p99: percentile(times, 99), results: found });
    }
  } finally {
    await server.stop();
    await database.drop();
  }
  const perMillion = (bytes: number): number => bytes / 1024 / 1024 / (POSTS / 1_000_000);
  return {
    posts: POSTS, seedPostsPerSecond, reindexPostsPerSecond,
    databaseMiBPerMillion: perMillion(size.total), indexMiBPerMillion: size.index === null ? null : perMillion(size.index),
    p50: percentile(all, 50), p99: percentile(all, 99), queries: results,
  };
}
