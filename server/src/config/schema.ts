import { Type, type Static } from 'typebox';

/** Every setting Parley reads, with its default. Env vars override the file. */
export const ConfigSchema = Type.Object({
  port: Type.Integer({ minimum: 0, maximum: 65535, default: 8065 }),
  host: Type.String({ default: '0.0.0.0' }),
  dataDir: Type.String({ minLength: 1, default: './data' }),
  databaseUrl: Type.String({ default: '' }),
  /**
   * SqlSettings.MaxOpenConns: PostgreSQL connections each serving process holds at most. Parley's default is lower
   * than Mattermost's 100: on two cores, 60 measured slower than 20 (more results queue for the same event loop).
   */
  sqlMaxOpenConns: Type.Integer({ minimum: 1, maximum: 1000, default: 20 }),
  /** SqlSettings.ConnMaxIdleTimeMilliseconds: an idle PostgreSQL connection is closed after this; 0 keeps it. */
  sqlConnMaxIdleTimeMs: Type.Integer({ minimum: 0, default: 300_000 }),
  /** SqlSettings.ConnMaxLifetimeMilliseconds: a PostgreSQL connection is closed once this old and idle; 0 never. */
  sqlConnMaxLifetimeMs: Type.Integer({ minimum: 0, default: 3_600_000 }),
  redisUrl: Type.String({ default: '' }),
  /** Redis pub/sub channel the nodes of one cluster share. */
  redisChannel: Type.String({ minLength: 1, maxLength: 200, default: 'parley:events' }),
  /** Processes serving the port on this machine (node:cluster): 1 serves in the starting process, 0 one per core. */
  workers: Type.Integer({ minimum: 0, maximum: 64, default: 1 }),
  siteUrl: Type.String({ default: '' }),
  siteName: Type.String({ default: 'Parley' }),
  logLevel: Type.Union([Type.Literal('fatal'), Type.Literal('error'), Type.Literal('warn'), Type.Literal('info'), Type.Literal('debug'), Type.Literal('silent')], { default: 'info' }),
  enableOpenServer: Type.Boolean({ default: true }),
  enableUserCreation: Type.Boolean({ default: true }),
  sessionLengthDays: Type.Integer({ minimum: 1, default: 30 }),
  showEmailAddress: Type.Boolean({ default: true }),
  showFullName: Type.Boolean({ default: true }),
  maxPostSize: Type.Integer({ minimum: 1, default: 16383 }),
  /** PasswordSettings.MinimumLength: characters a new password needs at least. */
  passwordMinimumLength: Type.Integer({ minimum: 5, maximum: 72, default: 8 }),
  /** A Parley setting (no Mattermost key): bytes of post JSON one post list may hold; a longer page is cut short, with cursors to the rest. */
  postListMaxBytes: Type.Integer({ minimum: 1, default: 4 * 1024 * 1024 }),
  webDir: Type.String({ default: '' }),
  /** Seconds a dropped WebSocket's replay buffer is kept for reconnects. */
  wsReplaySeconds: Type.Integer({ minimum: 0, default: 300 }),
  /** Events kept per connection for replay. */
  wsReplayEvents: Type.Integer({ minimum: 0, default: 128 }),
  /** Minutes without activity before an online user is shown away. */
  awayAfterMinutes: Type.Integer({ minimum: 1, default: 5 }),
  /** Protocol-level WebSocket ping period; a socket that misses a pong by the next ping is dropped. */
  wsPingIntervalMs: Type.Integer({ minimum: 50, default: 30_000 }),
  /** A socket that has not authenticated within this time is closed. */
  wsAuthTimeoutMs: Type.Integer({ minimum: 50, default: 5_000 }),
  /** A user whose last socket closed stays online this long, so a page reload does not flap. */
  offlineGraceMs: Type.Integer({ minimum: 0, default: 5_000 }),
  /** TeamSettings.MaxChannelsPerTeam: open and private channels (not archived) a team may have. */
  maxChannelsPerTeam: Type.Integer({ minimum: 1, default: 2000 }),
  /** ServiceSettings.MaximumLoginAttempts: failed passwords before an account is locked (an admin's password reset unlocks it). */
  maximumLoginAttempts: Type.Integer({ minimum: 1, default: 10 }),
  /** ServiceSettings.TerminateSessionsOnPasswordChange: a new password ends the user's other sessions (all of them when an admin sets it). */
  terminateSessionsOnPasswordChange: Type.Boolean({ default: true }),
  /** ServiceSettings.TrustedProxyIPHeader: headers (e.g. X-Forwarded-For) that name the client's address; empty = the socket's peer. */
  trustedProxyIpHeader: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { default: [] }),
  /** Per-address limit on login, sign-up and password reset (a Parley key of RateLimitSettings); 0 turns it off. */
  authRateLimitPerMinute: Type.Integer({ minimum: 0, default: 60 }),
  /** Requests the auth limit lets through at once before it counts per minute. */
  authRateLimitBurst: Type.Integer({ minimum: 1, default: 20 }),
  /** RateLimitSettings.Enable: a limit on every API request. */
  rateLimitEnable: Type.Boolean({ default: false }),
  /** RateLimitSettings.PerSec. */
  rateLimitPerSec: Type.Integer({ minimum: 1, default: 10 }),
  /** RateLimitSettings.MaxBurst. */
  rateLimitMaxBurst: Type.Integer({ minimum: 1, default: 100 }),
  /** RateLimitSettings.MemoryStoreSize: clients tracked at once. */
  rateLimitMemoryStoreSize: Type.Integer({ minimum: 1, default: 10_000 }),
  /** RateLimitSettings.VaryByRemoteAddr. */
  rateLimitVaryByRemoteAddr: Type.Boolean({ default: true }),
  /** RateLimitSettings.VaryByUser. */
  rateLimitVaryByUser: Type.Boolean({ default: false }),
  /** RateLimitSettings.VaryByHeader. */
  rateLimitVaryByHeader: Type.String({ default: '' }),
  /** Bytes of request bodies the server receives at once (each is at most 1 MiB); past it, 429 (a Parley setting). */
  requestBodiesInFlightBytes: Type.Integer({ minimum: 1024 * 1024, default: 64 * 1024 * 1024 }),
  /** ServiceSettings.ReadTimeout: seconds to receive a whole request (headers and body). */
  readTimeoutSeconds: Type.Integer({ minimum: 1, default: 30 }),
  /** MetricsSettings.Enable: serve Prometheus metrics on their own address. */
  metricsEnable: Type.Boolean({ default: true }),
  /** MetricsSettings.ListenAddress: `host:port` or `:port` for /metrics, never the public port. */
  metricsListenAddress: Type.String({ pattern: '^(\\S*):\\d{1,5}$', default: '127.0.0.1:8067' }),
});

