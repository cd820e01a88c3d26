import type { Bot } from '@mattermost/types/bots';
import type { Kysely } from 'kysely';
import type { BotListFilter, BotRecord, BotStore } from '../../integrations/bots.js';
import type { Database } from '../schema.js';

export class SqlBotStore implements BotStore {
  constructor(private readonly db: Kysely<Database>) {}

  async create(bot: BotRecord): Promise<void> {
    // Two concurrent conversions of one account both try to add its row; the second finds it done.
    await this.db.insertInto('bots').values(bot).onConflict((oc) => oc.column('user_id').doNothing()).execute();
  }

  async get(userId: string, includeDeleted: boolean): Promise<Bot | undefined> {
    let query = this.withUser().where('bots.user_id', '=', userId);
    if (!includeDeleted) query = query.where('bots.delete_at', '=', 0);
    const row = await query.executeTakeFirst();
    return row && toBot(row);
  }

  async list(filter: BotListFilter): Promise<Bot[]> {
    let query = this.withUser();
    if (filter.ownerId !== undefined) query = query.where('bots.owner_id', '=', filter.ownerId);
    if (!filter.includeDeleted) query = query.where('bots.delete_at', '=', 0);
    if (filter.onlyOrphaned) {
      query = query.where((eb) => eb.exists(eb.selectFrom('users as owner').select('owner.id')
        .whereRef('owner.id', '=', 'bots.owner_id').where('owner.delete_at', '<>', 0)));
    }
    const rows = await query.orderBy('bots.create_at').orderBy('bots.user_id').offset(filter.offset).limit(filter.limit).execute();
    return rows.map(toBot);
  }

  async update(bot: BotRecord): Promise<void> {
    const { user_id: userId, ...fields } = bot;
    await this.db.updateTable('bots').set(fields).where('user_id', '=', userId).execute();
  }

  async remove(userId: string): Promise<void> {
    await this.db.deleteFrom('bots').where('user_id', '=', userId).execute();
  }

  private withUser() {
    return this.db.selectFrom('bots').innerJoin('users', 'users.id', 'bots.user_id')
      .selectAll('bots').select(['users.username', 'users.first_name']);
  }
}

function toBot(row: BotRecord & { username: string; first_name: string }): Bot & { last_icon_update: number } {
  return {
    user_id: row.user_id, username: row.username, display_name: row.first_name, description: row.description,
    owner_id: row.owner_id, create_at: Number(row.create_at), update_at: Number(row.update_at), delete_at: Number(row.delete_at),
    last_icon_update: Number(row.last_icon_update),
  };
}
