import type { Kysely } from 'kysely';
import type { PostRecord } from '../../model/types.js';
import type { PostStore } from '../posts.js';
import type { Cursor } from '../store.js';
import { fromPost, toPost } from './rows.js';
import type { Database } from './schema.js';

export class SqlPostStore implements PostStore {
  constructor(private readonly db: Kysely<Database>) {}

  async create(post: PostRecord): Promise<void> {
    await this.db.insertInto('posts').values(fromPost(post)).execute();
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
    await this.db.updateTable('posts').set(fromPost(post)).where('id', '=', post.id).execute();
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

  async pageBefore(channelId: string, before: Cursor | undefined, limit: number): Promise<PostRecord[]> {
    let query = this.db.selectFrom('posts').selectAll().where('channel_id', '=', channelId).where('delete_at', '=', 0);
    if (before) {
      query = query.where((eb) => eb.or([
        eb('create_at', '<', before.createAt),
        eb.and([eb('create_at', '=', before.createAt), eb('id', '<', before.id)]),
      ]));
    }
    const rows = await query.orderBy('create_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.map(toPost);
  }

  async pageAfter(channelId: string, after: Cursor, limit: number): Promise<PostRecord[]> {
    const rows = await this.db.selectFrom('posts').selectAll().where('channel_id', '=', channelId).where('delete_at', '=', 0)
      .where((eb) => eb.or([
        eb('create_at', '>', after.createAt),
        eb.and([eb('create_at', '=', after.createAt), eb('id', '>', after.id)]),
      ]))
      .orderBy('create_at', 'asc').orderBy('id', 'asc').limit(limit).execute();
    return rows.map(toPost);
  }

  async pageByOffset(channelId: string, offset: number, limit: number): Promise<PostRecord[]> {
    const rows = await this.db.selectFrom('posts').selectAll().where('channel_id', '=', channelId).where('delete_at', '=', 0)
      .orderBy('create_at', 'desc').orderBy('id', 'desc').offset(offset).limit(limit).execute();
    return rows.map(toPost);
  }

  async changedSince(channelId: string, since: number, limit: number): Promise<PostRecord[]> {
    const rows = await this.db.selectFrom('posts').selectAll().where('channel_id', '=', channelId).where('update_at', '>', since)
      .orderBy('update_at', 'asc').limit(limit).execute();
    return rows.map(toPost);
  }

  async replies(rootId: string): Promise<PostRecord[]> {
    const rows = await this.db.selectFrom('posts').selectAll().where('root_id', '=', rootId).where('delete_at', '=', 0)
      .orderBy('create_at', 'asc').orderBy('id', 'asc').execute();
    return rows.map(toPost);
  }

  async pinned(channelId: string): Promise<PostRecord[]> {
    const rows = await this.db.selectFrom('posts').selectAll().where('channel_id', '=', channelId).where('is_pinned', '=', 1)
      .where('delete_at', '=', 0).orderBy('create_at', 'desc').execute();
    return rows.map(toPost);
  }

  async countPinned(channelId: string): Promise<number> {
    const row = await this.db.selectFrom('posts').select((eb) => eb.fn.countAll<number>().as('n')).where('channel_id', '=', channelId)
      .where('is_pinned', '=', 1).where('delete_at', '=', 0).executeTakeFirstOrThrow();
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
}
