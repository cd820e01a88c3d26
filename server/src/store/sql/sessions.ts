import { sql, type Kysely } from 'kysely';
import type { SessionRecord } from '../../model/types.js';
import type { SessionStore } from '../sessions.js';
import { fromSession, toSession } from './rows.js';
import type { Database } from './schema.js';

export class SqlSessionStore implements SessionStore {
  constructor(private readonly db: Kysely<Database>, private readonly dialect: 'sqlite' | 'postgres') {}

  async create(session: SessionRecord): Promise<void> {
    await this.db.insertInto('sessions').values(fromSession(session)).execute();
  }

  async getByToken(token: string): Promise<SessionRecord | undefined> {
    const row = await this.db.selectFrom('sessions').selectAll().where('token', '=', token).executeTakeFirst();
    return row && toSession(row);
  }

  async get(id: string): Promise<SessionRecord | undefined> {
    const row = await this.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toSession(row);
  }

  async listForUser(userId: string): Promise<SessionRecord[]> {
    const rows = await this.db.selectFrom('sessions').selectAll().where('user_id', '=', userId).orderBy('last_activity_at', 'desc').execute();
    return rows.map(toSession);
  }

  async remove(id: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', id).execute();
  }

  removeAllForUser(userId: string, exceptId = ''): Promise<Pick<SessionRecord, 'id' | 'token'>[]> {
    // RETURNING names exactly what went, including sessions created while this ran.
    return this.db.deleteFrom('sessions').where('user_id', '=', userId).where('id', '<>', exceptId).returning(['id', 'token']).execute();
  }

  removeBeyond(userId: string, keep: number): Promise<Pick<SessionRecord, 'id' | 'token'>[]> {
    return this.db.deleteFrom('sessions').where('user_id', '=', userId)
      .where('id', 'not in', (eb) => eb.selectFrom('sessions').select('id').where('user_id', '=', userId)
        .orderBy('last_activity_at', 'desc').orderBy('id', 'desc').limit(keep))
      .returning(['id', 'token']).execute();
  }

  async touch(id: string, lastActivityAt: number): Promise<void> {
    await this.db.updateTable('sessions').set({ last_activity_at: lastActivityAt }).where('id', '=', id).execute();
  }

  async setRolesForUser(userId: string, roles: string): Promise<void> {
    await this.db.updateTable('sessions').set({ roles }).where('user_id', '=', userId).execute();
  }

  async attachDevice(sessionId: string, deviceId: string): Promise<void> {
    if (deviceId !== '') await this.db.updateTable('sessions').set({ device_id: '' }).where('device_id', '=', deviceId).where('id', '<>', sessionId).execute();
    await this.db.updateTable('sessions').set({ device_id: deviceId }).where('id', '=', sessionId).execute();
  }

  async listWithDevice(userIds: readonly string[], now: number): Promise<SessionRecord[]> {
    if (userIds.length === 0) return [];
    const rows = await this.db.selectFrom('sessions').selectAll().where('user_id', 'in', [...userIds]).where('device_id', '<>', '')
      .where((eb) => eb.or([eb('expires_at', '=', 0), eb('expires_at', '>', now)])).execute();
    return rows.map(toSession);
  }

  async memberIdsPushedEveryPost(channelId: string, now: number): Promise<string[]> {
    const prop = (column: string) => (this.dialect === 'postgres'
      ? sql<string>`coalesce(${sql.ref(column)}::jsonb ->> 'push', '')` : sql<string>`coalesce(json_extract(${sql.ref(column)}, '$.push'), '')`);
    const rows = await this.db.selectFrom('sessions')
      .innerJoin('channel_members', 'channel_members.user_id', 'sessions.user_id')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select('sessions.user_id').distinct()
      .where('channel_members.channel_id', '=', channelId).where('sessions.device_id', '<>', '')
      .where((eb) => eb.or([eb('sessions.expires_at', '=', 0), eb('sessions.expires_at', '>', now)]))
      .where((eb) => eb.or([
        eb(prop('channel_members.notify_props'), '=', 'all'),
        eb.and([eb(prop('channel_members.notify_props'), 'in', ['', 'default']), eb(prop('users.notify_props'), '=', 'all')]),
      ])).execute();
    return rows.map((r) => r.user_id);
  }

}
