import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics, served at /metrics. Cross-cutting: any layer may count. */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'parley_' });

export const httpDuration = new Histogram({
  name: 'parley_http_request_duration_seconds',
  help: 'HTTP request latency by route and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [registry],
});

export const openSockets = new Gauge({
  name: 'parley_websocket_connections',
  help: 'Open authenticated WebSocket connections',
  registers: [registry],
});

export const postsCreated = new Counter({
  name: 'parley_posts_created_total',
  help: 'Posts created',
  registers: [registry],
});

export const eventsBroadcast = new Counter({
  name: 'parley_websocket_events_total',
  help: 'Events delivered to WebSocket connections',
  registers: [registry],
});

export const eventDeliveryLag = new Histogram({
  name: 'parley_websocket_delivery_seconds',
  help: 'Time from an event reaching a node\'s hub to its frames being written to every socket',
  buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
  registers: [registry],
});

export const sqliteCheckpointDuration = new Histogram({
  name: 'parley_sqlite_checkpoint_seconds',
  help: 'Duration of background SQLite WAL checkpoints that copied pages into the database file',
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [registry],
});
