import { sql, type Kysely } from 'kysely';
import type { TokenRecord, TokenStore } from '../tokens.js';
import type { Database } from './schema.js';

export class SqlTokenStore implements TokenStore {
  constructor(private readonly db: Kysely<Database>, private readonly dialect: 'sqlite' | 'postgres') {}

  async save(token: TokenRecord): Promise<void> {
    await this.db.insertInto('tokens').values(token).execute();
  }

  // DELETE ... RETURNING (SQLite 3.35+, PostgreSQL): the row goes to the one statement that deleted it.
  take(type: string, token: string): Promise<TokenRecord | undefined> {
    return this.db.deleteFrom('tokens').where('token', '=', token).where('type', '=', type).returningAll().executeTakeFirst();
  }

  async removeExpired(type: string, before: number): Promise<number> {
    const result = await this.db.deleteFrom('tokens').where('type', '=', type).where('create_at', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async removeForUser(type: string, userId: string): Promise<void> {
    const owner = this.dialect === 'postgres' ? sql<string>`(extra::jsonb ->> 'user_id')` : sql<string>`json_extract(extra, '$.user_id')`;
    await this.db.deleteFrom('tokens').where('type', '=', type).where(owner, '=', userId).execute();
  }
}
