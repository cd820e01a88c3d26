import type { EventBus } from '../cluster/bus.js';
import type { LiveConfig } from '../config/live.js';
import type { Config } from '../config/schema.js';
import type { Mailer } from '../email/mailer.js';
import type { OpenFileBackend } from '../files/file_backend.js';
import type { OutboundHttp } from '../outbound/outbound_http.js';
import type { Store } from '../store/store.js';
import type { ConfigSources } from './admin/config.js';
import type { RecentLogLines } from './admin/log_lines.js';

/** Structured logger the app writes to (pino satisfies it). */
export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** What every app service is built from; only main.ts chooses the implementations. */
export interface AppDeps {
  store: Store;
  bus: EventBus;
  /** Parley's settings, read at use: the same object as liveConfig.flat, updated in place when the document changes. */
  config: Config;
  /** The config document the settings come from. */
  liveConfig: LiveConfig;
  /** Where the settings outside the database come from (for /config and /config/reload). */
  configSources: ConfigSources;
  log: Logger;
  /** How the server's email leaves it. */
  mailer: Mailer;
  /** Opens the file backend FileSettings name (local folder or S3-compatible bucket). */
  openFileBackend: OpenFileBackend;
  /** Requests to addresses users name (link previews), refused for internal addresses the admin did not allow. */
  outbound: OutboundHttp;
  /** The log's recent lines, which the composition root tees from the logger (for the console's server logs). */
  recentLogLines?: RecentLogLines;
}
