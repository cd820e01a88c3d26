import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { ConfigError } from './config/errors.js';
import { loadConfig, loadSettings } from './config/load.js';
import type { ConfigSources } from './app/admin/config.js';
import type { Config } from './config/schema.js';
import { reportUnexpected } from './metrics/unexpected.js';
import { startParley } from './parley.js';

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

/** Configuration, then the server; SIGINT/SIGTERM drain and exit. */
async function runServer(): Promise<void> {
  surviveUnexpectedErrors();
  // /config/reload reads the config file and the environment again through `reread`.
  const reread = (): Omit<ConfigSources, 'reread'> => {
    const { flat, operator } = loadSettings();
    return { base: withBundledWebClient(flat), operator };
  };
  const sources: ConfigSources = { ...orExit(reread), reread };
  const parley = await startParley(sources.base, sources);
  const stop = async (signal: string): Promise<void> => {
    console.error(`parley: ${signal} received, shutting down`);
    const timer = setTimeout(() => process.exit(1), 10_000);
    await parley.close();
    clearTimeout(timer);
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

/** Starts the server in this process (`node dist/main.js`, `parley`, `parley start`). */
export function serve(): void {
  runServer().catch((err: unknown) => {
    console.error('parley: failed to start:', err);
    process.exit(1);
  });
}
