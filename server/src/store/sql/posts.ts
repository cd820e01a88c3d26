import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { PostRecord } from '../../model/types.js';
import type { FlaggedPostFilter, MentionLookup, MentionSettings, PostCreationContext, PostPageOptions, PostStore, PostWindow } from '../posts.js';
import type { Atomically } from './atomically.js';
import { channelMentionSettings, creationContextPostgres, creationContextSqlite, mentionCandidatesPostgres, mentionCandidatesSqlite } from './post_context.js';
import type { Cursor } from '../store.js';
import { insertCountedPostgres, insertCountedSqlite } from './post_insert.js';
import { postWindowPostgres } from './post_window.js';
import { newId } from '../../model/id.js';
import { fromPost, toPost } from './rows.js';
import type { Database } from './schema.js';
import type { SqliteDirect } from './sqlite_direct.js';

type PostQuery = SelectQueryBuilder<Database, 'posts', object>;

function withPageOptions<Q extends PostQuery>(query: Q, options: PostPageOptions): Q {
  let q = query;
  if (!options.includeDeleted) q = q.where('delete_at', '=', 0) as Q;
  if (options.rootsOnly) q = q.where('root_id', '=', '') as Q;
  return q;
}

export class SqlPostStore implements PostStore {
  constructor(
    private readonly db: Kysely<Database>, private readonly dialect: 'sqlite' | 'postgres', private readonly atomically: Atomically,
    private readonly direct?: SqliteDirect,
  ) {}

  /** SQLite: `work` on the connection's synchronous side, inside a store transaction (group commit). */
  private directly<T>(work: (direct: SqliteDirect) => T): Promise<T> {
    const { direct } = this;
    if (!direct) throw new Error('SQLite store without its direct connection');
    return this.atomically(async () => work(direct));
  }

  create(post: PostRecord, mentionedUserIds: readonly string[]): Promise<boolean> {
    if (this.dialect === 'postgres') return insertCountedPostgres(this.db, post, mentionedUserIds);
    return this.directly((direct) => insertCountedSqlite(direct, post, mentionedUserIds));
  }

  async get(id: string): Promise<PostRecord | undefined> {
    const row = await this.db.selectFrom('posts').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toPost(row);
  }

