import type { Kysely } from 'kysely';
import type { PermanentDeletionStore } from '../../admin/permanent_deletion.js';
import type { Atomically } from '../atomically.js';
import type { Database } from '../schema.js';

/** Rows that hang off a channel's posts and memberships, deleted before the posts and the channel themselves. */
async function deleteChannelRows(db: Kysely<Database>, channelIds: readonly string[]): Promise<void> {
  if (channelIds.length === 0) return;
  const ids = [...channelIds];
  const postIds = db.selectFrom('posts').select('id').where('channel_id', 'in', ids);
  await db.deleteFrom('post_edits').where('post_id', 'in', postIds).execute();
  await db.deleteFrom('thread_memberships').where('post_id', 'in', db.selectFrom('threads').select('post_id').where('channel_id', 'in', ids)).execute();
  await db.deleteFrom('threads').where('channel_id', 'in', ids).execute();
  await db.deleteFrom('reactions').where('channel_id', 'in', ids).execute();
  await db.deleteFrom('posts').where('channel_id', 'in', ids).execute();
  await db.deleteFrom('sidebar_channels').where('channel_id', 'in', ids).execute();
  // Favourites are remembered as preferences named by the channel id.
  await db.deleteFrom('preferences').where('category', '=', 'favorite_channel').where('name', 'in', ids).execute();
  await db.deleteFrom('channel_members').where('channel_id', 'in', ids).execute();
  await db.deleteFrom('channels').where('id', 'in', ids).execute();
}

export class SqlPermanentDeletionStore implements PermanentDeletionStore {
  constructor(private readonly atomically: Atomically) {}

  deleteChannel(channelId: string): Promise<void> {
    return this.atomically((db) => deleteChannelRows(db, [channelId]));
  }

  deleteTeam(teamId: string): Promise<string[]> {
    return this.atomically(async (db) => {
      const channels = await db.selectFrom('channels').select('id').where('team_id', '=', teamId).execute();
      await deleteChannelRows(db, channels.map((c) => c.id));
      await db.deleteFrom('sidebar_channels').where('category_id', 'in', db.selectFrom('sidebar_categories').select('id').where('team_id', '=', teamId)).execute();
      await db.deleteFrom('sidebar_categories').where('team_id', '=', teamId).execute();
      await db.deleteFrom('team_members').where('team_id', '=', teamId).execute();
      await db.deleteFrom('teams').where('id', '=', teamId).execute();
      return channels.map((c) => c.id);
    });
  }

  moveChannel(channelId: string, teamId: string, at: number): Promise<void> {
    return this.atomically(async (db) => {
      await db.updateTable('channels').set({ team_id: teamId, update_at: at }).where('id', '=', channelId).execute();
      await db.deleteFrom('sidebar_channels').where('channel_id', '=', channelId).execute();
    });
  }
}
