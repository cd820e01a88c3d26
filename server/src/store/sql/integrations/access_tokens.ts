import type { Kysely, Selectable } from 'kysely';
import type { AccessTokenRecord, AccessTokenStore } from '../../integrations/access_tokens.js';
import { startsWithIgnoringCase } from '../like.js';
import type { Database } from '../schema.js';

type Row = Selectable<Database['user_access_tokens']>;

const toToken = (r: Row): AccessTokenRecord => ({ ...r, is_active: Boolean(Number(r.is_active)) });

export class SqlAccessTokenStore implements AccessTokenStore {
  constructor(private readonly db: Kysely<Database>, private readonly dialect: 'sqlite' | 'postgres') {}

  async create(token: AccessTokenRecord): Promise<void> {
    await this.db.insertInto('user_access_tokens').values({ ...token, is_active: token.is_active ? 1 : 0 }).execute();
  }

  async get(id: string): Promise<AccessTokenRecord | undefined> {
    const row = await this.db.selectFrom('user_access_tokens').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toToken(row);
  }

  async getByTokenHash(hash: string): Promise<AccessTokenRecord | undefined> {
    const row = await this.db.selectFrom('user_access_tokens').selectAll().where('token', '=', hash).executeTakeFirst();
    return row && toToken(row);
  }

  async listForUser(userId: string, offset: number, limit: number): Promise<AccessTokenRecord[]> {
    const rows = await this.db.selectFrom('user_access_tokens').selectAll().where('user_id', '=', userId)
      .orderBy('id').offset(offset).limit(limit).execute();
    return rows.map(toToken);
  }

  async listAll(offset: number, limit: number): Promise<AccessTokenRecord[]> {
    const rows = await this.db.selectFrom('user_access_tokens').selectAll().orderBy('id').offset(offset).limit(limit).execute();
    return rows.map(toToken);
  }

  async search(term: string, limit: number): Promise<AccessTokenRecord[]> {
    const rows = await this.db.selectFrom('user_access_tokens').innerJoin('users', 'users.id', 'user_access_tokens.user_id')
      .selectAll('user_access_tokens')
      .where((eb) => eb.or([
        startsWithIgnoringCase(this.dialect, 'user_access_tokens.id', term),
        startsWithIgnoringCase(this.dialect, 'user_access_tokens.user_id', term),
        startsWithIgnoringCase(this.dialect, 'users.username', term),
      ]))
      .orderBy('user_access_tokens.id').limit(limit).execute();
    return rows.map(toToken);
  }

  async setActive(id: string, active: boolean): Promise<void> {
    await this.db.updateTable('user_access_tokens').set({ is_active: active ? 1 : 0 }).where('id', '=', id).execute();
  }

  async remove(id: string): Promise<void> {
    await this.db.deleteFrom('user_access_tokens').where('id', '=', id).execute();
  }

  listActiveOfHumans(): Promise<Pick<AccessTokenRecord, 'id' | 'user_id'>[]> {
    return this.db.selectFrom('user_access_tokens').innerJoin('users', 'users.id', 'user_access_tokens.user_id')
      .select(['user_access_tokens.id', 'user_access_tokens.user_id'])
      .where('user_access_tokens.is_active', '=', 1).where('users.is_bot', '=', 0).execute();
  }
}
