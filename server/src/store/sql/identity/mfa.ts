import type { Kysely } from 'kysely';
import type { MfaSecretRecord, MfaStore } from '../../identity/mfa.js';
import type { Database } from '../schema.js';

export class SqlMfaStore implements MfaStore {
  constructor(private readonly db: Kysely<Database>) {}

  get(userId: string): Promise<MfaSecretRecord | undefined> {
    return this.db.selectFrom('user_mfa').selectAll().where('user_id', '=', userId).executeTakeFirst();
  }

  async put(record: MfaSecretRecord): Promise<void> {
    await this.db.insertInto('user_mfa').values(record)
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ secret: record.secret, last_step: 0, create_at: record.create_at }))
      .execute();
  }

  async claimStep(userId: string, step: number): Promise<boolean> {
    const result = await this.db.updateTable('user_mfa').set({ last_step: step })
      .where('user_id', '=', userId).where('last_step', '<', step).executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async remove(userId: string): Promise<void> {
    await this.db.deleteFrom('user_mfa').where('user_id', '=', userId).execute();
  }
}
