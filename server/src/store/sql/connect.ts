import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type PostgresPool, type PostgresPoolClient, type PostgresQueryResult, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import { dbConnectionWait, dbStatements } from '../../metrics/registry.js';
import type { Database } from './schema.js';
import { registerSearchFunctions } from './search/sqlite_functions.js';
import { SqliteDirect } from './sqlite_direct.js';
import { WalCheckpointer } from './wal_checkpointer.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Connection {
  db: Kysely<Database>;
  dialect: Dialect;
  /** SQLite: the same connection for synchronous statements inside the store's transactions. */
  direct?: SqliteDirect;
  /** PostgreSQL: applies pool settings read after connecting (the ones saved in the database); SQLite has no pool. */
  tunePool(settings: PoolSettings): void;
  close(): Promise<void>;
}

/** PostgreSQL's connection pool, from SqlSettings. */
export interface PoolSettings {
  /** Connections held at most (SqlSettings.MaxOpenConns). */
  maxOpenConns: number;
  /** An idle connection is closed after this; 0 keeps it (SqlSettings.ConnMaxIdleTimeMilliseconds). */
  connMaxIdleTimeMs: number;
  /** A connection is closed once this old, when next idle; 0 never (SqlSettings.ConnMaxLifetimeMilliseconds). */
  connMaxLifetimeMs: number;
}

function poolOptions(settings: PoolSettings): Pick<pg.PoolConfig, 'max' | 'idleTimeoutMillis' | 'maxLifetimeSeconds'> {
  return {
    max: settings.maxOpenConns,
    idleTimeoutMillis: settings.connMaxIdleTimeMs,
    // pg counts lifetimes in whole seconds; a lifetime under a second still ends.
    maxLifetimeSeconds: settings.connMaxLifetimeMs > 0 ? Math.max(1, Math.round(settings.connMaxLifetimeMs / 1000)) : 0,
  };
}

// int8 (bigint) columns hold ms timestamps and counters, well inside 2^53.
pg.types.setTypeParser(20, (value: string) => Number(value));

export interface ConnectOptions {
  databaseUrl?: string;
  dataDir: string;
  /** Without settings (benchmark seeding, tests), pg's own pool defaults. */
  pool?: PoolSettings;
  /**
   * SQLite: whether this process runs the background WAL checkpointer (default true). When several processes
   * share the file one is enough; the others still checkpoint in a commit once the WAL is large.
   */
  walCheckpointer?: boolean;
}

/** Opens PostgreSQL when a postgres:// URL is given, else SQLite (WAL) in the data dir. */
export function connect(options: ConnectOptions): Connection {
  if (options.databaseUrl && /^postgres(ql)?:\/\//.test(options.databaseUrl)) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, ...(options.pool && poolOptions(options.pool)) });
    // An idle client whose connection drops (server restart, failover, pool shutdown racing a terminate) is
    // discarded by the pool and replaced on demand; without a listener the 'error' event would crash the process.
    pool.on('error', () => {});
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: withPreparedStatements(pool) }) });
    return {
      db, dialect: 'postgres', close: () => db.destroy(),
      // pg reads these when it opens (max, lifetime) and releases (idle time) a connection: the pool takes them as it works.
      tunePool: (settings) => Object.assign(pool.options, poolOptions(settings)),
    };
  }
  mkdirSync(options.dataDir, { recursive: true });
  const file = new SQLite(path.join(options.dataDir, 'parley.db'));
  file.pragma('journal_mode = WAL');
  file.pragma('synchronous = NORMAL');
  file.pragma('busy_timeout = 5000');
  file.pragma('foreign_keys = OFF');
  registerSearchFunctions(file);
  const checkpointer = options.walCheckpointer === false ? WalCheckpointer.leaveToAnother(file) : WalCheckpointer.start(file);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(file) }) });
  return {
    db, dialect: 'sqlite', direct: new SqliteDirect(file), tunePool: () => {},
    close: async () => {
      await checkpointer.stop();
      await db.destroy();
    },
  };
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query anew; the same few hundred SQL texts repeat, so
 * reusing better-sqlite3 statements saves the parse and plan on each request.
 *
 * Kysely opens transactions with a deferred `begin`. When several processes
 * share the file, a deferred transaction that reads and then writes fails at
 * once (SQLITE_BUSY, no busy wait) if another process committed in between;
 * `begin immediate` takes the write lock first, waiting for it under
 * `busy_timeout`. One process alone never waits on it.
 */
function withStatementCache(file: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => file.close(),
    prepare(text: string): SQLite.Statement {
      const source = text === 'begin' ? 'begin immediate' : text;
      let statement = cache.get(source);
      if (!statement) {
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
        statement = file.prepare(source);
        cache.set(source, statement);
      }
      return statement;
    },
  };
}

const PREPARED_STATEMENT_LIMIT = 2_000;

/**
 * Kysely sends every query unnamed, so PostgreSQL parses and plans it on each
 * execution; for the short statements of a request that is most of their cost.
 * Naming each distinct SQL text makes every pooled connection prepare it once
 * and reuse the plan. Texts past the limit (IN lists of many lengths) stay unnamed.
 */
function withPreparedStatements(pool: pg.Pool): PostgresPool {
  const names = new Map<string, string>();
  const nameOf = (text: string): string | undefined => {
    let name = names.get(text);
    if (name === undefined && names.size < PREPARED_STATEMENT_LIMIT) {
      name = `parley_${names.size}`;
      names.set(text, name);
    }
    return name;
  };
  return {
    end: () => pool.end(),
    async connect(): Promise<PostgresPoolClient> {
      const waited = dbConnectionWait.startTimer();
      const client = await pool.connect();
      waited();
      // Kysely is not given a cursor class, so it only ever calls the (text, values) form.
      const query = <R>(text: string, values: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> => {
        dbStatements.inc();
        return client.query({ name: nameOf(text), text, values: [...values] }) as unknown as Promise<PostgresQueryResult<R>>;
      };
      return { release: () => client.release(), query: query as PostgresPoolClient['query'] };
    },
  };
}
