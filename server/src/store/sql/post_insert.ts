import { sql, type Kysely } from 'kysely';
import type { PostRecord } from '../../model/types.js';
import { fromPost } from './rows.js';
import type { Database } from './schema.js';

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

/** SQLite: statement by statement; the caller runs it in a transaction (they are in-process calls, not round trips). */
export async function insertCountedSqlite(db: Kysely<Database>, post: PostRecord, mentions: readonly string[]): Promise<boolean> {
  const inserted = await db.insertInto('posts').values(fromPost(post))
    .onConflict((oc) => oc.columns(['user_id', 'pending_post_id']).where(sql<boolean>`pending_post_id <> ''`).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
  const root = post.root_id === '' ? 1 : 0;
  const at = post.create_at;
  await sql`UPDATE channels SET total_msg_count = total_msg_count + 1, total_msg_count_root = total_msg_count_root + ${root},
      last_post_at = MAX(last_post_at, ${at}),
      last_root_post_at = CASE WHEN ${root} = 1 THEN MAX(last_root_post_at, ${at}) ELSE last_root_post_at END
    WHERE id = ${post.channel_id}`.execute(db);
  await sql`UPDATE channel_members SET
      msg_count = (SELECT total_msg_count FROM channels WHERE id = ${post.channel_id}),
      msg_count_root = (SELECT total_msg_count_root FROM channels WHERE id = ${post.channel_id}),
      mention_count = 0, mention_count_root = 0, urgent_mention_count = 0, last_viewed_at = ${at}, last_update_at = ${at}
    WHERE channel_id = ${post.channel_id} AND user_id = ${post.user_id}`.execute(db);
  if (mentions.length > 0) {
    await sql`UPDATE channel_members SET mention_count = mention_count + 1, mention_count_root = mention_count_root + ${root}
      WHERE channel_id = ${post.channel_id} AND user_id IN (${sql.join(mentions)})`.execute(db);
  }
  return true;
}
