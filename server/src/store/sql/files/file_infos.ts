import { sql, type Expression, type Kysely, type RawBuilder, type Selectable, type SqlBool } from 'kysely';
import type { FileInfoRecord, FileInfoStore, FileSearchFilter } from '../../files/file_infos.js';
import type { Database, FileInfosTable } from '../schema.js';

const toFileInfo = (r: Selectable<FileInfosTable>): FileInfoRecord => ({
  ...r, size: Number(r.size), create_at: Number(r.create_at), update_at: Number(r.update_at), delete_at: Number(r.delete_at),
  has_preview_image: Boolean(Number(r.has_preview_image)), archived: Boolean(Number(r.archived)),
});

const fromFileInfo = (f: FileInfoRecord): FileInfosTable => ({ ...f, has_preview_image: f.has_preview_image ? 1 : 0, archived: f.archived ? 1 : 0 });

/** `text` taken literally inside a LIKE pattern. */
const likeLiteral = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** File infos in SQL. Lists travel as one parameter (array or JSON), so each statement's text is fixed. */
export class SqlFileInfoStore implements FileInfoStore {
  constructor(private readonly db: Kysely<Database>, private readonly dialect: 'sqlite' | 'postgres') {}

  /** The values of a list as one parameter: an array on PostgreSQL, JSON on SQLite. */
  private oneOf(list: readonly string[]): RawBuilder<unknown> {
    return this.dialect === 'postgres' ? sql`(SELECT unnest(${[...list]}::text[]))` : sql`(SELECT value FROM json_each(${JSON.stringify(list)}))`;
  }

  private inList(column: string, list: readonly string[]): RawBuilder<SqlBool> {
    return sql<SqlBool>`${sql.ref(column)} IN ${this.oneOf(list)}`;
  }

  async create(info: FileInfoRecord): Promise<void> {
    await this.db.insertInto('file_infos').values(fromFileInfo(info)).execute();
  }

  async get(id: string): Promise<FileInfoRecord | undefined> {
    const row = await this.db.selectFrom('file_infos').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toFileInfo(row);
  }

  async attach(ids: readonly string[], postId: string, creatorId: string, channelId: string, updateAt: number): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.updateTable('file_infos').set({ post_id: postId, update_at: updateAt })
      .where(this.inList('id', ids)).where('post_id', '=', '').where('delete_at', '=', 0)
      .where('creator_id', '=', creatorId).where('channel_id', '=', channelId)
      .returning('id').execute();
    return rows.map((r) => r.id);
  }

  async detach(postId: string, ids: readonly string[] | 'all'): Promise<void> {
    let query = this.db.updateTable('file_infos').set({ post_id: '' }).where('post_id', '=', postId);
    if (ids !== 'all') {
      if (ids.length === 0) return;
      query = query.where(this.inList('id', ids));
    }
    await query.execute();
  }

  async forPosts(postIds: readonly string[]): Promise<FileInfoRecord[]> {
    if (postIds.length === 0) return [];
    const rows = await this.db.selectFrom('file_infos').selectAll().where(this.inList('post_id', postIds)).where('delete_at', '=', 0)
      .orderBy('create_at').orderBy('id').execute();
    return rows.map(toFileInfo);
  }

  async softDeleteForPosts(postIds: readonly string[], deleteAt: number): Promise<number> {
    if (postIds.length === 0) return 0;
    const result = await this.db.updateTable('file_infos').set({ delete_at: deleteAt, update_at: deleteAt })
      .where(this.inList('post_id', postIds)).where('delete_at', '=', 0).executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async softDelete(ids: readonly string[], deleteAt: number): Promise<void> {
    if (ids.length === 0) return;
    await this.db.updateTable('file_infos').set({ delete_at: deleteAt, update_at: deleteAt })
      .where(this.inList('id', ids)).where('delete_at', '=', 0).execute();
  }

  async search(f: FileSearchFilter): Promise<FileInfoRecord[]> {
    if (f.channelIds.length === 0) return [];
    const nameHas = (word: string): Expression<SqlBool> => sql<SqlBool>`lower(name) LIKE ${`%${likeLiteral(word)}%`} ESCAPE '\\'`;
    const rows = await this.db.selectFrom('file_infos').selectAll()
      .where(this.inList('channel_id', f.channelIds)).where('delete_at', '=', 0).where('post_id', '<>', '')
      .$if(f.words.length + f.prefixes.length > 0, (q) => q.where((eb) => {
        const matches = [...f.words, ...f.prefixes].map(nameHas);
        return f.anyWord ? eb.or(matches) : eb.and(matches);
      }))
      .$if(f.excludedWords.length > 0, (q) => q.where((eb) => eb.not(eb.or(f.excludedWords.map(nameHas)))))
      .$if(f.extensions.length > 0, (q) => q.where(this.inList('extension', f.extensions)))
      .$if(f.excludedExtensions.length > 0, (q) => q.where(sql<SqlBool>`NOT ${this.inList('extension', f.excludedExtensions)}`))
      .$if(f.creatorIds.length > 0, (q) => q.where(this.inList('creator_id', f.creatorIds)))
      .$if(f.excludedCreatorIds.length > 0, (q) => q.where(sql<SqlBool>`NOT ${this.inList('creator_id', f.excludedCreatorIds)}`))
      .$if(f.since !== undefined, (q) => q.where('create_at', '>=', f.since ?? 0))
      .$if(f.until !== undefined, (q) => q.where('create_at', '<=', f.until ?? 0))
      .orderBy('create_at', 'desc').orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute();
    return rows.map(toFileInfo);
  }

  async purge(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.deleteFrom('file_infos').where(this.inList('id', ids)).execute();
  }
}
