import type { JsonObject } from '../../config/document/paths.js';
import { notificationsSent } from '../../metrics/registry.js';
import type { ChannelRecord, PostRecord, UserRecord } from '../../model/types.js';
import type { JobRecord } from '../../store/jobs/jobs.js';
import type { AppDeps } from '../deps.js';
import { senderOf, smtpSettingsOf } from '../email/smtp_settings.js';
import type { JobHandler, JobRunner } from '../jobs/job_runner.js';
import { renderNotificationEmail, type EmailItem } from './email_templates.js';
import { currentNotificationSettings } from './notification_settings.js';

export const EMAIL_NOTIFICATION_JOB = 'email_notification';

/** Mattermost's email_interval values: '30' is "immediately"; without a choice a batching server sends every 15 minutes. */
const IMMEDIATELY_S = 30;
const DEFAULT_INTERVAL_S = 900;
/** Mattermost's EmailBatchingBufferSize default: a batch holds at most this many posts; more start another. */
const MAX_BATCH = 256;

interface EmailJobData {
  postIds: string[];
}

/**
 * Notification email: one job per recipient and email. With batching on, a user's job waits for their interval and
 * the posts notified meanwhile join it; at sending time posts since deleted, in channels the user left, or in
 * channels they have read since, are left out, and nothing is sent when none is left.
 */
export class EmailNotifications implements JobHandler {
  /** Queueing runs one post after another in this process, so that two posts do not both start a user's batch. */
  private queueing: Promise<void> = Promise.resolve();

  constructor(private readonly deps: AppDeps, private readonly runner: JobRunner) {}

  private get document(): JsonObject {
    return this.deps.liveConfig.document as unknown as JsonObject;
  }

  /** Adds the post to each user's pending email, or starts one due after their interval. */
  queue(userIds: readonly string[], postId: string, now: number): Promise<void> {
    const next = this.queueing.then(() => this.addToBatches(userIds, postId, now));
    this.queueing = next.catch(() => undefined);
    return next;
  }

  private async addToBatches(userIds: readonly string[], postId: string, now: number): Promise<void> {
    if (userIds.length === 0) return;
    const jobs = this.deps.store.jobs;
    const waiting = new Map<string, JobRecord>();
    for (const job of await jobs.pendingInGroups(EMAIL_NOTIFICATION_JOB, userIds)) if (!waiting.has(job.group_key)) waiting.set(job.group_key, job);
    const fresh: string[] = [];
    for (const userId of userIds) {
      const job = waiting.get(userId);
      if (!job || !(await this.addTo(job, postId))) fresh.push(userId);
    }
    const batching = currentNotificationSettings(this.deps).emailBatching;
    const requests = [];
    for (const userId of fresh) {
      const interval = batching ? await this.intervalOf(userId) : 0;
      const data: EmailJobData = { postIds: [postId] };
      requests.push({ type: EMAIL_NOTIFICATION_JOB, data, groupKey: userId, runAt: now + interval * 1000 });
    }
    await this.runner.enqueueMany(requests);
  }

  /** Adds the post to a pending batch; false when it is full or was taken by a runner meanwhile. */
  private async addTo(job: JobRecord, postId: string): Promise<boolean> {
    const { postIds } = JSON.parse(job.data) as EmailJobData;
    if (postIds.includes(postId)) return true;
    if (postIds.length >= MAX_BATCH) return false;
    const next: EmailJobData = { postIds: [...postIds, postId] };
    return this.deps.store.jobs.updatePendingData(job.id, job.data, JSON.stringify(next));
  }

  private async intervalOf(userId: string): Promise<number> {
    const chosen = Number((await this.deps.store.preferences.get(userId, 'notifications', 'email_interval'))?.value ?? DEFAULT_INTERVAL_S);
    return Number.isFinite(chosen) && chosen > IMMEDIATELY_S ? chosen : 0;
  }

