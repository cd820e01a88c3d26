import { isObject, type JsonObject } from '../../config/document/paths.js';
import type { LiveConfig } from '../../config/live.js';
import { smtpConfigured } from '../email/smtp_settings.js';

/** EmailSettings.PushNotificationContents: how much of a post a push carries through the proxy and the phone vendor. */
export type PushContents = 'generic_no_channel' | 'generic' | 'full' | 'id_loaded';

export interface NotificationSettings {
  /** SendEmailNotifications, and an SMTP server to send through. */
  email: boolean;
  /** EnableEmailBatching: users choose how often their notification email comes. */
  emailBatching: boolean;
  /** EmailNotificationContentsType: 'generic' leaves the message text and channel out of the email. */
  emailFullContents: boolean;
  /** SendPushNotifications, and a PushNotificationServer to send to. */
  push: boolean;
  pushServer: string;
  pushContents: PushContents;
  /** ServiceSettings.CollapsedThreads: whether users read replies as threads. */
  collapsedThreads: 'disabled' | 'default_off' | 'default_on' | 'always_on';
}

const PUSH_CONTENTS = new Set<string>(['generic_no_channel', 'generic', 'full', 'id_loaded']);
const COLLAPSED = new Set<string>(['disabled', 'default_off', 'default_on', 'always_on']);

function section(document: JsonObject, name: string): JsonObject {
  const value = document[name];
  return isObject(value) ? value : {};
}

/** The notification settings of a config document (saved documents are valid: odd values fall back to defaults). */
export function notificationSettingsOf(document: JsonObject): NotificationSettings {
  const email = section(document, 'EmailSettings');
  const pushServer = typeof email.PushNotificationServer === 'string' ? email.PushNotificationServer.trim().replace(/\/+$/, '') : '';
  const contents = String(email.PushNotificationContents);
  const collapsed = String(section(document, 'ServiceSettings').CollapsedThreads);
  return {
    email: email.SendEmailNotifications === true && smtpConfigured(email),
    emailBatching: email.EnableEmailBatching === true,
    emailFullContents: email.EmailNotificationContentsType !== 'generic',
    push: email.SendPushNotifications === true && pushServer !== '',
    pushServer,
    pushContents: PUSH_CONTENTS.has(contents) ? contents as PushContents : 'full',
    collapsedThreads: COLLAPSED.has(collapsed) ? collapsed as NotificationSettings['collapsedThreads'] : 'always_on',
  };
}

/** The settings as the config document says them now (it changes at run time through /config). */
export const currentNotificationSettings = (deps: { liveConfig: Pick<LiveConfig, 'document'> }): NotificationSettings =>
  notificationSettingsOf(deps.liveConfig.document as unknown as JsonObject);

/** Whether the user reads threads collapsed: their display setting within what the server allows. */
export function readsThreadsCollapsed(setting: NotificationSettings['collapsedThreads'], preference: string | undefined): boolean {
  if (setting === 'always_on') return true;
  if (setting === 'disabled') return false;
  if (preference === 'on') return true;
  if (preference === 'off') return false;
  return setting === 'default_on';
}
