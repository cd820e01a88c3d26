import { reportUnexpected } from '../../metrics/unexpected.js';
import { forbidden, notFound } from '../../model/errors.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { JobRunner, type JobRunnerOptions } from '../jobs/job_runner.js';
import type { Permissions } from '../permissions.js';
import { ActiveChannels } from './active_channels.js';
import type { ChannelMentionPolicy } from './channel_mentions.js';
import { EMAIL_NOTIFICATION_JOB, EmailNotifications } from './email_notifications.js';
import { decide } from './notification_rules.js';
import { currentNotificationSettings, type NotificationSettings } from './notification_settings.js';
import { PUSH_NOTIFICATION_JOB, PushNotifications, type PushMessage } from './push_notifications.js';
import { loadRecipients } from './recipients.js';
import type { PostNotifyHook, SavedPost } from './saved_post.js';
import { warnChannelTooLarge, warnUnnotifiedMentions } from './unnotified_mentions.js';

/**
 * Email and push notifications for new posts (desktop notifications are shown by the clients, from the `posted`
 * event's `mentions` and `followers`, by the same rules: notification_rules.ts). Work happens after the post is
 * answered, in jobs that survive a restart and are retried.
 */
export class NotificationService implements PostNotifyHook {
  readonly jobs: JobRunner;
  private readonly email: EmailNotifications;
  private readonly push: PushNotifications;
  private readonly active = new ActiveChannels();

  constructor(
    private readonly deps: AppDeps, private readonly permissions: Permissions, private readonly channelMentions: ChannelMentionPolicy,
    runnerOptions: Partial<JobRunnerOptions> = {},
  ) {
    this.jobs = new JobRunner(deps, runnerOptions);
    this.email = new EmailNotifications(deps, this.jobs);
    this.push = new PushNotifications(deps, this.jobs);
    this.jobs.register(EMAIL_NOTIFICATION_JOB, this.email, { maxAttempts: 5, firstRetryMs: 60_000 });
    this.jobs.register(PUSH_NOTIFICATION_JOB, this.push, { maxAttempts: 5, firstRetryMs: 5_000 });
  }

  private get settings(): NotificationSettings {
    return currentNotificationSettings(this.deps);
  }

  afterPost(saved: SavedPost): void {
    this.active.seen(saved.author.id, saved.channel.id, saved.post.create_at);
    const report = (err: unknown): void => reportUnexpected('background_job', err, this.deps.log);
    void warnUnnotifiedMentions(this.deps, saved).catch(report);
    if (saved.parsed.channelWide && saved.channel.type !== 'D' && saved.channel.type !== 'G') {
      void this.channelMentions.tooLarge(saved.channel)
        .then((tooLarge) => tooLarge && warnChannelTooLarge(this.deps, saved, this.channelMentions.maxNotified)).catch(report);
    }
    void this.notify(saved).catch(report);
  }

  private async notify(saved: SavedPost): Promise<void> {
    const settings = this.settings;
    if ((!settings.email && !settings.push) || saved.post.type.startsWith('system_')) return;
    const now = Date.now();
    const recipients = await loadRecipients(this.deps.store, settings, saved, (id) => this.active.isActive(id, saved.channel.id, now), now);
    const facts = {
      authorId: saved.author.id, channelType: saved.channel.type as 'O' | 'P' | 'D' | 'G', systemMessage: false,
      fromWebhook: saved.post.props.from_webhook === 'true', isReply: saved.reply !== undefined,
    };
    const emailTo: string[] = [];
    const pushTo = new Map<string, PushMessage>();
    for (const r of recipients) {
      const decision = decide(r.facts, facts, r.post, settings, now);
      if (decision.email) emailTo.push(r.user.id);
      if (decision.push) pushTo.set(r.user.id, this.push.messageFor(saved.post, saved.channel, saved.author, r.facts.collapsedThreads, settings.pushContents));
    }
    await this.email.queue(emailTo, saved.post.id, now);
    await this.push.queueToDevices(pushTo, now);
  }

  /** The user viewed these channels (POST /channels/members/me/view): they are reading, and their phones clear. */
  channelsViewed(userId: string, channelIds: readonly string[], hadUnread: readonly string[]): void {
    const now = Date.now();
    for (const channelId of channelIds) this.active.seen(userId, channelId, now);
    for (const channelId of hadUnread) void this.push.queueClear(userId, channelId, now).catch((err: unknown) => this.deps.log.warn({ err }, 'push clear not queued'));
  }

  /** Mattermost's PUT /users/sessions/device: the mobile app names the device its session pushes to. */
  async attachDevice(actor: Actor, deviceId: string): Promise<void> {
    if (!actor.session.id) throw forbidden();
    await this.deps.store.sessions.attachDevice(actor.session.id, deviceId);
  }

  /** POST /notifications/ack for an id-loaded push: the app fetches what the push left out, if the user may read it. */
  async acknowledge(actor: Actor, postId: string): Promise<PushMessage> {
    const post = await this.deps.store.posts.get(postId);
    if (!post || post.delete_at > 0) throw notFound('post');
    const channel = await this.deps.store.channels.get(post.channel_id);
    if (!channel || !(await this.permissions.canReadChannel(actor, channel))) throw forbidden();
    const sender = await this.deps.store.users.get(post.user_id);
    if (!sender) throw notFound('user');
    return this.push.messageFor(post, channel, sender, false, 'full');
  }

  start(): void {
    this.jobs.start();
  }

  close(): Promise<void> {
    return this.jobs.close();
  }
}