  async run(job: JobRecord): Promise<void> {
    await this.send(job.group_key, (JSON.parse(job.data) as EmailJobData).postIds);
  }

  private async send(userId: string, postIds: readonly string[]): Promise<void> {
    const store = this.deps.store;
    const user = await store.users.get(userId);
    if (!user || user.delete_at > 0 || !user.email) return;
    const posts = (await store.posts.getMany([...new Set(postIds)])).filter((p) => p.delete_at === 0).sort((a, b) => a.create_at - b.create_at);
    const { items, team } = await this.itemsFor(user, posts);
    if (items.length === 0) return;
    const email = this.document.EmailSettings as JsonObject;
    const siteUrl = this.deps.config.siteUrl.replace(/\/+$/, '');
    const rendered = renderNotificationEmail({
      siteName: this.deps.config.siteName, locale: user.locale, timeZone: timeZoneOf(user),
      full: currentNotificationSettings(this.deps).emailFullContents,
      settingsLink: siteUrl && team ? `${siteUrl}/${team}?settings=notifications` : '', items,
    });
    try {
      await this.deps.mailer.send(smtpSettingsOf(email), { from: senderOf(email), to: user.email, ...rendered });
      notificationsSent.inc({ channel: 'email', outcome: 'sent' });
    } catch (err) {
      notificationsSent.inc({ channel: 'email', outcome: 'failed' });
      throw err;
    }
  }

  /** The posts the user can still read and has not read since, as email items, and the team of the first. */
  private async itemsFor(user: UserRecord, posts: readonly PostRecord[]): Promise<{ items: EmailItem[]; team: string }> {
    const store = this.deps.store;
    const channels = new Map((await store.channels.getMany([...new Set(posts.map((p) => p.channel_id))])).map((c) => [c.id, c]));
    const senders = new Map((await store.users.getMany([...new Set(posts.map((p) => p.user_id))])).map((u) => [u.id, u]));
    const teamName = await this.teamNames(user, [...channels.values()]);
    const siteUrl = this.deps.config.siteUrl.replace(/\/+$/, '');
    const items: EmailItem[] = [];
    let firstTeam = '';
    for (const post of posts) {
      const channel = channels.get(post.channel_id);
      if (!channel) continue;
      const member = await store.channels.getMember(channel.id, user.id);
      if (!member || member.last_viewed_at >= post.create_at) continue;
      const sender = senders.get(post.user_id);
      const senderName = sender ? `@${sender.username}` : '@unknown';
      const team = teamName(channel);
      firstTeam ||= team;
      items.push({
        postId: post.id, createAt: post.create_at, senderName, channelType: channel.type as EmailItem['channelType'],
        channelName: channel.type === 'D' ? senderName : channel.display_name,
        link: siteUrl && team ? `${siteUrl}/${team}/pl/${post.id}` : '', message: post.message,
      });
    }
    return { items, team: firstTeam };
  }

  /** A channel's team name for links; direct and group messages open in the user's first team. */
  private async teamNames(user: UserRecord, channels: readonly ChannelRecord[]): Promise<(channel: ChannelRecord) => string> {
    const store = this.deps.store;
    const teamIds = [...new Set(channels.map((c) => c.team_id).filter((id) => id !== ''))];
    const teams = new Map((await Promise.all(teamIds.map((id) => store.teams.get(id)))).flatMap((t) => (t ? [[t.id, t.name] as const] : [])));
    const needsHome = channels.some((c) => c.team_id === '');
    const home = needsHome ? (await store.teams.listForUser(user.id))[0]?.name ?? '' : '';
    return (channel) => (channel.team_id ? teams.get(channel.team_id) ?? '' : home);
  }
}

function timeZoneOf(user: UserRecord): string {
  const tz = user.timezone as unknown as Record<string, string> | undefined;
  if (!tz) return '';
  return tz.useAutomaticTimezone === 'false' ? tz.manualTimezone ?? '' : tz.automaticTimezone ?? '';
}
