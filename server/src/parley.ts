import type { AddressInfo } from 'node:net';
import os from 'node:os';
import pino from 'pino';
import { buildHttpServer, type HttpRoute } from './api/server.js';
import { RecentLogLines } from './app/admin/log_lines.js';
import { App } from './app/app.js';
import { fixedSources, readStoredDocument, type ConfigSources } from './app/admin/config.js';
import type { EventBus } from './cluster/bus.js';
import { LocalEventBus } from './cluster/local_bus.js';
import { RedisEventBus } from './cluster/redis_bus.js';
import { composeConfig } from './config/document/compose.js';
import { LiveConfig } from './config/live.js';
import { NodemailerMailer } from './email/smtp/nodemailer_mailer.js';
import type { Config } from './config/schema.js';
import { parseListenAddress, startMetricsListener } from './metrics/listener.js';
import { openSqlStore } from './store/sql/store.js';
import { Hub } from './ws/hub.js';
import { attachWebSocket } from './ws/upgrade.js';

export interface RunningParley {
  url: string;
  port: number;
  /** Where /metrics is served, when enabled and its address was free. */
  metricsUrl: string | undefined;
  app: App;
  /** Every HTTP route served (for tests that must cover them all). */
  routes: readonly HttpRoute[];
  close(): Promise<void>;
}

/**
 * Wires the concrete implementations (the only place that does) and starts
 * listening: SQLite or PostgreSQL store, in-process or Redis bus, HTTP + WS.
 */
export async function startParley(startConfig: Config, sources: ConfigSources = fixedSources(startConfig)): Promise<RunningParley> {
  // The log goes to stdout as before and, line for line, to memory, where the console's server logs read it.
  const recentLogLines = new RecentLogLines();
  const log = pino({ level: startConfig.logLevel }, pino.multistream([
    { level: 'trace', stream: pino.destination(1) }, { level: 'trace', stream: recentLogLines },
  ]));
  const store = await openSqlStore({ databaseUrl: startConfig.databaseUrl || undefined, dataDir: startConfig.dataDir });
  // The settings saved through the API (in the database, shared by every node) join the ones the process started with.
  const liveConfig = new LiveConfig(composeConfig(sources.base, await readStoredDocument(store), sources.operator));
  const config = liveConfig.flat;
  log.level = config.logLevel;
  liveConfig.onChange((changed) => {
    if (changed.has('logLevel')) log.level = config.logLevel;
  });
  const metricsAddress = config.metricsEnable ? parseListenAddress(config.metricsListenAddress) : undefined;
  const bus: EventBus = config.redisUrl
    ? await RedisEventBus.connect(config.redisUrl, config.redisChannel, log)
    : new LocalEventBus(log);
  const app = new App({ store, bus, config, log, recentLogLines, liveConfig, configSources: sources, mailer: new NodemailerMailer() });
  app.configuration.start();
  // Built-in roles are seeded and every role's permissions loaded before the first request is checked.
  await app.roleRegistry.start();
  const { server, ctx, routes } = await buildHttpServer({
    app, logger: config.logLevel === 'silent' ? false : log, webDir: config.webDir || undefined,
  });
  const hub = new Hub(app, { versionId: ctx.versionId, hostname: os.hostname() });
  app.analytics.setSocketCounter(() => hub.openSockets);
  const websockets = attachWebSocket(server.server, app, hub);
  await server.listen({ port: config.port, host: config.host });
  const port = (server.server.address() as AddressInfo).port;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  // Metrics are for operators: losing them (say, the port is taken by another node on this host) must not stop the chat.
  const metrics = metricsAddress && await startMetricsListener(metricsAddress).catch((err: unknown) => {
    log.error({ err, address: config.metricsListenAddress }, 'metrics listener failed to start; running without /metrics');
    return undefined;
  });
  log.info({ url, metricsUrl: metrics?.url, database: store.dialect, cluster: config.redisUrl ? 'redis' : 'local' }, 'Parley is listening');
  let closed = false;
  return {
    url, port, app, routes, metricsUrl: metrics?.url,
    async close() {
      if (closed) return;
      closed = true;
      // Sockets first: clients get a close frame and reconnect elsewhere instead of timing out.
      await websockets.close();
      await app.presence.close();
      await server.close();
      await metrics?.close();
      await bus.close();
      await store.close();
    },
  };
}
