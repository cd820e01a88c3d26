import { AppError, forbidden } from '../../model/errors.js';
import type { UserRecord } from '../../model/types.js';
import type { JobRecord } from '../../store/jobs/jobs.js';
import type { PostReminderRecord } from '../../store/posts/post_reminders.js';
import { actorForUser, type Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import type { DirectChannelService } from '../direct_channels.js';
import { publishEphemeral } from '../ephemeral.js';
import type { BotService } from '../integrations/bots.js';
import type { JobHandler, JobRunner } from '../jobs/job_runner.js';
import type { PostService } from '../posts.js';

export const POST_REMINDER_JOB = 'post_reminder';
/** Reminders further ahead than this are refused (upstream offers at most "custom", a date picker). */
const MAX_AHEAD_MS = 366 * 24 * 3_600_000;

const invalidTime = (): AppError =>
  new AppError('api.post.reminder.invalid_target_time.app_error', 'The reminder time must be in the future and within a year.', 400);

/** The props of a reminder DM, as upstream's `reminder` post carries them. */
export interface ReminderProps {
  target_time: number;
  post_id: string;
  username: string;
  team_name: string;
}

/**
 * "Remind me about this message": one reminder per user and post, kept in post_reminders and sent by a job due at
 * the target time (so it survives restarts and runs on one node of a cluster). The system bot sends it as a DM,
 * only if the post still exists and the user may still read it then; a newer reminder for the same post replaces
 * the older, whose job then finds its row gone and sends nothing.
 */
export class PostReminderService implements JobHandler {
  constructor(
    private readonly deps: AppDeps,
    private readonly posts: PostService,
    private readonly directChannels: DirectChannelService,
    private readonly bots: BotService,
    private readonly jobs: JobRunner,
  ) {
    jobs.register(POST_REMINDER_JOB, this, { maxAttempts: 5, firstRetryMs: 30_000 });
  }

  /** Sets the caller's reminder (`targetTime` in Unix seconds) and confirms it with an ephemeral post. */
  async set(actor: Actor, userId: string, postId: string, targetTime: number): Promise<void> {
    if (userId !== actor.userId) throw forbidden();
    const targetMs = targetTime * 1000;
    const now = Date.now();
    if (!Number.isSafeInteger(targetTime) || targetMs <= now || targetMs > now + MAX_AHEAD_MS) throw invalidTime();
    // Reading the post checks the caller may see it (404 / 403 as GET /posts/{id}).
    const post = await this.posts.get(actor, postId);
    const [user, author] = await Promise.all([this.deps.store.users.get(userId), this.deps.store.users.get(post.user_id)]);
    if (!user) throw forbidden();
    const reminder: PostReminderRecord = { post_id: post.id, user_id: userId, target_time: targetMs };
    await this.deps.store.postReminders.save(reminder);
    await this.jobs.enqueueMany([{ type: POST_REMINDER_JOB, data: reminder, runAt: targetMs, groupKey: userId }]);
    const username = author?.username ?? '';
    publishEphemeral(this.deps, {
      userId, authorId: userId, channelId: post.channel_id, rootId: post.root_id || undefined,
      message: `You will be reminded at ${formatTime(targetMs, user)} about this message from @${username}`,
      props: { target_time: targetTime, post_id: post.id, username },
    });
  }

  /** The job: sends the reminder if it is still the user's current one and they may still read the post. */
  async run(job: JobRecord): Promise<void> {
    const reminder = JSON.parse(job.data) as PostReminderRecord;
    const current = await this.deps.store.postReminders.get(reminder.post_id, reminder.user_id);
    if (current?.target_time !== reminder.target_time) return;
    const user = await this.deps.store.users.get(reminder.user_id);
    const props = user && user.delete_at === 0 ? await this.readableProps(user, reminder) : undefined;
    if (user && props) {
      const bot = await this.bots.ensureSystemBot();
      const channel = await this.directChannels.getDirect(actorForUser(bot), [bot.id, user.id]);
      const link = `${this.siteUrl()}/${props.team_name}/pl/${props.post_id}`;
      await this.posts.postSystemMessage(channel.id, bot.id, 'reminder', `Hi there, here's your reminder about this message from @${props.username}: ${link}`, { ...props });
    }
    // Taken only after sending: a failed send is retried by the job runner.
    await this.deps.store.postReminders.take(reminder);
  }

  /** The reminder's props, or undefined when the post is gone or the user may no longer read it. */
  private async readableProps(user: UserRecord, reminder: PostReminderRecord): Promise<ReminderProps | undefined> {
    const post = await this.posts.get(actorForUser(user), reminder.post_id).catch((err: unknown) => {
      if (err instanceof AppError && err.statusCode < 500) return undefined;
      throw err;
    });
    if (!post) return undefined;
    const [author, channel] = await Promise.all([this.deps.store.users.get(post.user_id), this.deps.store.channels.get(post.channel_id)]);
    // A DM or group message belongs to no team: its permalink works under any team of the user.
    const teamId = channel?.team_id || (await this.deps.store.teams.listForUser(user.id))[0]?.id || '';
    const team = teamId ? await this.deps.store.teams.get(teamId) : undefined;
    return { target_time: Math.floor(reminder.target_time / 1000), post_id: post.id, username: author?.username ?? '', team_name: team?.name ?? '' };
  }

  private siteUrl(): string {
    return this.deps.liveConfig.document.ServiceSettings.SiteURL.replace(/\/+$/, '');
  }
}

/** The time in the user's time zone (their manual or automatic one; UTC when they have none). */
function formatTime(ms: number, user: UserRecord): string {
  const tz = user.timezone?.useAutomaticTimezone === 'false' ? user.timezone.manualTimezone : user.timezone?.automaticTimezone;
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
  try {
    return new Intl.DateTimeFormat('en-US', { ...options, timeZone: tz || 'UTC' }).format(ms);
  } catch {
    return new Intl.DateTimeFormat('en-US', { ...options, timeZone: 'UTC' }).format(ms);
  }
}
