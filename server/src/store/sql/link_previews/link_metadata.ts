import type { Kysely } from 'kysely';
import type { LinkMetadataRecord, LinkMetadataStore, LinkMetadataType } from '../../link_previews/link_metadata.js';
import type { Database } from '../schema.js';

export class SqlLinkMetadataStore implements LinkMetadataStore {
  constructor(private readonly db: Kysely<Database>) {}

  async getMany(hashes: readonly string[]): Promise<LinkMetadataRecord[]> {
    if (hashes.length === 0) return [];
    const rows = await this.db.selectFrom('link_metadata').selectAll().where('hash', 'in', [...new Set(hashes)]).execute();
    return rows.map((row) => ({ ...row, timestamp: Number(row.timestamp), type: row.type as LinkMetadataType }));
  }

  async save(record: LinkMetadataRecord): Promise<void> {
    await this.db.insertInto('link_metadata').values(record)
      .onConflict((oc) => oc.column('hash').doUpdateSet({ url: record.url, timestamp: record.timestamp, type: record.type, data: record.data }))
      .execute();
  }

  async clear(): Promise<void> {
    await this.db.deleteFrom('link_metadata').execute();
  }
}
