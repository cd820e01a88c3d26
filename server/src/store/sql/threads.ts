import type { Kysely } from 'kysely';
import type { ThreadMembershipRecord, ThreadRecord } from '../../model/types.js';
import type { ThreadStore } from '../threads.js';
import { fromThread, fromThreadMembership, toThread, toThreadMembership } from './rows.js';
import type { Database } from './schema.js';

export class SqlThreadStore implements ThreadStore {
  constructor(private readonly db: Kysely<Database>) {}

  async get(postId: string): Promise<ThreadRecord | undefined> {
    const row = await this.db.selectFrom('threads').selectAll().where('post_id', '=', postId).executeTakeFirst();
    return row && toThread(row);
  }

  async getMany(postIds: readonly string[]): Promise<ThreadRecord[]> {
    if (postIds.length === 0) return [];
    const rows = await this.db.selectFrom('threads').selectAll().where('post_id', 'in', [...postIds]).execute();
    return rows.map(toThread);
  }

  async save(thread: ThreadRecord): Promise<void> {
    const row = fromThread(thread);
    await this.db.insertInto('threads').values(row)
      .onConflict((oc) => oc.column('post_id').doUpdateSet({
        reply_count: row.reply_count, last_reply_at: row.last_reply_at, participants: row.participants,
      }))
      .execute();
  }

  async remove(postId: string): Promise<void> {
    await this.db.deleteFrom('threads').where('post_id', '=', postId).execute();
    await this.db.deleteFrom('thread_memberships').where('post_id', '=', postId).execute();
  }

  async getMembership(postId: string, userId: string): Promise<ThreadMembershipRecord | undefined> {
    const row = await this.db.selectFrom('thread_memberships').selectAll().where('post_id', '=', postId)
      .where('user_id', '=', userId).executeTakeFirst();
    return row && toThreadMembership(row);
  }

  async getMemberships(userId: string, postIds: readonly string[]): Promise<ThreadMembershipRecord[]> {
    if (postIds.length === 0) return [];
    const rows = await this.db.selectFrom('thread_memberships').selectAll().where('user_id', '=', userId)
      .where('post_id', 'in', [...postIds]).execute();
    return rows.map(toThreadMembership);
  }

  async saveMembership(m: ThreadMembershipRecord): Promise<void> {
    const row = fromThreadMembership(m);
    await this.db.insertInto('thread_memberships').values(row)
      .onConflict((oc) => oc.columns(['post_id', 'user_id']).doUpdateSet({
        following: row.following, last_viewed: row.last_viewed, last_updated: row.last_updated,
        unread_mentions: row.unread_mentions,
      }))
      .execute();
  }

  async listFollowers(postId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('thread_memberships').select('user_id').where('post_id', '=', postId)
      .where('following', '=', 1).execute();
    return rows.map((r) => r.user_id);
  }

  async listFollowed(userId: string, o: { channelIds: readonly string[]; before?: number; limit: number }): Promise<ThreadMembershipRecord[]> {
    if (o.channelIds.length === 0) return [];
    let query = this.db.selectFrom('thread_memberships').innerJoin('threads', 'threads.post_id', 'thread_memberships.post_id')
      .selectAll('thread_memberships').where('thread_memberships.user_id', '=', userId)
      .where('thread_memberships.following', '=', 1).where('threads.channel_id', 'in', [...o.channelIds])
      .where('threads.reply_count', '>', 0);
    if (o.before !== undefined) query = query.where('thread_memberships.last_updated', '<', o.before);
    const rows = await query.orderBy('thread_memberships.last_updated', 'desc').limit(o.limit).execute();
    return rows.map(toThreadMembership);
  }
}
