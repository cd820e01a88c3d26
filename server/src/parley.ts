import type { AddressInfo } from 'node:net';
import os from 'node:os';
import pino from 'pino';
import { buildHttpServer, type HttpRoute } from './api/server.js';
import { RecentLogLines } from './app/admin/log_lines.js';
import { App } from './app/app.js';
import { fixedSources, readStoredDocument, type ConfigSources } from './app/admin/config.js';
import type { EventBus } from './cluster/bus.js';
import { LocalEventBus } from './cluster/local_bus.js';
import { ProcessEventBus } from './cluster/process_bus.js';
import { RedisEventBus } from './cluster/redis_bus.js';
import { supervisorChannel } from './cluster/workers/messages.js';
import { ServerSocketCount } from './cluster/workers/peer_sockets.js';
import { workerIndex } from './cluster/workers/worker_index.js';
import { databaseOptions, POOL_KEYS, poolSettings } from './config/database_options.js';
import { composeConfig } from './config/document/compose.js';
import { LiveConfig } from './config/live.js';
import { NodemailerMailer } from './email/smtp/nodemailer_mailer.js';
import { openFileBackend } from './files/open_backend.js';
import { GuardedHttpClient } from './outbound/node/guarded_client.js';
import type { Config } from './config/schema.js';
import { answerSupervisorMetricsRequests } from './metrics/cluster_metrics.js';
import { parseListenAddress, startMetricsListener } from './metrics/listener.js';
import { registry } from './metrics/registry.js';
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
 * listening: SQLite or PostgreSQL store, in-process, IPC (a supervisor's
 * worker) or Redis bus, HTTP + WS.
 */
export async function startParley(startConfig: Config, sources: ConfigSources = fixedSources(startConfig)): Promise<RunningParley> {
  const worker = workerIndex();
  const supervisor = worker === undefined ? undefined : supervisorChannel();
  // The log goes to stdout as before and, line for line, to memory, where the console's server logs read it.
  // A worker's lines carry its index; the console shows the lines of the worker that answers it.
  const recentLogLines = new RecentLogLines();
  const rootLog = pino({ level: startConfig.logLevel }, pino.multistream([
    { level: 'trace', stream: pino.destination(1) }, { level: 'trace', stream: recentLogLines },
  ]));
  const log = worker === undefined ? rootLog : rootLog.child({ worker });
  // A supervisor migrated the database before forking; its first worker alone checkpoints SQLite's WAL.
  const store = await openSqlStore({ ...databaseOptions(startConfig), migrate: worker === undefined, walCheckpointer: (worker ?? 0) === 0 });
  // The settings saved through the API (in the database, shared by every node) join the ones the process started with.
  const liveConfig = new LiveConfig(composeConfig(sources.base, await readStoredDocument(store), sources.operator));
  const config = liveConfig.flat;
  log.level = config.logLevel;
  store.tunePool(poolSettings(config));
  liveConfig.onChange((changed) => {
    if (changed.has('logLevel')) log.level = config.logLevel;
    if (POOL_KEYS.some((key) => changed.has(key))) store.tunePool(poolSettings(config));
  });
  // A worker's metrics are summed and served by its supervisor, which holds the metrics address.
  const metricsAddress = config.metricsEnable && !supervisor ? parseListenAddress(config.metricsListenAddress) : undefined;
  if (supervisor) answerSupervisorMetricsRequests();
  // With Redis each worker is simply one more node.
  const bus: EventBus = config.redisUrl
    ? await RedisEventBus.connect(config.redisUrl, config.redisChannel, log)
    : supervisor ? new ProcessEventBus(supervisor, log) : new LocalEventBus(log);
  const mailer = new NodemailerMailer();
  const app = new App({ store, bus, config, log, recentLogLines, liveConfig, configSources: sources, mailer, openFileBackend, outbound: new GuardedHttpClient() });
  app.notifications.start();
  app.ldap.start();
  app.configuration.start();
  // Built-in roles are seeded and every role's permissions loaded before the first request is checked.
  await app.roleRegistry.start();
  const { server, ctx, routes } = await buildHttpServer({
    app, logger: config.logLevel === 'silent' ? false : log, webDir: config.webDir || undefined,
  });
  // Each worker is a node of its own to a client (Mattermost's hello names the node holding the socket).
  const hub = new Hub(app, { versionId: ctx.versionId, hostname: worker === undefined ? os.hostname() : `${os.hostname()}/worker-${worker}` });
  // The console's statistics count the whole server's sockets: a worker adds the others' last reported counts.
  const serverSockets = supervisor && new ServerSocketCount(supervisor, () => hub.openSockets);
  app.analytics.setSocketCounter(() => serverSockets?.total ?? hub.openSockets);
  const websockets = attachWebSocket(server.server, app, hub);
  await server.listen({ port: config.port, host: config.host });
  const port = (server.server.address() as AddressInfo).port;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  // Metrics are for operators: losing them (say, the port is taken by another node on this host) must not stop the chat.
  const metrics = metricsAddress && await startMetricsListener(metricsAddress, registry).catch((err: unknown) => {
    log.error({ err, address: config.metricsListenAddress }, 'metrics listener failed to start; running without /metrics');
    return undefined;
  });
  log.info({ url, metricsUrl: metrics?.url, database: store.dialect, cluster: config.redisUrl ? 'redis' : supervisor ? 'workers' : 'local' }, 'Parley is listening');
  let closed = false;
  return {
    url, port, app, routes, metricsUrl: metrics?.url,
    async close() {
      if (closed) return;
      closed = true;
      // Sockets first: clients get a close frame and reconnect elsewhere instead of timing out.
      await websockets.close();
      serverSockets?.close();
      await app.presence.close();
      app.ldap.close();
      await app.notifications.close();
      mailer.close();
      await server.close();
      await metrics?.close();
      await bus.close();
      await store.close();
    },
  };
}
