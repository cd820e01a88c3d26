import type { Kysely } from 'kysely';
import type { SamlAssertionStore } from '../../identity/saml_assertions.js';
import type { Database } from '../schema.js';

export class SqlSamlAssertionStore implements SamlAssertionStore {
  constructor(private readonly db: Kysely<Database>) {}

  async claim(key: string, expireAt: number): Promise<boolean> {
    const result = await this.db.insertInto('saml_assertions').values({ key, expire_at: expireAt })
      .onConflict((oc) => oc.column('key').doNothing())
      .executeTakeFirst();
    return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
  }

  async removeExpired(now: number): Promise<void> {
    await this.db.deleteFrom('saml_assertions').where('expire_at', '<', now).execute();
  }
}
