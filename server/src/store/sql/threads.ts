import { sql, type Kysely } from 'kysely';
import type { ThreadMembershipRecord, ThreadRecord } from '../../model/types.js';
import type { FollowedThreadQuery, FollowedThreadTotals, ThreadStore, UnreadReplyCount } from '../threads.js';
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

  async recordReply(rootId: string, channelId: string, userId: string, createAt: number): Promise<ThreadRecord> {
    // The counter update locks the thread row first, so the participants read
    // below sees every reply committed before ours.
    await this.db.insertInto('threads')
      .values({ post_id: rootId, channel_id: channelId, reply_count: 1, last_reply_at: createAt, participants: '[]' })
      .onConflict((oc) => oc.column('post_id').doUpdateSet((eb) => ({
        reply_count: eb('threads.reply_count', '+', 1),
        last_reply_at: sql<number>`CASE WHEN threads.last_reply_at > ${createAt} THEN threads.last_reply_at ELSE ${createAt} END`,
      })))
      .execute();
    const thread = await this.get(rootId);
    if (!thread) throw new Error(`thread ${rootId} vanished while recording a reply`);
    if (!thread.participants.includes(userId)) {
      thread.participants = [...thread.participants, userId];
      await this.db.updateTable('threads').set({ participants: JSON.stringify(thread.participants) }).where('post_id', '=', rootId).execute();
    }
    return thread;
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

  async listMemberships(postId: string, o: { userIds?: readonly string[]; followingOnly?: boolean }): Promise<ThreadMembershipRecord[]> {
    if (o.userIds?.length === 0) return [];
    let query = this.db.selectFrom('thread_memberships').selectAll().where('post_id', '=', postId);
    if (o.userIds) query = query.where('user_id', 'in', [...o.userIds]);
    if (o.followingOnly) query = query.where('following', '=', 1);
    const rows = await query.execute();
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

  async touchFollowers(postId: string, exceptUserId: string, at: number): Promise<void> {
    await this.db.updateTable('thread_memberships').set({ last_updated: at }).where('post_id', '=', postId)
      .where('following', '=', 1).where('user_id', '<>', exceptUserId).execute();
  }

  async addMentions(postId: string, userIds: readonly string[]): Promise<void> {
    if (userIds.length === 0) return;
    await this.db.updateTable('thread_memberships').set((eb) => ({ unread_mentions: eb('unread_mentions', '+', 1) }))
      .where('post_id', '=', postId).where('user_id', 'in', [...userIds]).where('following', '=', 1).execute();
  }

  private followed(userId: string, channelIds: readonly string[]) {
    return this.db.selectFrom('thread_memberships as tm').innerJoin('threads as t', 't.post_id', 'tm.post_id')
      .where('tm.user_id', '=', userId).where('tm.following', '=', 1).where('t.channel_id', 'in', [...channelIds])
      .where('t.reply_count', '>', 0);
  }

  async listFollowed(userId: string, o: FollowedThreadQuery): Promise<ThreadMembershipRecord[]> {
    if (o.channelIds.length === 0) return [];
    let query = this.followed(userId, o.channelIds).selectAll('tm');
    if (o.unreadOnly) query = query.whereRef('t.last_reply_at', '>', 'tm.last_viewed');
    if (o.since !== undefined) query = query.where('tm.last_updated', '>=', o.since);
    const { before, after } = o;
    if (before) {
      query = query.where((eb) => eb.or([
        eb('t.last_reply_at', '<', before.createAt),
        eb.and([eb('t.last_reply_at', '=', before.createAt), eb('t.post_id', '<', before.id)]),
      ]));
    }
    if (after) {
      query = query.where((eb) => eb.or([
        eb('t.last_reply_at', '>', after.createAt),
        eb.and([eb('t.last_reply_at', '=', after.createAt), eb('t.post_id', '>', after.id)]),
      ]));
      const rows = await query.orderBy('t.last_reply_at', 'asc').orderBy('t.post_id', 'asc').limit(o.limit).execute();
      return rows.map(toThreadMembership).reverse();
    }
    const rows = await query.orderBy('t.last_reply_at', 'desc').orderBy('t.post_id', 'desc').limit(o.limit).execute();
    return rows.map(toThreadMembership);
  }

  async countFollowed(userId: string, channelIds: readonly string[]): Promise<FollowedThreadTotals> {
    if (channelIds.length === 0) return { total: 0, unreadThreads: 0, unreadMentions: 0 };
    const row = await this.followed(userId, channelIds)
      .select((eb) => [
        eb.fn.countAll<number>().as('total'),
        eb.fn.sum<number>(eb.case().when('t.last_reply_at', '>', eb.ref('tm.last_viewed')).then(1).else(0).end()).as('unread'),
        eb.fn.sum<number>('tm.unread_mentions').as('mentions'),
      ])
      .executeTakeFirstOrThrow();
    return { total: Number(row.total), unreadThreads: Number(row.unread ?? 0), unreadMentions: Number(row.mentions ?? 0) };
  }

  async unreadReplies(postIds: readonly string[], userIds: readonly string[]): Promise<UnreadReplyCount[]> {
    if (postIds.length === 0 || userIds.length === 0) return [];
    const rows = await this.db.selectFrom('thread_memberships as tm')
      .innerJoin('posts as p', (join) => join.onRef('p.root_id', '=', 'tm.post_id').onRef('p.create_at', '>', 'tm.last_viewed')
        .on('p.delete_at', '=', 0))
      .select((eb) => ['tm.post_id', 'tm.user_id', eb.fn.count<number>('p.id').as('n')])
      .where('tm.post_id', 'in', [...postIds]).where('tm.user_id', 'in', [...userIds])
      .groupBy(['tm.post_id', 'tm.user_id']).execute();
    return rows.map((r) => ({ postId: r.post_id, userId: r.user_id, count: Number(r.n) }));
  }

  async removeMembershipsInChannel(userId: string, channelId: string): Promise<void> {
    // Through the root post, not the threads row: a thread followed before its first reply has no row yet.
    await this.db.deleteFrom('thread_memberships').where('user_id', '=', userId)
      .where((eb) => eb.exists(eb.selectFrom('posts').select('posts.id')
        .whereRef('posts.id', '=', 'thread_memberships.post_id').where('posts.channel_id', '=', channelId)))
      .execute();
  }

  async markAllRead(userId: string, channelIds: readonly string[], at: number): Promise<void> {
    if (channelIds.length === 0) return;
    await this.db.updateTable('thread_memberships').set({ last_viewed: at, last_updated: at, unread_mentions: 0 })
      .where('user_id', '=', userId)
      .where('post_id', 'in', (eb) => eb.selectFrom('threads').select('post_id').where('channel_id', 'in', [...channelIds]))
      .execute();
  }
}
