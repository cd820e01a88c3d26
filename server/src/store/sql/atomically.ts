import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** Runs work in a transaction (joining the current one, if any); sub-stores get it from SqlStore. */
export type Atomically = <T>(work: (db: Kysely<Database>) => Promise<T>) => Promise<T>;
