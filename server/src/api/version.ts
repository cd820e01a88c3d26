import { createHash } from 'node:crypto';
import type { Config } from '../config/schema.js';

/** The Mattermost server version Parley's API matches; clients gate features on it. */
export const MATTERMOST_API_VERSION = '10.11.0';
export const BUILD_NUMBER = '1';

/** `<semver>.<build>.<configHash>.<licensed>`, stable for a given configuration. */
export function versionId(config: Config): string {
  const hash = createHash('sha1').update(JSON.stringify({ ...config, databaseUrl: '', redisUrl: '' })).digest('hex').slice(0, 8);
  return `${MATTERMOST_API_VERSION}.${BUILD_NUMBER}.${hash}.false`;
}
