import type { Kysely } from 'kysely';
import type { StatusRecord } from '../../model/types.js';
import type { StatusStore } from '../statuses.js';
import { fromStatus, toStatus } from './rows.js';
import type { Database } from './schema.js';

export class SqlStatusStore implements StatusStore {
  constructor(private readonly db: Kysely<Database>) {}

  async get(userId: string): Promise<StatusRecord | undefined> {
    const row = await this.db.selectFrom('statuses').selectAll().where('user_id', '=', userId).executeTakeFirst();
    return row && toStatus(row);
  }

  async getMany(userIds: readonly string[]): Promise<StatusRecord[]> {
    if (userIds.length === 0) return [];
    const rows = await this.db.selectFrom('statuses').selectAll().where('user_id', 'in', [...userIds]).execute();
    return rows.map(toStatus);
  }

  async listNotOffline(limit: number): Promise<StatusRecord[]> {
    const rows = await this.db.selectFrom('statuses').selectAll().where('status', '!=', 'offline')
      .orderBy('last_activity_at', 'desc').limit(limit).execute();
    return rows.map(toStatus);
  }

  async save(status: StatusRecord): Promise<void> {
    const row = fromStatus(status);
    await this.db.insertInto('statuses').values(row)
      .onConflict((oc) => oc.column('user_id').doUpdateSet({
        status: row.status, manual: row.manual, last_activity_at: row.last_activity_at, dnd_end_time: row.dnd_end_time,
      }))
      .execute();
  }
}
