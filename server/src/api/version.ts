import { createHash } from 'node:crypto';
import type { Config } from '../config/schema.js';

import { BUILD_NUMBER, MATTERMOST_API_VERSION } from '../model/version.js';

/** `<semver>.<build>.<configHash>.<licensed>`, stable for a given configuration. */
export function versionId(config: Config): string {
  const hash = createHash('sha1').update(JSON.stringify({ ...config, databaseUrl: '', redisUrl: '' })).digest('hex').slice(0, 8);
  return `${MATTERMOST_API_VERSION}.${BUILD_NUMBER}.${hash}.false`;
}
