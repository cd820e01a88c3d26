import { sql, type Kysely, type SqlBool } from 'kysely';
import type { EmojiRecord, EmojiSort, EmojiStore } from '../../emoji/emoji.js';
import type { Database } from '../schema.js';

/** LIKE pattern for a typed term, its wildcards taken literally (names never hold `%` or `\`, but `_` is common). */
const literal = (term: string): string => term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);

export class SqlEmojiStore implements EmojiStore {
  constructor(private readonly db: Kysely<Database>) {}

  private live() {
    return this.db.selectFrom('emoji').selectAll().where('delete_at', '=', 0);
  }

  // The conflict target names the partial unique index (live names), so a deleted emoji's name can be taken again;
  // its condition is a literal because SQLite matches it to the index's text, and a parameter never matches.
  async create(emoji: EmojiRecord): Promise<boolean> {
    const result = await this.db.insertInto('emoji').values(emoji)
      .onConflict((oc) => oc.column('name').where('delete_at', '=', sql.lit(0)).doNothing()).executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  get(id: string): Promise<EmojiRecord | undefined> {
    return this.live().where('id', '=', id).executeTakeFirst();
  }

  getByName(name: string): Promise<EmojiRecord | undefined> {
    return this.live().where('name', '=', name).executeTakeFirst();
  }

  async getByNames(names: readonly string[]): Promise<EmojiRecord[]> {
    if (names.length === 0) return [];
    return this.live().where('name', 'in', [...names]).execute();
  }

  list(options: { offset: number; limit: number; sort: EmojiSort }): Promise<EmojiRecord[]> {
    const query = options.sort === 'name' ? this.live().orderBy('name') : this.live().orderBy('create_at').orderBy('id');
    return query.limit(options.limit).offset(options.offset).execute();
  }

  search(term: string, options: { prefixOnly: boolean; limit: number }): Promise<EmojiRecord[]> {
    const pattern = `${options.prefixOnly ? '' : '%'}${literal(term)}%`;
    return this.live().where(sql<SqlBool>`name like ${pattern} escape '\\'`).orderBy('name').limit(options.limit).execute();
  }

  async delete(id: string, at: number): Promise<boolean> {
    const result = await this.db.updateTable('emoji').set({ delete_at: at, update_at: at })
      .where('id', '=', id).where('delete_at', '=', 0).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
