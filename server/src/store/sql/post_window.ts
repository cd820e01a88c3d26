import { sql, type Kysely, type Selectable } from 'kysely';
import type { PostRecord } from '../../model/types.js';
import type { PostPageOptions, PostWindow } from '../posts.js';
import { toPost } from './rows.js';
import type { Database, PostsTable } from './schema.js';

interface WindowRow {
  part: 'first' | 'before' | 'after';
  post: Selectable<PostsTable>;
}

/** Past every real post: the cut that makes "before" the newest posts when nothing is newer than the time. */
const END_OF_TIME = Number.MAX_SAFE_INTEGER;

/**
 * PostgreSQL: the post window in one round trip instead of three (a channel's first load waits on it). Each side is a
 * LATERAL keyset walk of (channel_id, create_at, id) from the cut, so it reads only the rows it returns.
 */
export async function postWindowPostgres(
  db: Kysely<Database>, channelId: string, time: number, sizes: { before: number; after: number }, options: PostPageOptions,
): Promise<PostWindow> {
  const live = options.includeDeleted ? sql`` : sql`AND p.delete_at = 0`;
  const roots = options.rootsOnly ? sql`AND p.root_id = ''` : sql``;
  const { rows } = await sql<WindowRow>`
    WITH first AS (
      SELECT * FROM posts p WHERE p.channel_id = ${channelId} ${live} ${roots} AND p.create_at > ${time}
      ORDER BY p.create_at, p.id LIMIT 1
    ), cut AS (
      SELECT create_at, id FROM first
      UNION ALL SELECT ${END_OF_TIME}::bigint, '' WHERE NOT EXISTS (SELECT 1 FROM first)
    )
    SELECT 'first' AS part, to_json(f) AS post FROM first f
    UNION ALL
    SELECT 'before', to_json(b) FROM cut, LATERAL (
      SELECT * FROM posts p WHERE p.channel_id = ${channelId} ${live} ${roots} AND (p.create_at, p.id) < (cut.create_at, cut.id)
      ORDER BY p.create_at DESC, p.id DESC LIMIT ${sizes.before}
    ) b
    UNION ALL
    SELECT 'after', to_json(a) FROM first f, LATERAL (
      SELECT * FROM posts p WHERE p.channel_id = ${channelId} ${live} ${roots} AND (p.create_at, p.id) > (f.create_at, f.id)
      ORDER BY p.create_at, p.id LIMIT ${sizes.after}
    ) a`.execute(db);
  const window: PostWindow = { before: [], after: [] };
  for (const row of rows) {
    const post = toPost(row.post);
    if (row.part === 'first') window.first = post;
    else window[row.part].push(post);
  }
  // UNION ALL keeps no order across its parts by contract: put each side in its own.
  window.before.sort((a, b) => compareKeys(b, a));
  window.after.sort(compareKeys);
  return window;
}

function compareKeys(a: PostRecord, b: PostRecord): number {
  return a.create_at - b.create_at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
