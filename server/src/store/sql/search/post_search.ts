import { sql, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import type { PostRecord } from '../../../model/types.js';
import type { PostSearchQuery, PostSearchStore, ReindexBatch } from '../../search/post_search.js';
import type { Atomically } from '../atomically.js';
import { toPost } from '../rows.js';
import type { Database, PostsTable } from '../schema.js';
import { fts5Match, fts5MatchExcluding, fts5Prefixes, tsqueryBounds, tsqueryText, tsqueryTextExcluding } from './search_match.js';
import { addPostWords, prefixCompletions } from './search_words.js';

// Searches walk matches newest first and stop at the page: SQLite walks the
// FTS5 index in its ascending order, which is newest first (its rowid is the
// posts rowid negated, migration 0012), with the posts row joined per match;
// a date range becomes a rowid range there, found through the create_at index.
// PostgreSQL fetches a rare term's few matches through the GIN index and
// walks idx_post_search_create backwards for a common one's (searchPostgres). Lists travel as one
// parameter, so each statement text is fixed.

const LIVE = sql`substr(p.type, 1, 7) <> 'system_' AND p.delete_at = 0`;
const FAR_FUTURE = Number.MAX_SAFE_INTEGER;
/**
 * Rowids follow create_at only roughly (posts of the same millisecond, clocks stepping back a little), so the
 * rowid range of a date range is taken this much wider; the exact create_at test still applies to every row.
 */
const ROWID_RANGE_SLACK_MS = 60_000;
const DAY_MS = 86_400_000;
const POSTGRES_WINDOWS_MS = [30 * DAY_MS, 365 * DAY_MS];
/** Up to this many matches, PostgreSQL fetches them all through the GIN index and sorts them. */
const FEW_MATCHES = 5000;

export class SqlPostSearchStore implements PostSearchStore {
  constructor(private readonly db: Kysely<Database>, private readonly dialect: 'sqlite' | 'postgres', private readonly atomically: Atomically) {}

  async search(query: PostSearchQuery): Promise<PostRecord[]> {
    const rows = this.dialect === 'postgres' ? await this.searchPostgres(query) : await this.searchSqlite(query);
    return rows.map(toPost);
  }

  private async searchSqlite(q: PostSearchQuery): Promise<Selectable<PostsTable>[]> {
    const channels = JSON.stringify(q.channelIds);
    const users = q.userIds ? sql`AND p.user_id IN (SELECT value FROM json_each(${JSON.stringify(q.userIds)}))` : sql``;
    const filters = sql`p.channel_id IN (SELECT value FROM json_each(${channels})) ${users}
      AND p.user_id NOT IN (SELECT value FROM json_each(${JSON.stringify(q.excludedUserIds)}))
      AND p.create_at >= ${q.since ?? 0} AND p.create_at <= ${q.until ?? FAR_FUTURE}`;
    // A prefix is spelled out as the indexed words beginning with it, which FTS5 walks lazily (search_match.ts).
    const completions = await prefixCompletions(this.db, fts5Prefixes([...q.terms, ...q.excluded]));
    if (q.terms.length === 0) {
      const unwanted = fts5Match(q.excluded, true, completions);
      const excluded = unwanted === undefined ? sql``
        : sql`AND -p.rowid NOT IN (SELECT rowid FROM post_search_fts WHERE post_search_fts MATCH ${unwanted})`;
      const { rows } = await sql<Selectable<PostsTable>>`SELECT p.* FROM posts p
        WHERE ${filters} AND ${LIVE} ${excluded}
        ORDER BY p.create_at DESC, p.id DESC LIMIT ${q.limit} OFFSET ${q.offset}`.execute(this.db);
      return rows;
    }
    const match = fts5MatchExcluding(q.terms, q.anyTerm, q.excluded, completions);
    if (match === undefined) return [];
    const newest = q.until === undefined ? sql``
      : sql`AND post_search_fts.rowid >= -(SELECT rowid FROM posts WHERE create_at <= ${q.until + ROWID_RANGE_SLACK_MS} ORDER BY create_at DESC LIMIT 1)`;
    const oldest = q.since === undefined ? sql``
      : sql`AND post_search_fts.rowid <= -(SELECT rowid FROM posts WHERE create_at >= ${q.since - ROWID_RANGE_SLACK_MS} ORDER BY create_at LIMIT 1)`;
    // CROSS JOIN keeps the FTS5 table outside, so matches come in index order and the LIMIT stops the walk.
    const { rows } = await sql<Selectable<PostsTable>>`SELECT p.* FROM post_search_fts CROSS JOIN posts p ON p.rowid = -post_search_fts.rowid
      WHERE post_search_fts MATCH ${match} ${newest} ${oldest} AND ${filters} AND ${LIVE}
      ORDER BY post_search_fts.rowid LIMIT ${q.limit} OFFSET ${q.offset}`.execute(this.db);
    return rows.sort(newestFirst);
  }

  /**
   * PostgreSQL cannot stop a GIN scan early, and walking create_at newest first reads every post when a term is
   * rare, so the path is chosen from the planner's estimate of the matches: few (a rare word, a date, one author)
   * are all fetched through the GIN index and sorted, bounded so an estimate gone wrong (a phrase of common words)
   * costs little; many are walked newest first, in the last month first, then the last year, then all time: once a
   * window holds the whole page, no post outside it could be on the page.
   */
  private async searchPostgres(q: PostSearchQuery): Promise<Selectable<PostsTable>[]> {
    // Statements are prepared once per connection (store/sql/connect.ts), and a generic plan, made without the
    // query's words and ids, cannot tell a rare word from a common one. Each search is planned for its own.
    return this.db.transaction().execute(async (trx) => {
      await setLocal(trx, { plan_cache_mode: 'force_custom_plan' });
      if (q.terms.length > 0) {
        const all = await fewMatchesPostgres(trx, q);
        if (all) return all;
        // Known to match many: walk create_at newest first and stop at the page, whatever the planner expects of the
        // words (a phrase of common words looks rare to it): a bitmap of every match, a sort of the whole window or
        // parallel workers would each read them all.
        await setLocal(trx, { enable_bitmapscan: 'off', enable_sort: 'off', max_parallel_workers_per_gather: '0' });
      }
      const from = q.since ?? 0;
      const newest = Math.min(q.until ?? Date.now(), Date.now());
      for (const width of POSTGRES_WINDOWS_MS) {
        const since = newest - width;
        if (since <= from) break;
        const rows = await searchPostgresSince(trx, q, since);
        if (rows.length >= q.limit) return rows;
      }
      return searchPostgresSince(trx, q, from);
    });
  }

  async countPosts(): Promise<number> {
    const row = await this.db.selectFrom('posts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async beginReindex(): Promise<void> {
    // A contentless FTS5 table cannot list its entries to find stale ones, so a rebuild starts from empty.
    if (this.dialect === 'sqlite') await sql`INSERT INTO post_search_fts (post_search_fts) VALUES ('delete-all')`.execute(this.db);
  }

  async reindexBatch(cursor: string, size: number): Promise<ReindexBatch> {
    return this.atomically(async (db) => (this.dialect === 'postgres' ? reindexPostgres(db, cursor, size) : reindexSqlite(db, cursor, size)));
  }

  async finishReindex(): Promise<void> {
    if (this.dialect === 'postgres') {
      await sql`DELETE FROM post_search s WHERE NOT EXISTS (SELECT 1 FROM posts p WHERE p.id = s.post_id)`.execute(this.db);
    } else {
      // One merged segment: smaller, and each term's matches in one run.
      await sql`INSERT INTO post_search_fts (post_search_fts) VALUES ('optimize')`.execute(this.db);
    }
  }
}

async function reindexSqlite(db: Kysely<Database>, cursor: string, size: number): Promise<ReindexBatch> {
  const after = cursor === '' ? 0 : Number(cursor);
  const { rows } = await sql<{ last: number | null; posts: number }>`SELECT max(rowid) AS last, count(*) AS posts
    FROM (SELECT rowid FROM posts WHERE rowid > ${after} ORDER BY rowid LIMIT ${size})`.execute(db);
  const { last, posts } = rows[0] ?? { last: null, posts: 0 };
  if (last === null || Number(posts) === 0) return { cursor, posts: 0 };
  // Posts written since the rebuild began were indexed by the triggers: replace, never duplicate.
  await sql`DELETE FROM post_search_fts WHERE rowid >= ${-last} AND rowid < ${-after}`.execute(db);
  await sql`INSERT INTO post_search_fts (rowid, message, hashtags)
    SELECT -p.rowid, parley_search_text(p.message), parley_search_text(p.hashtags) FROM posts p
    WHERE p.rowid > ${after} AND p.rowid <= ${last} AND ${LIVE}`.execute(db);
  await addPostWords(db, after, last);
  return { cursor: String(last), posts: Number(posts) };
}

async function reindexPostgres(db: Kysely<Database>, cursor: string, size: number): Promise<ReindexBatch> {
  const { rows } = await sql<{ last: string | null; posts: number }>`WITH batch AS (
      SELECT id, channel_id, user_id, create_at, message, hashtags, type, delete_at FROM posts WHERE id > ${cursor} ORDER BY id LIMIT ${size}
    ), indexed AS (
      INSERT INTO post_search (post_id, channel_id, user_id, create_at, vector)
      SELECT id, channel_id, user_id, create_at, parley_search_vector(message, hashtags) FROM batch p WHERE ${LIVE}
      ON CONFLICT (post_id) DO UPDATE SET channel_id = EXCLUDED.channel_id, user_id = EXCLUDED.user_id,
        create_at = EXCLUDED.create_at, vector = EXCLUDED.vector
    ), dropped AS (
      DELETE FROM post_search WHERE post_id IN (SELECT id FROM batch p WHERE NOT (${LIVE}))
    )
    SELECT max(id) AS last, count(*)::int AS posts FROM batch`.execute(db);
  const { last, posts } = rows[0] ?? { last: null, posts: 0 };
  return last === null ? { cursor, posts: 0 } : { cursor: last, posts: Number(posts) };
}

/** The conditions of a search on `post_search s` but its words, for posts created at or after `since`. */
function postgresFilters(q: PostSearchQuery, since: number): RawBuilder<unknown> {
  const users = q.userIds ? sql`AND s.user_id = ANY(${q.userIds}::varchar[])` : sql``;
  return sql`s.channel_id = ANY(${q.channelIds}::varchar[]) ${users}
      AND NOT (s.user_id = ANY(${q.excludedUserIds}::varchar[]))
      AND s.create_at >= ${since} AND s.create_at <= ${q.until ?? FAR_FUTURE}`;
}

const tsquery = (text: string): RawBuilder<unknown> => sql`to_tsquery('english', parley_unaccent(${text}))`;

/** The conditions of a search on `post_search s`, for posts created at or after `since`. */
function postgresConditions(q: PostSearchQuery, since: number): RawBuilder<unknown> {
  let match: RawBuilder<unknown> = sql``;
  if (q.terms.length > 0) {
    match = sql`AND s.vector @@ ${tsquery(tsqueryTextExcluding(q.terms, q.anyTerm, q.excluded))}`;
  } else if (q.excluded.length > 0) {
    match = sql`AND NOT (s.vector @@ ${tsquery(tsqueryText(q.excluded, true))})`;
  }
  return sql`${postgresFilters(q, since)} ${match}`;
}

/** Planner settings for the rest of the transaction, in one round trip. */
async function setLocal(db: Kysely<Database>, settings: Record<string, string>): Promise<void> {
  const calls = Object.entries(settings).map(([name, value]) => sql`set_config(${name}, ${value}, true)`);
  await sql`SELECT ${sql.join(calls)}`.execute(db);
}

interface PlanNode {
  'Plan Rows': number;
  Plans?: PlanNode[];
}

/**
 * How many posts the planner's statistics say the search could match at most: the fewest of any one term when all
 * must match, their sum when any may; a phrase counts as its rarest word. Every bound is estimated in one EXPLAIN.
 */
async function expectedMatches(db: Kysely<Database>, q: PostSearchQuery): Promise<number> {
  const bounds = tsqueryBounds(q.terms);
  const filters = postgresFilters(q, q.since ?? 0);
  const probes = bounds.flat().map((text) => sql`SELECT 1 FROM post_search s WHERE ${filters} AND s.vector @@ ${tsquery(text)}`);
  const { rows } = await sql<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>`EXPLAIN (FORMAT JSON) ${sql.join(probes, sql` UNION ALL `)}`.execute(db);
  const plan = rows[0]?.['QUERY PLAN'][0].Plan;
  if (!plan) return Infinity;
  const estimates = probes.length === 1 ? [plan['Plan Rows']] : (plan.Plans ?? []).map((child) => child['Plan Rows']);
  if (estimates.length !== probes.length) return Infinity;
  let next = 0;
  const perTerm = bounds.map((words) => Math.min(...estimates.slice(next, (next += words.length))));
  return q.anyTerm ? perTerm.reduce((sum, n) => sum + n, 0) : Math.min(...perTerm);
}

/**
 * The page when the search matches at most FEW_MATCHES posts, from all of them read through the GIN index and
 * sorted; undefined when the planner expects more, or there turn out to be more.
 */
async function fewMatchesPostgres(db: Kysely<Database>, q: PostSearchQuery): Promise<Selectable<PostsTable>[] | undefined> {
  if ((await expectedMatches(db, q)) > FEW_MATCHES) return undefined;
  const conditions = postgresConditions(q, q.since ?? 0);
  // Only the GIN index (or a date range's bitmap) may find them, never a walk of every post.
  await setLocal(db, { enable_seqscan: 'off', enable_indexscan: 'off' });
  const { rows } = await sql<Selectable<PostsTable> & { matched: number }>`WITH found AS MATERIALIZED (
      SELECT s.post_id, s.create_at FROM post_search s WHERE ${conditions} LIMIT ${FEW_MATCHES + 1}
    ), page AS (
      SELECT post_id, create_at FROM found ORDER BY create_at DESC, post_id DESC LIMIT ${q.limit} OFFSET ${q.offset}
    )
    SELECT counted.matched, p.* FROM (SELECT count(*)::int AS matched FROM found) counted
      LEFT JOIN (page JOIN posts p ON p.id = page.post_id) ON true
    ORDER BY page.create_at DESC, page.post_id DESC`.execute(db);
  await setLocal(db, { enable_seqscan: 'on', enable_indexscan: 'on' });
  if ((rows[0]?.matched ?? 0) > FEW_MATCHES) return undefined;
  return rows.filter((row) => row.id !== null).map(({ matched: _matched, ...post }) => post);
}

async function searchPostgresSince(db: Kysely<Database>, q: PostSearchQuery, since: number): Promise<Selectable<PostsTable>[]> {
  const { rows } = await sql<Selectable<PostsTable>>`SELECT p.* FROM post_search s JOIN posts p ON p.id = s.post_id
    WHERE ${postgresConditions(q, since)}
    ORDER BY s.create_at DESC, s.post_id DESC LIMIT ${q.limit} OFFSET ${q.offset}`.execute(db);
  return rows;
}

function newestFirst(a: Selectable<PostsTable>, b: Selectable<PostsTable>): number {
  return b.create_at - a.create_at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}
