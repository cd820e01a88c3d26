import type { AddressInfo } from 'node:net';
import os from 'node:os';
import pino from 'pino';
import { buildHttpServer } from './api/server.js';
import { App } from './app/app.js';
import type { EventBus } from './cluster/bus.js';
import { LocalEventBus } from './cluster/local_bus.js';
import { RedisEventBus } from './cluster/redis_bus.js';
import type { Config } from './config/schema.js';
import { openSqlStore } from './store/sql/store.js';
import { Hub } from './ws/hub.js';
import { attachWebSocket } from './ws/upgrade.js';

export interface RunningParley {
  url: string;
  port: number;
  app: App;
  close(): Promise<void>;
}

/**
 * Wires the concrete implementations (the only place that does) and starts
 * listening: SQLite or PostgreSQL store, in-process or Redis bus, HTTP + WS.
 */
export async function startParley(config: Config): Promise<RunningParley> {
  const log = pino({ level: config.logLevel });
  const store = await openSqlStore({ databaseUrl: config.databaseUrl || undefined, dataDir: config.dataDir });
  const bus: EventBus = config.redisUrl
    ? await RedisEventBus.connect(config.redisUrl, config.redisChannel, (err) => log.error({ err }, 'cluster bus error'))
    : new LocalEventBus();
  const app = new App({ store, bus, config, log });
  const { server, ctx } = await buildHttpServer({
    app, logger: config.logLevel === 'silent' ? false : { level: config.logLevel }, webDir: config.webDir || undefined,
  });
  const websockets = attachWebSocket(server.server, app, new Hub(app, { versionId: ctx.versionId, hostname: os.hostname() }));
  await server.listen({ port: config.port, host: config.host });
  const port = (server.server.address() as AddressInfo).port;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  log.info({ url, database: store.dialect, cluster: config.redisUrl ? 'redis' : 'local' }, 'Parley is listening');
  let closed = false;
  return {
    url, port, app,
    async close() {
      if (closed) return;
      closed = true;
      // Sockets first: clients get a close frame and reconnect elsewhere instead of timing out.
      await websockets.close();
      await app.presence.close();
      await server.close();
      await bus.close();
      await store.close();
    },
  };
}
