import { sql, type Kysely } from 'kysely';
import { migrationDialect } from './dialect.js';

type Db = Kysely<unknown>;

// People pickers and the user directory search by prefix of lower-cased names and email (store/sql/like.ts).
// Without these indexes every keystroke scanned the users table: 150-370 ms at 100,000 users.
// PostgreSQL builds them in the "C" collation, the one the queries compare in.
const USER_COLUMNS = ['username', 'nickname', 'first_name', 'last_name', 'email'];
const CHANNEL_COLUMNS = ['name', 'display_name'];

const indexName = (table: string, column: string): string => `idx_${table}_lower_${column}`;

export async function up(db: Db): Promise<void> {
  const collate = migrationDialect(db) === 'postgres' ? sql` collate "C"` : sql``;
  for (const [table, columns] of [['users', USER_COLUMNS], ['channels', CHANNEL_COLUMNS]] as const) {
    for (const column of columns) {
      await sql`create index if not exists ${sql.id(indexName(table, column))} on ${sql.table(table)} ((lower(${sql.ref(column)})${collate}))`.execute(db);
    }
  }
}

export async function down(db: Db): Promise<void> {
  for (const [table, columns] of [['users', USER_COLUMNS], ['channels', CHANNEL_COLUMNS]] as const) {
    for (const column of columns) await db.schema.dropIndex(indexName(table, column)).ifExists().execute();
  }
}
