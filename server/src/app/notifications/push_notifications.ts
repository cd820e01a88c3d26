import { notificationsSent } from '../../metrics/registry.js';
import type { ChannelRecord, PostRecord, SessionRecord, UserRecord } from '../../model/types.js';
import type { JobRecord } from '../../store/jobs/jobs.js';
import type { AppDeps } from '../deps.js';
import type { JobHandler, JobRunner } from '../jobs/job_runner.js';
import { currentNotificationSettings, type PushContents } from './notification_settings.js';

export const PUSH_NOTIFICATION_JOB = 'push_notification';

/** The push proxy answers within this, or the push is tried again later. */
const PROXY_TIMEOUT_MS = 10_000;

/** Mattermost's PushNotification as the push proxy receives it (api/v1/send_push); badge and device are added at sending. */
export interface PushMessage {
  type: 'message' | 'clear';
  version: 'v2';
  server_id: string;
  ack_id: string;
  channel_id: string;
  team_id?: string;
  post_id?: string;
  root_id?: string;
  channel_name?: string;
  sender_id?: string;
  sender_name?: string;
  message?: string;
  category?: 'CAN_REPLY';
  sound?: string;
  from_webhook?: string;
  is_crt_enabled?: boolean;
  is_id_loaded?: boolean;
}

interface PushJobData {
  sessionId: string;
  userId: string;
  /** The session's device id as the app attached it: `platform:token`. */
  deviceId: string;
  message: PushMessage;
}

/** The text of a post's push by PushNotificationContents (id_loaded: none, the app fetches it with the ack). */
function pushText(contents: PushContents, channel: ChannelRecord, senderName: string, post: PostRecord): string {
  if (contents === 'id_loaded') return '';
  if (contents === 'full') return channel.type === 'D' ? post.message : `${senderName}: ${post.message}`;
  return channel.type === 'D' ? `${senderName} sent you a direct message` : `${senderName} posted a message`;
}

/**
 * Push notifications through the Mattermost push proxy: one job per device, retried with back-off when the proxy
 * fails; a device the proxy says is gone ("REMOVE") is detached from its session. The badge (the user's unread
 * mentions) is counted when the push goes out.
 */
export class PushNotifications implements JobHandler {
  constructor(private readonly deps: AppDeps, private readonly runner: JobRunner) {}

  private get settings() {
    return currentNotificationSettings(this.deps);
  }

  /**
   * What a post's push says at a content level (PushNotificationContents); 'full' is also what the app gets back
   * for an id-loaded push when it acknowledges it.
   */
  messageFor(post: PostRecord, channel: ChannelRecord, sender: UserRecord, collapsedThreads: boolean, contents: PushContents): PushMessage {
    const senderName = `@${sender.username}`;
    const base: PushMessage = {
      type: 'message', version: 'v2', server_id: this.serverId(), ack_id: post.id, channel_id: channel.id, team_id: channel.team_id,
      post_id: post.id, root_id: post.root_id, category: 'CAN_REPLY', sound: 'none', is_crt_enabled: collapsedThreads,
      from_webhook: post.props.from_webhook === 'true' ? 'true' : undefined,
    };
    if (contents === 'id_loaded') return { ...base, is_id_loaded: true, message: 'You have a new message.' };
    return {
      ...base, sender_id: sender.id, sender_name: senderName, message: pushText(contents, channel, senderName, post),
      channel_name: contents === 'generic_no_channel' ? undefined : channel.type === 'D' ? senderName : channel.display_name,
    };
  }

  /** Mattermost identifies the server to the app; Parley uses its site URL. */
  private serverId(): string {
    return this.deps.config.siteUrl;
  }

  /** One push job per device of each user, in one write. */
  async queueToDevices(messages: ReadonlyMap<string, PushMessage>, now: number): Promise<void> {
    if (messages.size === 0) return;
    const sessions = await this.deps.store.sessions.listWithDevice([...messages.keys()], now);
    const requests = uniqueDevices(sessions).flatMap((session) => {
      const message = messages.get(session.user_id);
      if (!message) return [];
      const data: PushJobData = { sessionId: session.id, userId: session.user_id, deviceId: session.device_id, message };
      return [{ type: PUSH_NOTIFICATION_JOB, data, groupKey: session.user_id }];
    });
    await this.runner.enqueueMany(requests);
  }

  /** The user read the channel: their phones clear its notifications and update the badge. */
  async queueClear(userId: string, channelId: string, now: number): Promise<void> {
    if (!this.settings.push) return;
    await this.queueToDevices(new Map([[userId, { type: 'clear', version: 'v2', server_id: this.serverId(), ack_id: '', channel_id: channelId }]]), now);
  }

  async run(job: JobRecord): Promise<void> {
    const settings = this.settings;
    if (!settings.push) return;
    const data = JSON.parse(job.data) as PushJobData;
    const separator = data.deviceId.indexOf(':');
    const platform = separator > 0 ? data.deviceId.slice(0, separator) : '';
    const deviceId = separator > 0 ? data.deviceId.slice(separator + 1) : data.deviceId;
    const body = { ...data.message, platform, device_id: deviceId, badge: await this.badgeOf(data.userId) };
    const url = `${settings.pushServer}/api/v1/send_push`;
    let answer: { status?: string; error?: string };
    try {
      const response = await this.deps.outbound.fetchGuarded(url, {
        method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' },
        // The administrator chose this server: it may be internal.
        allowedHosts: new URL(url).hostname, timeoutMs: PROXY_TIMEOUT_MS, maxBytes: 64 * 1024,
      });
      if (response.status >= 500 || response.status === 429) throw new Error(`push proxy answered ${response.status}`);
      answer = parseAnswer(response.body.toString('utf8'));
      if (response.status >= 400) {
        // A request the proxy will never take: retrying cannot help.
        notificationsSent.inc({ channel: 'push', outcome: 'refused' });
        this.deps.log.warn({ status: response.status, error: answer.error }, 'push proxy refused a notification');
        return;
      }
    } catch (err) {
      notificationsSent.inc({ channel: 'push', outcome: 'failed' });
      throw err;
    }
    notificationsSent.inc({ channel: 'push', outcome: 'sent' });
    if (answer.status === 'REMOVE') await this.deps.store.sessions.attachDevice(data.sessionId, '');
  }

  /** Unread mentions across the user's channels, as the app's icon shows them. */
  private async badgeOf(userId: string): Promise<number> {
    const members = await this.deps.store.channels.listMembersForUser(userId, {});
    return members.reduce((sum, m) => sum + m.mention_count, 0);
  }
}

function parseAnswer(text: string): { status?: string; error?: string } {
  try {
    const value = JSON.parse(text) as unknown;
    return value !== null && typeof value === 'object' ? value as { status?: string; error?: string } : {};
  } catch {
    return {};
  }
}

/** One push per device, even when a device is attached to several of the user's sessions. */
function uniqueDevices(sessions: readonly SessionRecord[]): SessionRecord[] {
  const seen = new Map<string, SessionRecord>();
  for (const s of sessions) if (!seen.has(s.device_id)) seen.set(s.device_id, s);
  return [...seen.values()];
}
