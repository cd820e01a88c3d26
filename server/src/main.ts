import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { ConfigError, loadConfig } from './config/load.js';
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

/** Process entry: configuration, then the server; SIGINT/SIGTERM drain and exit. */
async function main(): Promise<void> {
  surviveUnexpectedErrors();
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`parley: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  if (!config.webDir) {
    const bundled = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');
    if (existsSync(bundled)) config = { ...config, webDir: bundled };
  }
  const parley = await startParley(config);
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

main().catch((err: unknown) => {
  console.error('parley: failed to start:', err);
  process.exit(1);
});
