import { sql, type Kysely } from 'kysely';

type Db = Kysely<unknown>;

// The audit log: append-only, one hash chain ordered by seq (model/audit_chain.ts). audit_chain_head is one row,
// the last seq and hash, written in the same transaction as each append: appends serialize on it (PostgreSQL
// locks the row), and verification compares it with the chain's end, so removing the newest records shows.
export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('audits')
    .ifNotExists()
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('id', 'varchar(26)', (c) => c.notNull().unique())
    .addColumn('create_at', 'bigint', (c) => c.notNull())
    .addColumn('user_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('action', 'varchar(128)', (c) => c.notNull())
    .addColumn('object', 'text', (c) => c.notNull())
    .addColumn('extra_info', 'text', (c) => c.notNull())
    .addColumn('ip_address', 'varchar(64)', (c) => c.notNull())
    .addColumn('session_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('result', 'varchar(16)', (c) => c.notNull())
    .addColumn('prev_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('hash', 'varchar(64)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('idx_audits_user_seq').ifNotExists().on('audits').columns(['user_id', 'seq']).execute();
  await db.schema.createIndex('idx_audits_create_at').ifNotExists().on('audits').column('create_at').execute();

  await db.schema
    .createTable('audit_chain_head')
    .ifNotExists()
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('last_seq', 'bigint', (c) => c.notNull())
    .addColumn('last_hash', 'varchar(64)', (c) => c.notNull())
    .execute();
  // The empty chain: nothing appended, the next record follows the genesis hash (64 zeros).
  await sql`INSERT INTO audit_chain_head (id, last_seq, last_hash) VALUES (1, 0, ${'0'.repeat(64)})`.execute(db);
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('audit_chain_head').ifExists().execute();
  await db.schema.dropTable('audits').ifExists().execute();
}
