import { PostgresAdapter, type Kysely } from 'kysely';

/** Which database a migration runs on, for the few statements the two spell differently. */
export const migrationDialect = (db: Kysely<unknown>): 'sqlite' | 'postgres' =>
  (db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite');
