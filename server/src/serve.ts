import cluster from 'node:cluster';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import path from 'node:path';
import { existsSync } from 'node:fs';
import pino from 'pino';
import { readStoredDocument, type ConfigSources } from './app/admin/config.js';
import { Supervisor } from './cluster/workers/supervisor.js';
import { databaseOptions } from './config/database_options.js';
import { composeConfig } from './config/document/compose.js';
import { ConfigError } from './config/errors.js';
import { loadConfig, loadSettings } from './config/load.js';
import type { Config } from './config/schema.js';
import { parseListenAddress } from './metrics/listener.js';
import { reportUnexpected } from './metrics/unexpected.js';
import { startParley } from './parley.js';
import { openSqlStore } from './store/sql/store.js';

/**
 * The last line of defence: every listener, timer and bus subscriber guards
 * itself, so reaching these means a missed guard. Serving everyone else
 * matters more than exiting on one bad request; the error is logged and
 * counted (`parley_unexpected_errors_total`) so it gets found and fixed.
 */
function surviveUnexpectedErrors(): void {
  process.on('uncaughtException', (err) => reportUnexpected('uncaught_exception', err));
  process.on('unhandledRejection', (reason) => reportUnexpected('unhandled_rejection', reason));
}

/** The configuration (defaults, file, environment); an unusable one ends the process with its message and status 2. */
export function loadConfigOrExit(): Config {
  return orExit(() => loadConfig());
}

function orExit<T>(read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`parley: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
}

/** Serves the web client built beside the server unless a web directory is configured. */
function withBundledWebClient(config: Config): Config {
  if (config.webDir) return config;
  const bundled = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');
  return existsSync(bundled) ? { ...config, webDir: bundled } : config;
}

/**
 * The settings the server starts with (the database's saved ones included, so a `workers` saved through the API
 * applies at the next start), after migrating the database: once, here, before any worker opens it.
 */
async function migratedStartConfig(sources: ConfigSources): Promise<Config> {
  const store = await openSqlStore({ ...databaseOptions(sources.base), walCheckpointer: false });
  try {
    return composeConfig(sources.base, await readStoredDocument(store), sources.operator).flat;
  } finally {
    await store.close();
  }
}

/** `workers` 0 means one per core. */
const workerCount = (config: Config): number => config.workers === 0 ? os.availableParallelism() : config.workers;

/** Forks the workers (each runs this entry point again and serves the port); SIGINT/SIGTERM drain them, then exit. */
async function supervise(config: Config): Promise<void> {
  const log = pino({ level: config.logLevel }).child({ role: 'supervisor' });
  const metricsAddress = config.metricsEnable ? parseListenAddress(config.metricsListenAddress) : undefined;
  const supervisor = await Supervisor.start({ workers: workerCount(config), metricsAddress, log });
  const stop = onceOnly(async (signal: NodeJS.Signals): Promise<void> => {
    console.error(`parley: ${signal} received, draining workers`);
    await supervisor.stop(signal);
    process.exit(0);
  });
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/**
 * A Ctrl-C reaches the supervisor and its workers alike, and the supervisor then passes it on: a second signal must
 * not kill a process that is draining, so signal handlers stay installed and act once.
 */
function onceOnly<A>(act: (arg: A) => Promise<void>): (arg: A) => Promise<void> {
  let acting: Promise<void> | undefined;
  return (arg) => acting ??= act(arg);
}

/** Configuration, then the server (or, with several workers, their supervisor); SIGINT/SIGTERM drain and exit. */
async function runServer(): Promise<void> {
  surviveUnexpectedErrors();
  // /config/reload reads the config file and the environment again through `reread`.
  const reread = (): Omit<ConfigSources, 'reread'> => {
    const { flat, operator } = loadSettings();
    return { base: withBundledWebClient(flat), operator };
  };
  const sources: ConfigSources = { ...orExit(reread), reread };
  if (cluster.isPrimary) {
    const config = await migratedStartConfig(sources);
    if (workerCount(config) > 1) return supervise(config);
  }
  const parley = await startParley(sources.base, sources);
  const stop = onceOnly(async (signal: string): Promise<void> => {
    console.error(`parley: ${signal} received, shutting down`);
    const timer = setTimeout(() => process.exit(1), 10_000);
    await parley.close();
    clearTimeout(timer);
    process.exit(0);
  });
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // A worker whose supervisor is gone (killed outright) has no one to restart or relay for it.
  if (cluster.isWorker) process.once('disconnect', () => void stop('supervisor gone'));
}

/** Starts the server in this process (`node dist/main.js`, `parley`, `parley start`). */
export function serve(): void {
  runServer().catch((err: unknown) => {
    console.error('parley: failed to start:', err);
    process.exit(1);
  });
}
