import { sql, type Kysely } from 'kysely';
import type { PreferenceType } from '../../model/types.js';
import type { PreferenceStore } from '../preferences.js';
import { toPreference } from './rows.js';
import type { Database } from './schema.js';

export class SqlPreferenceStore implements PreferenceStore {
  constructor(private readonly db: Kysely<Database>) {}

  async list(userId: string, category?: string): Promise<PreferenceType[]> {
    let query = this.db.selectFrom('preferences').selectAll().where('user_id', '=', userId);
    if (category !== undefined) query = query.where('category', '=', category);
    const rows = await query.orderBy('category').orderBy('name').execute();
    return rows.map(toPreference);
  }

  async get(userId: string, category: string, name: string): Promise<PreferenceType | undefined> {
    const row = await this.db.selectFrom('preferences').selectAll().where('user_id', '=', userId)
      .where('category', '=', category).where('name', '=', name).executeTakeFirst();
    return row && toPreference(row);
  }

  async save(preferences: readonly PreferenceType[]): Promise<void> {
    for (const p of preferences) {
      await this.db.insertInto('preferences').values({ user_id: p.user_id, category: p.category, name: p.name, value: p.value ?? '' })
        .onConflict((oc) => oc.columns(['user_id', 'category', 'name']).doUpdateSet({ value: p.value ?? '' })).execute();
    }
  }

  async remove(preferences: readonly PreferenceType[]): Promise<void> {
    for (const p of preferences) {
      await this.db.deleteFrom('preferences').where('user_id', '=', p.user_id).where('category', '=', p.category)
        .where('name', '=', p.name).execute();
    }
  }

  async sizeForUser(userId: string): Promise<number> {
    const row = await this.db.selectFrom('preferences')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>(sql<number>`length(category) + length(name) + length(value)`), sql<number>`0`).as('size'))
      .where('user_id', '=', userId).executeTakeFirstOrThrow();
    return Number(row.size);
  }
}
