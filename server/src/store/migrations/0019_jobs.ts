import { sql, type Kysely } from 'kysely';

type Db = Kysely<unknown>;

// Background jobs (Mattermost's Jobs table, in Parley's own shape): email notifications, batched or not, and push
// notifications with their retries. A job is claimed by moving it to `in_progress` in one statement, so two
// processes never run the same job; one whose runner died is put back after its lease (store/sql/jobs/jobs.ts).
// `group_key` says whom a job is for: a user's batched email notifications are added to their pending job.
//
// The sessions index finds the mobile devices to push to without reading every session: only sessions with a
// device id are in it.
export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('jobs')
    .ifNotExists()
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('type', 'varchar(64)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('group_key', 'varchar(64)', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('run_at', 'bigint', (c) => c.notNull())
    .addColumn('create_at', 'bigint', (c) => c.notNull())
    .addColumn('start_at', 'bigint', (c) => c.notNull())
    .addColumn('last_activity_at', 'bigint', (c) => c.notNull())
    .addColumn('last_error', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('idx_jobs_status_run_at').ifNotExists().on('jobs').columns(['status', 'run_at']).execute();
  await db.schema.createIndex('idx_jobs_group').ifNotExists().on('jobs').columns(['type', 'group_key', 'status']).execute();
  await sql`CREATE INDEX IF NOT EXISTS idx_sessions_device ON sessions (user_id) WHERE device_id <> ''`.execute(db);
}

export async function down(db: Db): Promise<void> {
  await sql`DROP INDEX IF EXISTS idx_sessions_device`.execute(db);
  await db.schema.dropTable('jobs').ifExists().execute();
}
