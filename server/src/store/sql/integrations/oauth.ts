import type { Kysely, Selectable } from 'kysely';
import { AUTHORIZED_OAUTH_APP, type OAuthAccessDataRecord, type OAuthAppRecord, type OAuthAuthDataRecord, type OAuthStore } from '../../integrations/oauth.js';
import type { Database } from '../schema.js';

type AppRow = Selectable<Database['oauth_apps']>;

const toApp = (r: AppRow): OAuthAppRecord => ({
  ...r, create_at: Number(r.create_at), update_at: Number(r.update_at), is_trusted: Boolean(Number(r.is_trusted)),
  callback_urls: JSON.parse(r.callback_urls) as string[],
});
const fromApp = (a: OAuthAppRecord): AppRow => ({ ...a, is_trusted: a.is_trusted ? 1 : 0, callback_urls: JSON.stringify(a.callback_urls) });

const toAuthData = (r: OAuthAuthDataRecord): OAuthAuthDataRecord => ({ ...r, create_at: Number(r.create_at), used_at: Number(r.used_at) });
const toAccessData = (r: OAuthAccessDataRecord): OAuthAccessDataRecord => ({ ...r, expires_at: Number(r.expires_at) });

export class SqlOAuthStore implements OAuthStore {
  constructor(private readonly db: Kysely<Database>, private readonly inTransaction: <T>(work: (db: Kysely<Database>) => Promise<T>) => Promise<T>) {}

  async createApp(app: OAuthAppRecord): Promise<void> {
    await this.db.insertInto('oauth_apps').values(fromApp(app)).execute();
  }

  async getApp(id: string): Promise<OAuthAppRecord | undefined> {
    const row = await this.db.selectFrom('oauth_apps').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toApp(row);
  }

  async getApps(ids: readonly string[]): Promise<OAuthAppRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('oauth_apps').selectAll().where('id', 'in', [...ids]).orderBy('create_at').orderBy('id').execute();
    return rows.map(toApp);
  }

  async listApps(creatorId: string | undefined, offset: number, limit: number): Promise<OAuthAppRecord[]> {
    let query = this.db.selectFrom('oauth_apps').selectAll();
    if (creatorId !== undefined) query = query.where('creator_id', '=', creatorId);
    const rows = await query.orderBy('create_at').orderBy('id').offset(offset).limit(limit).execute();
    return rows.map(toApp);
  }

  async updateApp(app: OAuthAppRecord): Promise<void> {
    const { id, ...rest } = fromApp(app);
    await this.db.updateTable('oauth_apps').set(rest).where('id', '=', id).execute();
  }

  removeApp(id: string): Promise<string[]> {
    return this.inTransaction(async (db) => {
      await db.deleteFrom('oauth_apps').where('id', '=', id).execute();
      await db.deleteFrom('oauth_auth_data').where('client_id', '=', id).execute();
      await db.deleteFrom('preferences').where('category', '=', AUTHORIZED_OAUTH_APP).where('name', '=', id).execute();
      const removed = await db.deleteFrom('oauth_access_data').where('client_id', '=', id).returning('token').execute();
      return removed.map((r) => r.token);
    });
  }

  async saveAuthData(data: OAuthAuthDataRecord): Promise<void> {
    await this.db.insertInto('oauth_auth_data').values(data).execute();
  }

  async getAuthData(code: string): Promise<OAuthAuthDataRecord | undefined> {
    const row = await this.db.selectFrom('oauth_auth_data').selectAll().where('code', '=', code).executeTakeFirst();
    return row && toAuthData(row);
  }

  async redeemAuthData(code: string, now: number): Promise<OAuthAuthDataRecord | undefined> {
    const row = await this.db.updateTable('oauth_auth_data').set({ used_at: now }).where('code', '=', code).where('used_at', '=', 0)
      .returningAll().executeTakeFirst();
    return row && toAuthData(row);
  }

  async removeAuthDataBefore(before: number): Promise<void> {
    await this.db.deleteFrom('oauth_auth_data').where('create_at', '<', before).execute();
  }

  async saveAccessData(data: OAuthAccessDataRecord): Promise<void> {
    await this.db.insertInto('oauth_access_data').values(data).execute();
  }

  async takeByRefreshToken(clientId: string, refreshToken: string): Promise<OAuthAccessDataRecord | undefined> {
    if (refreshToken === '') return undefined;
    const row = await this.db.deleteFrom('oauth_access_data').where('refresh_token', '=', refreshToken).where('client_id', '=', clientId)
      .returningAll().executeTakeFirst();
    return row && toAccessData(row);
  }

  async removeAccessData(clientId: string, userId: string): Promise<string[]> {
    const removed = await this.db.deleteFrom('oauth_access_data').where('client_id', '=', clientId).where('user_id', '=', userId)
      .returning('token').execute();
    return removed.map((r) => r.token);
  }
}
