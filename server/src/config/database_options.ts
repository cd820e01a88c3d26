import type { ConnectOptions, PoolSettings } from '../store/sql/connect.js';
import type { Config } from './schema.js';

/** The settings of PostgreSQL's pool, which a running pool takes as it opens and releases connections. */
export const POOL_KEYS = ['sqlMaxOpenConns', 'sqlConnMaxIdleTimeMs', 'sqlConnMaxLifetimeMs'] as const satisfies readonly (keyof Config)[];

/** PostgreSQL's pool as the config sets it (SqlSettings). */
export const poolSettings = (config: Config): PoolSettings => ({
  maxOpenConns: config.sqlMaxOpenConns, connMaxIdleTimeMs: config.sqlConnMaxIdleTimeMs, connMaxLifetimeMs: config.sqlConnMaxLifetimeMs,
});

/** The database the config names (PostgreSQL's URL, else SQLite in the data directory) and its pool. */
export const databaseOptions = (config: Config): ConnectOptions => ({
  databaseUrl: config.databaseUrl || undefined, dataDir: config.dataDir, pool: poolSettings(config),
});
