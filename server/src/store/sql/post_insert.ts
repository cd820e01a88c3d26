import { sql, type Kysely } from 'kysely';
import type { PostRecord } from '../../model/types.js';
import { fromPost } from './rows.js';
import type { Database, PostsTable } from './schema.js';
import type { SqliteDirect } from './sqlite_direct.js';

// A new post and what it counts: the channel's totals and last post times, the
// author's read state (they have read their own post) and each mentioned
// member's mention counters. Nothing is counted when the author's
// pending_post_id was used before (a retried create).

const PENDING_CONFLICT = sql`(user_id, pending_post_id) WHERE pending_post_id <> ''`;

/** PostgreSQL: the whole unit as one statement of data-modifying CTEs, so one round trip and atomic by itself. */
export async function insertCountedPostgres(db: Kysely<Database>, post: PostRecord, mentions: readonly string[]): Promise<boolean> {
  const row = fromPost(post);
  const columns = Object.keys(row) as (keyof typeof row)[];
  const root = post.root_id === '' ? 1 : 0;
  const at = post.create_at;
  const mentioned = mentions.length === 0 ? sql`` : sql`, mentioned AS (
      UPDATE channel_members SET mention_count = mention_count + 1, mention_count_root = mention_count_root + ${root}
      WHERE channel_id = ${post.channel_id} AND user_id IN (${sql.join(mentions)}) AND EXISTS (SELECT 1 FROM inserted))`;
  const result = await sql<{ inserted: number }>`
    WITH inserted AS (
      INSERT INTO posts (${sql.join(columns.map((c) => sql.ref(c)))}) VALUES (${sql.join(columns.map((c) => row[c]))})
      ON CONFLICT ${PENDING_CONFLICT} DO NOTHING RETURNING id
    ), channel AS (
      UPDATE channels SET total_msg_count = total_msg_count + 1, total_msg_count_root = total_msg_count_root + ${root},
        last_post_at = GREATEST(last_post_at, ${at}),
        last_root_post_at = CASE WHEN ${root} = 1 THEN GREATEST(last_root_post_at, ${at}) ELSE last_root_post_at END
      WHERE id = ${post.channel_id} AND EXISTS (SELECT 1 FROM inserted)
      RETURNING total_msg_count, total_msg_count_root
    ), author AS (
      UPDATE channel_members SET msg_count = channel.total_msg_count, msg_count_root = channel.total_msg_count_root,
        mention_count = 0, mention_count_root = 0, urgent_mention_count = 0, last_viewed_at = ${at}, last_update_at = ${at}
      FROM channel WHERE channel_members.channel_id = ${post.channel_id} AND channel_members.user_id = ${post.user_id}
    )${mentioned}
    SELECT count(*)::int AS inserted FROM inserted`.execute(db);
  return Number(result.rows[0]?.inserted ?? 0) > 0;
}

/** Every column of a post row, in the order the SQLite insert binds them; `satisfies` keeps the list complete. */
const POST_COLUMNS = Object.keys({
  id: 0, create_at: 0, update_at: 0, edit_at: 0, delete_at: 0, is_pinned: 0, user_id: 0, channel_id: 0, root_id: 0,
  original_id: 0, message: 0, type: 0, props: 0, hashtags: 0, file_ids: 0, pending_post_id: 0, has_reactions: 0,
} satisfies Record<keyof PostsTable, 0>) as (keyof PostsTable)[];

const SQLITE_INSERT_POST = `INSERT INTO posts (${POST_COLUMNS.join(', ')}) VALUES (${POST_COLUMNS.map(() => '?').join(', ')})
  ON CONFLICT (user_id, pending_post_id) WHERE pending_post_id <> '' DO NOTHING`;
const SQLITE_COUNT_IN_CHANNEL = `UPDATE channels SET total_msg_count = total_msg_count + 1, total_msg_count_root = total_msg_count_root + :root,
    last_post_at = MAX(last_post_at, :at),
    last_root_post_at = CASE WHEN :root = 1 THEN MAX(last_root_post_at, :at) ELSE last_root_post_at END
  WHERE id = :channel`;
const SQLITE_AUTHOR_READ = `UPDATE channel_members SET
    msg_count = (SELECT total_msg_count FROM channels WHERE id = :channel),
    msg_count_root = (SELECT total_msg_count_root FROM channels WHERE id = :channel),
    mention_count = 0, mention_count_root = 0, urgent_mention_count = 0, last_viewed_at = :at, last_update_at = :at
  WHERE channel_id = :channel AND user_id = :author`;
const SQLITE_COUNT_MENTIONS = `UPDATE channel_members SET mention_count = mention_count + 1, mention_count_root = mention_count_root + :root
  WHERE channel_id = :channel AND user_id IN (SELECT value FROM json_each(:mentioned))`;

/** SQLite: statement by statement, synchronously; the caller runs it inside a store transaction. */
export function insertCountedSqlite(direct: SqliteDirect, post: PostRecord, mentions: readonly string[]): boolean {
  const row = fromPost(post);
  if (direct.run(SQLITE_INSERT_POST, ...POST_COLUMNS.map((column) => row[column])).changes === 0) return false;
  const counted = { root: post.root_id === '' ? 1 : 0, at: post.create_at, channel: post.channel_id };
  direct.run(SQLITE_COUNT_IN_CHANNEL, counted);
  direct.run(SQLITE_AUTHOR_READ, { at: counted.at, channel: counted.channel, author: post.user_id });
  if (mentions.length > 0) direct.run(SQLITE_COUNT_MENTIONS, { ...counted, mentioned: JSON.stringify(mentions) });
  return true;
}
