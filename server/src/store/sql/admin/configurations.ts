import type { Kysely } from 'kysely';
import type { ConfigurationStore, StoredConfiguration } from '../../admin/configurations.js';
import type { Database } from '../schema.js';

type InTransaction = <T>(work: (db: Kysely<Database>) => Promise<T>) => Promise<T>;

export class SqlConfigurationStore implements ConfigurationStore {
  constructor(private readonly db: Kysely<Database>, private readonly inTransaction: InTransaction) {}

  async active(): Promise<StoredConfiguration | undefined> {
    return this.db.selectFrom('configurations').select(['id', 'value', 'create_at']).where('active', '=', 1).executeTakeFirst();
  }

  async save(configuration: StoredConfiguration, keep: number): Promise<void> {
    await this.inTransaction(async (db) => {
      await db.updateTable('configurations').set({ active: 0 }).where('active', '=', 1).execute();
      await db.insertInto('configurations').values({ ...configuration, active: 1 }).execute();
      const cutoff = await db.selectFrom('configurations').select('create_at').orderBy('create_at', 'desc').orderBy('id', 'desc')
        .offset(keep).limit(1).executeTakeFirst();
      if (cutoff) await db.deleteFrom('configurations').where('create_at', '<=', cutoff.create_at).where('active', '=', 0).execute();
    });
  }
}
