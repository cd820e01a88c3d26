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

export const eventWrites = new Counter({
  name: 'parley_websocket_event_writes_total',
  help: 'Socket writes that carried events; events per write rise above 1 when events pile up behind a large fan-out',
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

export const dbConnectionWait = new Histogram({
  name: 'parley_db_connection_wait_seconds',
  help: 'Time a PostgreSQL query or transaction waited for a connection from the pool',
  buckets: [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
  registers: [registry],
});

export const dbStatements = new Counter({
  name: 'parley_db_statements_total',
  help: 'Statements sent to PostgreSQL; with the HTTP request count, the round trips a request costs',
  registers: [registry],
});

export const unexpectedErrors = new Counter({
  name: 'parley_unexpected_errors_total',
  help: 'Exceptions caught outside any request handler (listeners, timers, bus subscribers, process level), by where they were caught',
  labelNames: ['source'] as const,
  registers: [registry],
});

export const integrationRequestDuration = new Histogram({
  name: 'parley_integration_request_seconds',
  help: 'Calls to integrations (outgoing webhooks, slash commands, message actions, dialogs) by kind and outcome: the status class, or why no answer came (timeout, forbidden_address ...)',
  labelNames: ['kind', 'result'] as const,
  buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [registry],
});

export const passwordHashDuration = new Histogram({
  name: 'parley_password_hash_seconds',
  help: 'Time to hash or verify a password with argon2, waiting for a hashing thread included (they run at the lowest CPU priority), by operation',
  labelNames: ['operation'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
  registers: [registry],
});

export const loginFailures = new Counter({
  name: 'parley_login_failures_total',
  help: 'Refused sign-in checks (logins and password changes), by reason: a wrong password, a locked account, a wrong or reused MFA code',
  labelNames: ['reason'] as const,
  registers: [registry],
});

/** Single sign-on completions through OAuth 2.0 / OpenID Connect providers, by service and result (success, refused, error). */
export const ssoSignIns = new Counter({
  name: 'parley_sso_sign_ins_total',
  help: 'Single sign-on completions through OAuth 2.0 / OpenID Connect providers, by service and result: success, refused (bad state, nonce, PKCE, account rules) or error (the provider failed)',
  labelNames: ['service', 'result'] as const,
  registers: [registry],
});

export const rateLimited = new Counter({
  name: 'parley_rate_limited_total',
  help: 'Requests refused by a rate limit: auth (login, sign-up) or api (RateLimitSettings) with 429, websocket (client actions) by closing the socket',
  labelNames: ['limit'] as const,
  registers: [registry],
});

export const slowSocketsDropped = new Counter({
  name: 'parley_websocket_slow_consumers_dropped_total',
  help: 'WebSockets dropped because their peer read too slowly and their queued output passed the bound',
  registers: [registry],
});

export const httpRequestTimeouts = new Counter({
  name: 'parley_http_request_timeouts_total',
  help: 'HTTP requests whose headers or body did not arrive within the read timeout (answered 408 and closed)',
  registers: [registry],
});

export const postListQueueWait = new Histogram({
  name: 'parley_post_list_queue_seconds',
  help: 'Time a post list request waited for one of the slots that bound post-list memory',
  buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
  registers: [registry],
});

export const requestBodiesRefused = new Counter({
  name: 'parley_request_bodies_refused_total',
  help: 'Requests answered 429 because the request bodies being received at once had reached their bound',
  registers: [registry],
});

export const auditWriteFailures = new Counter({
  name: 'parley_audit_write_failures_total',
  help: 'Audit records that could not be written; the audited action went ahead, and each failure is logged',
  registers: [registry],
});

export const jobsRun = new Counter({
  name: 'parley_jobs_total',
  help: 'Background job runs by type and outcome (success, retry, error)',
  labelNames: ['type', 'outcome'] as const,
  registers: [registry],
});

export const jobDuration = new Histogram({
  name: 'parley_job_duration_seconds',
  help: 'Time one background job run took, by type',
  labelNames: ['type'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [registry],
});

export const ldapRequestDuration = new Histogram({
  name: 'parley_ldap_requests_seconds',
  help: 'Time LDAP work took, by operation (bind, search, sync) and result (ok, rejected: wrong credentials, error)',
  labelNames: ['operation', 'result'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 120],
  registers: [registry],
});

export const notificationsSent = new Counter({
  name: 'parley_notifications_total',
  help: 'Email and push notifications handed on (email: messages to the SMTP server; push: requests to the push proxy)',
  labelNames: ['channel', 'outcome'] as const,
  registers: [registry],
});

export const samlLogins = new Counter({
  name: 'parley_saml_logins_total',
  help: 'SAML sign-ins (responses posted to the ACS), by result: success, or why it was refused (invalid_signature, invalid_time, replayed, invalid_response, account, not_available)',
  labelNames: ['result'] as const,
  registers: [registry],
});
