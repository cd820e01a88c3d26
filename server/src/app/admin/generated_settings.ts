import type { JsonObject } from '../../config/document/paths.js';
import { actorForUser } from '../actor.js';
import type { ConfigService } from './config.js';

/** The server itself, as the author of the settings it generates (the audit log shows no user for them). */
const SERVER = actorForUser({ id: '', roles: 'system_admin' });

/** Saves part of the config document that the server generated itself. */
export type GeneratedSettingsSaver = (partial: JsonObject) => Promise<void>;

/**
 * Saves settings the server generates on first need (FileSettings.PublicLinkSalt, SqlSettings.AtRestEncryptKey)
 * through the config service, so they are stored once, published to every node, and kept across restarts, as
 * Mattermost saves the keys it generates.
 */
export const generatedSettingsSaver = (configuration: ConfigService): GeneratedSettingsSaver => async (partial) => {
  await configuration.patch(SERVER, partial);
};
