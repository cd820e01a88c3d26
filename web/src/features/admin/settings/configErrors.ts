import type { ServerError } from '../../../api/client';
import type { ConfigPath } from './configPath';

/**
 * Mattermost's config validation ids whose middle part is not simply the key in snake case
 * ("model.config.is_valid.<part>.app_error").
 */
const VALIDATION_IDS: Record<string, ConfigPath> = {
  max_users: 'TeamSettings.MaxUsersPerTeam',
  max_channels: 'TeamSettings.MaxChannelsPerTeam',
  sitename_length: 'TeamSettings.SiteName',
  password_length: 'PasswordSettings.MinimumLength',
  login_attempts: 'ServiceSettings.MaximumLoginAttempts',
  email_security: 'EmailSettings.ConnectionSecurity',
  rate_mem: 'RateLimitSettings.MemoryStoreSize',
  rate_sec: 'RateLimitSettings.PerSec',
  max_burst: 'RateLimitSettings.MaxBurst',
  read_timeout: 'ServiceSettings.ReadTimeout',
  site_url: 'ServiceSettings.SiteURL',
};

const snakeCase = (key: string): string =>
  key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();

/**
 * The field a validation error concerns, among those a page shows: the one its text names by path
 * ("TeamSettings.SiteName"), else the one its id names ("model.config.is_valid.site_url.app_error"),
 * else none (the error then goes at the top of the page).
 */
export function fieldOfError(error: ServerError, paths: readonly ConfigPath[]): ConfigPath | undefined {
  const text = `${error.id} ${error.message} ${error.detail}`;
  const named = paths.filter((path) => text.includes(path)).sort((a, b) => b.length - a.length)[0];
  if (named) return named;
  const part = /^model\.config\.is_valid\.(\w+?)\.app_error$/.exec(error.id)?.[1];
  if (!part) return undefined;
  const known = VALIDATION_IDS[part];
  if (known && paths.includes(known)) return known;
  return paths.find((path) => snakeCase(path.slice(path.indexOf('.') + 1)) === part);
}
