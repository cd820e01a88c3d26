import type { AdminConfig } from '@mattermost/types/config';
import { dataDefaults } from './data.js';
import { experimentalDefaults } from './experimental.js';
import { identityDefaults } from './identity.js';
import { operationsDefaults } from './operations.js';
import { serviceDefaults } from './service.js';
import { teamDefaults } from './team.js';

/**
 * A fresh copy of the default config document: Mattermost's defaults, with
 * Parley's own choice for the Mattermost keys where it differs (Parley's
 * settings with a PARLEY_* variable get their defaults from config/schema.ts).
 */
export function mattermostDefaults(): AdminConfig {
  const doc: AdminConfig = structuredClone({
    ...serviceDefaults, ...teamDefaults, ...identityDefaults, ...operationsDefaults, ...dataDefaults, ...experimentalDefaults,
    MobileEphemeralModeSettings: { Enable: false, DisconnectionTimeoutSeconds: 30, OfflinePersistenceTimerHours: 24, AutoCacheCleanupDays: 7 },
  } satisfies AdminConfig);
  // Threads stay in the channel unless a user turns collapsed threads on; the web client ships these two languages.
  doc.ServiceSettings.CollapsedThreads = 'default_off' as AdminConfig['ServiceSettings']['CollapsedThreads'];
  doc.LocalizationSettings.AvailableLocales = 'en,de';
  return doc;
}
