import type { Config } from '../schema.js';
import { getPath, setPath, type JsonObject } from './paths.js';

/**
 * Where each of Parley's settings lives in the config document. Most are one
 * Mattermost key; Parley's own settings (no Mattermost equivalent) live in the
 * ParleySettings section. A few need a conversion (ListenAddress holds host
 * and port; session length is hours in the document, days in Parley).
 */
interface Binding {
  path: string;
  /** Read from the document in Parley's unit; undefined leaves the key to schema validation. */
  read?: (doc: JsonObject) => unknown;
  write?: (config: Config, doc: JsonObject) => void;
}

const simple = (path: string): Binding => ({ path });

const LOG_LEVELS: Record<string, Config['logLevel']> = { DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error', FATAL: 'fatal' };

/** `host:port`, `:port` or `[v6]:port`. */
function splitListenAddress(address: unknown): { host: string; port: number } | undefined {
  if (typeof address !== 'string') return undefined;
  const match = /^(\[[^\]]*\]|[^:]*):(\d{1,5})$/.exec(address.trim());
  if (!match) return undefined;
  return { host: match[1].replace(/^\[|\]$/g, '') || '0.0.0.0', port: Number(match[2]) };
}

const listenAddress = (part: 'host' | 'port'): Binding => ({
  path: 'ServiceSettings.ListenAddress',
  read: (doc) => splitListenAddress(getPath(doc, 'ServiceSettings.ListenAddress'))?.[part] ?? getPath(doc, 'ServiceSettings.ListenAddress'),
  write: (config, doc) => {
    const host = config.host === '0.0.0.0' ? '' : config.host.includes(':') ? `[${config.host}]` : config.host;
    setPath(doc, 'ServiceSettings.ListenAddress', `${host}:${config.port}`);
  },
});

export const FLAT_BINDINGS: Record<keyof Config, Binding> = {
  port: listenAddress('port'),
  host: listenAddress('host'),
  dataDir: simple('ParleySettings.DataDirectory'),
  databaseUrl: simple('SqlSettings.DataSource'),
  sqlMaxOpenConns: simple('SqlSettings.MaxOpenConns'),
  sqlConnMaxIdleTimeMs: simple('SqlSettings.ConnMaxIdleTimeMilliseconds'),
  sqlConnMaxLifetimeMs: simple('SqlSettings.ConnMaxLifetimeMilliseconds'),
  redisUrl: simple('ParleySettings.RedisURL'),
  redisChannel: simple('ParleySettings.RedisChannel'),
  workers: simple('ParleySettings.Workers'),
  siteUrl: simple('ServiceSettings.SiteURL'),
  siteName: simple('TeamSettings.SiteName'),
  logLevel: {
    path: 'LogSettings.ConsoleLevel',
    read: (doc) => getPath(doc, 'LogSettings.EnableConsole') === false ? 'silent' : LOG_LEVELS[String(getPath(doc, 'LogSettings.ConsoleLevel')).toUpperCase()] ?? getPath(doc, 'LogSettings.ConsoleLevel'),
    write: (config, doc) => {
      setPath(doc, 'LogSettings.EnableConsole', config.logLevel !== 'silent');
      if (config.logLevel !== 'silent') setPath(doc, 'LogSettings.ConsoleLevel', config.logLevel.toUpperCase());
    },
  },
  enableOpenServer: simple('TeamSettings.EnableOpenServer'),
  enableUserCreation: simple('TeamSettings.EnableUserCreation'),
  sessionLengthDays: {
    path: 'ServiceSettings.SessionLengthWebInHours',
    read: (doc) => {
      const hours = getPath(doc, 'ServiceSettings.SessionLengthWebInHours');
      return typeof hours === 'number' ? Math.max(1, Math.round(hours / 24)) : hours;
    },
    write: (config, doc) => setPath(doc, 'ServiceSettings.SessionLengthWebInHours', config.sessionLengthDays * 24),
  },
  showEmailAddress: simple('PrivacySettings.ShowEmailAddress'),
  showFullName: simple('PrivacySettings.ShowFullName'),
  maxPostSize: simple('ParleySettings.MaxPostSize'),
  passwordMinimumLength: simple('PasswordSettings.MinimumLength'),
  postListMaxBytes: simple('ParleySettings.PostListMaxBytes'),
  webDir: simple('ParleySettings.WebDirectory'),
  wsReplaySeconds: simple('ParleySettings.WebSocketReplaySeconds'),
  wsReplayEvents: simple('ParleySettings.WebSocketReplayEvents'),
  awayAfterMinutes: simple('ParleySettings.AwayAfterMinutes'),
  wsPingIntervalMs: simple('ParleySettings.WebSocketPingIntervalMilliseconds'),
  wsAuthTimeoutMs: simple('ParleySettings.WebSocketAuthTimeoutMilliseconds'),
  offlineGraceMs: simple('ParleySettings.OfflineGraceMilliseconds'),
  maxChannelsPerTeam: simple('TeamSettings.MaxChannelsPerTeam'),
  maximumLoginAttempts: simple('ServiceSettings.MaximumLoginAttempts'),
  terminateSessionsOnPasswordChange: simple('ServiceSettings.TerminateSessionsOnPasswordChange'),
  trustedProxyIpHeader: simple('ServiceSettings.TrustedProxyIPHeader'),
  authRateLimitPerMinute: simple('ParleySettings.AuthRateLimitPerMinute'),
  authRateLimitBurst: simple('ParleySettings.AuthRateLimitBurst'),
  rateLimitEnable: simple('RateLimitSettings.Enable'),
  rateLimitPerSec: simple('RateLimitSettings.PerSec'),
  rateLimitMaxBurst: simple('RateLimitSettings.MaxBurst'),
  rateLimitMemoryStoreSize: simple('RateLimitSettings.MemoryStoreSize'),
  rateLimitVaryByRemoteAddr: simple('RateLimitSettings.VaryByRemoteAddr'),
  rateLimitVaryByUser: simple('RateLimitSettings.VaryByUser'),
  rateLimitVaryByHeader: simple('RateLimitSettings.VaryByHeader'),
  requestBodiesInFlightBytes: simple('ParleySettings.RequestBodiesInFlightBytes'),
  readTimeoutSeconds: simple('ServiceSettings.ReadTimeout'),
  metricsEnable: simple('MetricsSettings.Enable'),
  metricsListenAddress: simple('MetricsSettings.ListenAddress'),
};

