import type { Kysely } from 'kysely';
import type { ReactionRecord } from '../../model/types.js';
import type { ReactionStore } from '../reactions.js';
import { toReaction } from './rows.js';
import type { Database } from './schema.js';

export class SqlReactionStore implements ReactionStore {
  constructor(private readonly db: Kysely<Database>) {}

  async save(reaction: ReactionRecord): Promise<boolean> {
    const result = await this.db.insertInto('reactions').values(reaction)
      .onConflict((oc) => oc.columns(['post_id', 'user_id', 'emoji_name']).doNothing()).executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async remove(postId: string, userId: string, emojiName: string): Promise<boolean> {
    const result = await this.db.deleteFrom('reactions').where('post_id', '=', postId).where('user_id', '=', userId)
      .where('emoji_name', '=', emojiName).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async removeAllNamed(emojiName: string, at: number): Promise<string[]> {
    const rows = await this.db.selectFrom('reactions').select('post_id').distinct().where('emoji_name', '=', emojiName).execute();
    const postIds = rows.map((r) => r.post_id);
    if (postIds.length === 0) return [];
    await this.db.deleteFrom('reactions').where('emoji_name', '=', emojiName).execute();
    // Posts left without any reaction stop saying they have some, so readers skip the reactions lookup.
    await this.db.updateTable('posts').set({ has_reactions: 0, update_at: at }).where('id', 'in', postIds)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('reactions').select('reactions.post_id').whereRef('reactions.post_id', '=', 'posts.id'))))
      .execute();
    return postIds;
  }

  async listForPost(postId: string): Promise<ReactionRecord[]> {
    const rows = await this.db.selectFrom('reactions').selectAll().where('post_id', '=', postId).orderBy('create_at').execute();
    return rows.map(toReaction);
  }

  async listForPosts(postIds: readonly string[]): Promise<ReactionRecord[]> {
    if (postIds.length === 0) return [];
    const rows = await this.db.selectFrom('reactions').selectAll().where('post_id', 'in', [...postIds]).orderBy('create_at').execute();
    return rows.map(toReaction);
  }
}
