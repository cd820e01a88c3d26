import type { Kysely } from 'kysely';
import type { ConfigurationFileRecord, ConfigurationFileStore } from '../../identity/configuration_files.js';
import type { Database } from '../schema.js';

export class SqlConfigurationFileStore implements ConfigurationFileStore {
  constructor(private readonly db: Kysely<Database>) {}

  get(name: string): Promise<ConfigurationFileRecord | undefined> {
    return this.db.selectFrom('configuration_files').selectAll().where('name', '=', name).executeTakeFirst();
  }

  async put(name: string, data: string, at: number): Promise<void> {
    await this.db.insertInto('configuration_files').values({ name, data, create_at: at, update_at: at })
      .onConflict((oc) => oc.column('name').doUpdateSet({ data, update_at: at }))
      .execute();
  }

  async remove(name: string): Promise<boolean> {
    const result = await this.db.deleteFrom('configuration_files').where('name', '=', name).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }
}
