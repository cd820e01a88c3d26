import type { EventBus } from '../cluster/bus.js';
import type { Config } from '../config/schema.js';
import type { Store } from '../store/store.js';

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
  config: Config;
  log: Logger;
}