  async getMany(ids: readonly string[]): Promise<PostRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('posts').selectAll().where('id', 'in', [...ids]).execute();
    return rows.map(toPost);
  }

  async getByPendingId(userId: string, pendingPostId: string): Promise<PostRecord | undefined> {
    const row = await this.db.selectFrom('posts').selectAll().where('user_id', '=', userId)
      .where('pending_post_id', '=', pendingPostId).executeTakeFirst();
    return row && toPost(row);
  }

  async update(post: PostRecord): Promise<void> {
    // has_reactions is only moved by setHasReactions, so an edit never undoes a concurrent reaction.
    const { has_reactions: _reactions, ...row } = fromPost(post);
    await this.db.updateTable('posts').set(row).where('id', '=', post.id).execute();
  }

  async recordEdit(previous: PostRecord, replacedAt: number): Promise<void> {
    const row = fromPost(previous);
    await this.db.insertInto('post_edits').values({
      id: newId(), post_id: previous.id, message: row.message, props: row.props, file_ids: row.file_ids, hashtags: row.hashtags,
      edit_at: row.edit_at, replaced_at: replacedAt,
    }).execute();
  }

  async editHistory(postId: string): Promise<PostRecord[]> {
    const rows = await this.db.selectFrom('post_edits').innerJoin('posts', 'posts.id', 'post_edits.post_id')
      .selectAll('posts')
      .select(['post_edits.id as edit_id', 'post_edits.message as edit_message', 'post_edits.props as edit_props',
        'post_edits.file_ids as edit_file_ids', 'post_edits.hashtags as edit_hashtags', 'post_edits.edit_at as edit_edit_at', 'post_edits.replaced_at'])
      .where('post_edits.post_id', '=', postId)
      .orderBy('post_edits.replaced_at', 'desc').orderBy('post_edits.id', 'desc')
      .execute();
    return rows.map(({ edit_id, edit_message, edit_props, edit_file_ids, edit_hashtags, edit_edit_at, replaced_at, ...post }) => toPost({
      ...post, id: edit_id, original_id: post.id, message: edit_message, props: edit_props, file_ids: edit_file_ids,
      hashtags: edit_hashtags, edit_at: edit_edit_at, update_at: replaced_at, delete_at: replaced_at, is_pinned: 0, has_reactions: 0,
    }));
  }

  async softDelete(id: string, deleteAt: number): Promise<string[]> {
    const rows = await this.db.selectFrom('posts').select('id').where('delete_at', '=', 0)
      .where((eb) => eb.or([eb('id', '=', id), eb('root_id', '=', id)])).execute();
    const ids = rows.map((r) => r.id);
    if (ids.length > 0) {
      await this.db.updateTable('posts').set({ delete_at: deleteAt, update_at: deleteAt }).where('id', 'in', ids).execute();
    }
    return ids;
  }

  async setHasReactions(postId: string, hasReactions: boolean, updateAt: number): Promise<void> {
    await this.db.updateTable('posts').set({ has_reactions: hasReactions ? 1 : 0, update_at: updateAt }).where('id', '=', postId).execute();
  }

  async touch(postId: string, updateAt: number): Promise<void> {
    await this.db.updateTable('posts').set({ update_at: updateAt }).where('id', '=', postId).where('update_at', '<', updateAt).execute();
  }

  async pageBefore(channelId: string, before: Cursor | undefined, limit: number, options: PostPageOptions = {}): Promise<PostRecord[]> {
    let query = withPageOptions(this.db.selectFrom('posts').selectAll().where('channel_id', '=', channelId), options);
    if (before) {
      // A row-value comparison is an index range on (channel_id, create_at, id) in both databases;
      // the equivalent OR form makes SQLite walk the index from one end.
      query = query.where((eb) => eb(eb.refTuple('create_at', 'id'), '<', eb.tuple(before.createAt, before.id)));
    }
    const rows = await query.orderBy('create_at', 'desc').orderBy('id', 'desc').offset(options.offset ?? 0).limit(limit).execute();
    return rows.map(toPost);
  }

  async pageAfter(channelId: string, after: Cursor, limit: number, options: PostPageOptions = {}): Promise<PostRecord[]> {
    const rows = await withPageOptions(this.db.selectFrom('posts').selectAll().where('channel_id', '=', channelId), options)
      .where((eb) => eb(eb.refTuple('create_at', 'id'), '>', eb.tuple(after.createAt, after.id)))
      .orderBy('create_at', 'asc').orderBy('id', 'asc').offset(options.offset ?? 0).limit(limit).execute();
    return rows.map(toPost);
  }

  async aroundTime(channelId: string, time: number, sizes: { before: number; after: number }, options: PostPageOptions = {}): Promise<PostWindow> {
    if (this.dialect === 'postgres') return postWindowPostgres(this.db, channelId, time, sizes, options);
    const row = await withPageOptions(this.db.selectFrom('posts').selectAll().where('channel_id', '=', channelId), options)
      .where('create_at', '>', time).orderBy('create_at', 'asc').orderBy('id', 'asc').limit(1).executeTakeFirst();
    const first = row && toPost(row);
    const cursor = first && { createAt: first.create_at, id: first.id };
    const [before, after] = await Promise.all([
      this.pageBefore(channelId, cursor, sizes.before, options),
      cursor ? this.pageAfter(channelId, cursor, sizes.after, options) : [],
    ]);
    return { first, before, after };
  }

  async changedSince(channelId: string, since: number, limit: number): Promise<PostRecord[]> {
    const rows = await this.db.selectFrom('posts').selectAll().where('channel_id', '=', channelId).where('update_at', '>', since)
      .orderBy('update_at', 'desc').limit(limit).execute();
    return rows.map(toPost);
  }

  async replies(rootId: string): Promise<PostRecord[]> {
    const rows = await this.db.selectFrom('posts').selectAll().where('root_id', '=', rootId).where('delete_at', '=', 0)
      .orderBy('create_at', 'asc').orderBy('id', 'asc').execute();
    return rows.map(toPost);
  }

  async pinned(channelId: string): Promise<PostRecord[]> {
    const rows = await this.db.selectFrom('posts').selectAll().where('channel_id', '=', channelId).where(sql<boolean>`is_pinned = 1`)
      .where('delete_at', '=', 0).orderBy('create_at', 'desc').orderBy('id', 'desc').execute();
    return rows.map(toPost);
  }

  async countPinned(channelId: string): Promise<number> {
    const row = await this.db.selectFrom('posts').select((eb) => eb.fn.countAll<number>().as('n')).where('channel_id', '=', channelId)
      .where(sql<boolean>`is_pinned = 1`).where('delete_at', '=', 0).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async countSince(channelId: string, time: number): Promise<{ all: number; root: number }> {
    const row = await this.db.selectFrom('posts')
      .select((eb) => [
        eb.fn.countAll<number>().as('all'),
        eb.fn.sum<number>(eb.case().when('root_id', '=', '').then(1).else(0).end()).as('root'),
      ])
      .where('channel_id', '=', channelId).where('create_at', '>=', time).where('delete_at', '=', 0).executeTakeFirstOrThrow();
    return { all: Number(row.all), root: Number(row.root ?? 0) };
  }

  async flagged(userId: string, filter: FlaggedPostFilter): Promise<PostRecord[]> {
    let query = this.db.selectFrom('preferences')
      .innerJoin('posts', 'posts.id', 'preferences.name')
      .innerJoin('channel_members', (join) => join.onRef('channel_members.channel_id', '=', 'posts.channel_id')
        .onRef('channel_members.user_id', '=', 'preferences.user_id'))
      .innerJoin('channels', 'channels.id', 'posts.channel_id')
      .selectAll('posts')
      .where('preferences.user_id', '=', userId).where('preferences.category', '=', 'flagged_post')
      .where('preferences.value', '=', 'true').where('posts.delete_at', '=', 0);
    if (filter.channelId !== undefined) query = query.where('posts.channel_id', '=', filter.channelId);
    if (filter.teamId !== undefined) query = query.where('channels.team_id', 'in', [filter.teamId, '']);
    const rows = await query.orderBy('posts.create_at', 'desc').orderBy('posts.id', 'desc')
      .offset(filter.offset).limit(filter.limit).execute();
    return rows.map(toPost);
  }

  creationContext(channelId: string, userId: string, lookup: MentionLookup): Promise<PostCreationContext> {
    // SQLite: outside a transaction each statement opens and closes its own read transaction, which costs more than
    // these reads themselves; joining the writer's shared transaction (group commit) makes the four reads one.
    return this.dialect === 'postgres'
      ? creationContextPostgres(this.db, channelId, userId, lookup)
      : this.directly((direct) => creationContextSqlite(this.db, direct, channelId, userId, lookup));
  }

  mentionCandidates(channelId: string, lookup: MentionLookup): Promise<MentionSettings[]> {
    return this.dialect === 'postgres'
      ? mentionCandidatesPostgres(this.db, channelId, lookup)
      : this.directly((direct) => mentionCandidatesSqlite(this.db, direct, channelId, lookup));
  }

  channelMentionSettings(channelId: string): Promise<MentionSettings[]> {
    return channelMentionSettings(this.db, channelId);
  }
}
