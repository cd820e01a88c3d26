import type { Kysely } from 'kysely';
import type { CategoryRecord } from '../../model/types.js';
import type { CategoryStore } from '../categories.js';
import { fromCategory, toCategory } from './rows.js';
import type { Database } from './schema.js';

export class SqlCategoryStore implements CategoryStore {
  constructor(private readonly db: Kysely<Database>) {}

  async list(userId: string, teamId: string): Promise<CategoryRecord[]> {
    const rows = await this.db.selectFrom('sidebar_categories').selectAll().where('user_id', '=', userId)
      .where('team_id', '=', teamId).orderBy('sort_order').execute();
    return rows.map(toCategory);
  }

  async get(id: string): Promise<CategoryRecord | undefined> {
    const row = await this.db.selectFrom('sidebar_categories').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toCategory(row);
  }

  async save(category: CategoryRecord): Promise<void> {
    const row = fromCategory(category);
    await this.db.insertInto('sidebar_categories').values(row)
      .onConflict((oc) => oc.column('id').doUpdateSet({
        display_name: row.display_name, sorting: row.sorting, muted: row.muted, collapsed: row.collapsed, sort_order: row.sort_order,
      }))
      .execute();
  }

  async remove(id: string): Promise<void> {
    await this.db.deleteFrom('sidebar_channels').where('category_id', '=', id).execute();
    await this.db.deleteFrom('sidebar_categories').where('id', '=', id).execute();
  }

  async channelIds(categoryIds: readonly string[]): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>(categoryIds.map((id) => [id, []]));
    if (categoryIds.length === 0) return result;
    const rows = await this.db.selectFrom('sidebar_channels').select(['category_id', 'channel_id'])
      .where('category_id', 'in', [...categoryIds]).orderBy('sort_order').execute();
    for (const row of rows) result.get(row.category_id)?.push(row.channel_id);
    return result;
  }

  async setChannels(userId: string, categoryId: string, channelIds: readonly string[]): Promise<void> {
    await this.db.deleteFrom('sidebar_channels').where('category_id', '=', categoryId).execute();
    if (channelIds.length === 0) return;
    await this.db.insertInto('sidebar_channels')
      .values(channelIds.map((channel_id, i) => ({ category_id: categoryId, channel_id, user_id: userId, sort_order: i * 10 })))
      .execute();
  }

  async removeChannel(userId: string, channelId: string): Promise<void> {
    await this.db.deleteFrom('sidebar_channels').where('user_id', '=', userId).where('channel_id', '=', channelId).execute();
  }

  async removeForTeam(userId: string, teamId: string): Promise<void> {
    const ids = (await this.list(userId, teamId)).map((c) => c.id);
    if (ids.length === 0) return;
    await this.db.deleteFrom('sidebar_channels').where('category_id', 'in', ids).execute();
    await this.db.deleteFrom('sidebar_categories').where('id', 'in', ids).execute();
  }
}