export type Config = Static<typeof ConfigSchema>;

/** Environment variable for each config key (the stable public interface). */
export const ENV_KEYS: Record<keyof Config, string> = {
  port: 'PARLEY_PORT',
  host: 'PARLEY_HOST',
  dataDir: 'PARLEY_DATA_DIR',
  databaseUrl: 'PARLEY_DATABASE_URL',
  sqlMaxOpenConns: 'PARLEY_SQL_MAX_OPEN_CONNS',
  sqlConnMaxIdleTimeMs: 'PARLEY_SQL_CONN_MAX_IDLE_TIME_MS',
  sqlConnMaxLifetimeMs: 'PARLEY_SQL_CONN_MAX_LIFETIME_MS',
  redisUrl: 'PARLEY_REDIS_URL',
  redisChannel: 'PARLEY_REDIS_CHANNEL',
  workers: 'PARLEY_WORKERS',
  siteUrl: 'PARLEY_SITE_URL',
  siteName: 'PARLEY_SITE_NAME',
  logLevel: 'PARLEY_LOG_LEVEL',
  enableOpenServer: 'PARLEY_ENABLE_OPEN_SERVER',
  enableUserCreation: 'PARLEY_ENABLE_USER_CREATION',
  sessionLengthDays: 'PARLEY_SESSION_LENGTH_DAYS',
  showEmailAddress: 'PARLEY_SHOW_EMAIL_ADDRESS',
  showFullName: 'PARLEY_SHOW_FULL_NAME',
  maxPostSize: 'PARLEY_MAX_POST_SIZE',
  passwordMinimumLength: 'PARLEY_PASSWORD_MINIMUM_LENGTH',
  postListMaxBytes: 'PARLEY_POST_LIST_MAX_BYTES',
  webDir: 'PARLEY_WEB_DIR',
  wsReplaySeconds: 'PARLEY_WS_REPLAY_SECONDS',
  wsReplayEvents: 'PARLEY_WS_REPLAY_EVENTS',
  awayAfterMinutes: 'PARLEY_AWAY_AFTER_MINUTES',
  wsPingIntervalMs: 'PARLEY_WS_PING_INTERVAL_MS',
  wsAuthTimeoutMs: 'PARLEY_WS_AUTH_TIMEOUT_MS',
  offlineGraceMs: 'PARLEY_OFFLINE_GRACE_MS',
  maxChannelsPerTeam: 'PARLEY_MAX_CHANNELS_PER_TEAM',
  maximumLoginAttempts: 'PARLEY_MAXIMUM_LOGIN_ATTEMPTS',
  terminateSessionsOnPasswordChange: 'PARLEY_TERMINATE_SESSIONS_ON_PASSWORD_CHANGE',
  trustedProxyIpHeader: 'PARLEY_TRUSTED_PROXY_IP_HEADER',
  authRateLimitPerMinute: 'PARLEY_AUTH_RATE_LIMIT_PER_MINUTE',
  authRateLimitBurst: 'PARLEY_AUTH_RATE_LIMIT_BURST',
  rateLimitEnable: 'PARLEY_RATE_LIMIT_ENABLE',
  rateLimitPerSec: 'PARLEY_RATE_LIMIT_PER_SEC',
  rateLimitMaxBurst: 'PARLEY_RATE_LIMIT_MAX_BURST',
  rateLimitMemoryStoreSize: 'PARLEY_RATE_LIMIT_MEMORY_STORE_SIZE',
  rateLimitVaryByRemoteAddr: 'PARLEY_RATE_LIMIT_VARY_BY_REMOTE_ADDR',
  rateLimitVaryByUser: 'PARLEY_RATE_LIMIT_VARY_BY_USER',
  rateLimitVaryByHeader: 'PARLEY_RATE_LIMIT_VARY_BY_HEADER',
  requestBodiesInFlightBytes: 'PARLEY_REQUEST_BODIES_IN_FLIGHT_BYTES',
  readTimeoutSeconds: 'PARLEY_READ_TIMEOUT_SECONDS',
  metricsEnable: 'PARLEY_METRICS_ENABLE',
  metricsListenAddress: 'PARLEY_METRICS_LISTEN_ADDRESS',
};