/**
 * Settings read once at start: a change is saved and takes effect at the next
 * restart. Mattermost asks for a restart for the same ones (listen address,
 * database, web server timeouts, rate limiting, metrics).
 */
export const RESTART_KEYS: ReadonlySet<keyof Config> = new Set<keyof Config>([
  'port', 'host', 'dataDir', 'databaseUrl', 'redisUrl', 'redisChannel', 'workers', 'webDir', 'metricsEnable', 'metricsListenAddress',
  'readTimeoutSeconds', 'requestBodiesInFlightBytes', 'rateLimitEnable', 'rateLimitPerSec', 'rateLimitMaxBurst', 'rateLimitMemoryStoreSize',
  'rateLimitVaryByRemoteAddr', 'rateLimitVaryByUser', 'rateLimitVaryByHeader', 'authRateLimitPerMinute', 'authRateLimitBurst',
  'wsReplaySeconds', 'wsReplayEvents', 'wsPingIntervalMs', 'wsAuthTimeoutMs', 'awayAfterMinutes',
]);

export const CONFIG_KEYS = Object.keys(FLAT_BINDINGS) as (keyof Config)[];

/** Writes the given Parley settings into the document at their paths. */
export function writeFlat(config: Config, keys: Iterable<keyof Config>, doc: JsonObject): void {
  for (const key of keys) {
    const binding = FLAT_BINDINGS[key];
    if (binding.write) binding.write(config, doc);
    else setPath(doc, binding.path, structuredClone(config[key]));
  }
}

/** Parley's settings as the document holds them (unvalidated: the schema checks them next). */
export function readFlat(doc: JsonObject): Record<keyof Config, unknown> {
  const flat = {} as Record<keyof Config, unknown>;
  for (const key of CONFIG_KEYS) {
    const binding = FLAT_BINDINGS[key];
    flat[key] = binding.read ? binding.read(doc) : getPath(doc, binding.path);
  }
  return flat;
}

/** The document paths a setting writes (locked together when the setting comes from the environment). */
export function bindingPaths(key: keyof Config): string[] {
  return key === 'logLevel' ? ['LogSettings.ConsoleLevel', 'LogSettings.EnableConsole'] : [FLAT_BINDINGS[key].path];
}
