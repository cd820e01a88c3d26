import type { AdminConfig } from '@mattermost/types/config';
import { dataDefaults } from './data.js';
import { experimentalDefaults } from './experimental.js';
import { identityDefaults } from './identity.js';
import { operationsDefaults } from './operations.js';
import { serviceDefaults } from './service.js';
import { teamDefaults } from './team.js';

/** A fresh copy of Mattermost's default config document. */
export function mattermostDefaults(): AdminConfig {
  return structuredClone({
    ...serviceDefaults, ...teamDefaults, ...identityDefaults, ...operationsDefaults, ...dataDefaults, ...experimentalDefaults,
    MobileEphemeralModeSettings: { Enable: false, DisconnectionTimeoutSeconds: 30, OfflinePersistenceTimerHours: 24, AutoCacheCleanupDays: 7 },
  } satisfies AdminConfig);
}
