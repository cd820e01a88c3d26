import { sql, type Kysely } from 'kysely';

type Db = Kysely<unknown>;

// Jobs the administrator watches (AD/LDAP sync): how far a run is (`progress`, percent, as Mattermost's Job), and
// finished runs kept as `success` so the System Console can list them by type, newest first. Jobs of other types are
// still deleted when they succeed.
export async function up(db: Db): Promise<void> {
  await sql`ALTER TABLE jobs ADD COLUMN progress integer NOT NULL DEFAULT 0`.execute(db);
  await db.schema.createIndex('idx_jobs_type_create_at').ifNotExists().on('jobs').columns(['type', 'create_at']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('idx_jobs_type_create_at').ifExists().execute();
  await sql`ALTER TABLE jobs DROP COLUMN progress`.execute(db);
}
