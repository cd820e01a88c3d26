import type { Actor } from '../actor.js';
import type { ConfigService } from '../admin/config.js';

/** The server itself, as the author of the settings it generates (the audit log shows no user for them). */
const SERVER: Actor = {
  userId: '', roles: ['system_admin'], ipAddress: '',
  session: { id: '', token: '', create_at: 0, expires_at: 0, last_activity_at: 0, user_id: '', device_id: '', roles: 'system_admin', csrf_token: '', props: {} },
};

/**
 * Saves a generated FileSettings.PublicLinkSalt through the config service, so it is stored once, published to
 * every node, and kept across restarts, as Mattermost saves the salt it generates.
 */
export const linkSaltSaver = (configuration: ConfigService) => async (salt: string): Promise<void> => {
  await configuration.patch(SERVER, { FileSettings: { PublicLinkSalt: salt } });
};
