import { guarded } from '../metrics/unexpected.js';
import { AppError, forbidden } from '../model/errors.js';
import { encodedField, makeEvent, type ServerEvent } from '../model/events.js';
import type { AppDeps } from './deps.js';
import type { MembershipCache } from './membership_cache.js';
import type { StatusService } from './statuses.js';

/** Repeated typing notices for the same place within this window are not re-broadcast. */
const TYPING_REPEAT_MS = 1_000;
const SWEEP_MAX_MS = 30_000;
/** After a start, clients have this long to reconnect before their leftover "online" is cleared. */
export const RECONCILE_AFTER_MS = 60_000;

/** What this node knows about a user with sockets here. */
interface LocalUser {
  sockets: number;
  lastActivity: number;
  away: boolean;
  offlineTimer?: NodeJS.Timeout;
  typingKey?: string;
  typingAt?: number;
}

/**
 * Automatic presence from WebSocket activity: online while the user has a
 * socket, away after `awayAfterMinutes` without activity, offline a grace
 * period after the last socket closes. A manual status wins (StatusService).
 * Counts are per node; when another node marks a user offline while this one
 * still holds a socket for them, this node puts them back online.
 *
 * Statuses survive a restart (marking everyone offline at shutdown would make
 * every reconnecting client broadcast a change). A single node instead clears,
 * a minute after it starts, the automatic statuses of users who did not come
 * back; in a cluster the other nodes may hold their sockets, so it does not.
 */
export class PresenceService {
  private readonly users = new Map<string, LocalUser>();
  /** Status writes run one after another per user, so a quick online/offline pair lands in order. */
  private readonly writes = new Map<string, Promise<void>>();
  private readonly sweeper: NodeJS.Timeout;
  private readonly reconciler: NodeJS.Timeout | undefined;
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: AppDeps, private readonly statuses: StatusService, private readonly membership: MembershipCache) {
    const awayMs = deps.config.awayAfterMinutes * 60_000;
    this.sweeper = setInterval(guarded('timer', () => this.sweep(awayMs), deps.log), Math.min(SWEEP_MAX_MS, awayMs / 4));
    this.sweeper.unref();
    if (!deps.bus.spansNodes) {
      this.reconciler = setTimeout(guarded('timer', () => this.clearLeftovers(), deps.log), RECONCILE_AFTER_MS);
      this.reconciler.unref();
    }
    this.unsubscribe = deps.bus.subscribe((event) => this.observe(event));
  }

  /** A socket of the user authenticated on this node. */
  connected(userId: string): void {
    const user = this.users.get(userId) ?? { sockets: 0, lastActivity: 0, away: false };
    this.users.set(userId, user);
    clearTimeout(user.offlineTimer);
    user.offlineTimer = undefined;
    const wasIdle = user.sockets === 0 || user.away;
    user.sockets++;
    user.lastActivity = Date.now();
    user.away = false;
    if (wasIdle) void this.setAutomatic(userId, 'online');
  }

  disconnected(userId: string): void {
    const user = this.users.get(userId);
    if (!user || user.sockets === 0) return;
    user.sockets--;
    if (user.sockets > 0) return;
    user.offlineTimer = setTimeout(guarded('timer', () => {
      if (this.users.get(userId) !== user || user.sockets > 0) return;
      this.users.delete(userId);
      void this.setAutomatic(userId, 'offline');
    }, this.deps.log), this.deps.config.offlineGraceMs);
    user.offlineTimer.unref();
  }

  /** The user did something (typed, posted, said they are active): online again if away. */
  activity(userId: string): void {
    const user = this.users.get(userId);
    if (!user) return;
    user.lastActivity = Date.now();
    if (!user.away) return;
    user.away = false;
    void this.setAutomatic(userId, 'online');
  }

  /**
   * `user_update_active_status`: a manual report sets the status outright;
   * an automatic "inactive" only turns into away once the user has really
   * been idle as long as the server requires.
   */
  async reportActive(userId: string, active: boolean, manual: boolean): Promise<void> {
    if (manual) {
      await this.statuses.setManual(userId, active ? 'online' : 'away');
      return;
    }
    if (active) {
      this.activity(userId);
      return;
    }
    const user = this.users.get(userId);
    if (user && !user.away && Date.now() - user.lastActivity >= this.deps.config.awayAfterMinutes * 60_000) {
      user.away = true;
      await this.setAutomatic(userId, 'away');
    }
  }

  /** Tells the channel's other members that the user is typing; only members may. */
  async typing(userId: string, channelId: string, parentId: string): Promise<void> {
    if (!(await this.membership.isChannelMember(channelId, userId))) throw forbidden();
    this.activity(userId);
    const user = this.users.get(userId);
    const key = `${channelId}:${parentId}`;
    const now = Date.now();
    if (user) {
      if (user.typingKey === key && user.typingAt !== undefined && now - user.typingAt < TYPING_REPEAT_MS) return;
      user.typingKey = key;
      user.typingAt = now;
    }
    this.deps.bus.publish(makeEvent('typing', { user_id: userId, parent_id: parentId }, { channel_id: channelId, omit_users: { [userId]: true } }));
  }

  /** Stops the timers and lets pending status writes finish; statuses stay as they are across a restart. */
  async close(): Promise<void> {
    clearInterval(this.sweeper);
    clearTimeout(this.reconciler);
    this.unsubscribe();
    for (const user of this.users.values()) clearTimeout(user.offlineTimer);
    this.users.clear();
    await Promise.all(this.writes.values());
  }

  /** Automatic online/away statuses of users with no socket here are leftovers of a previous run. */
  private async clearLeftovers(): Promise<void> {
    try {
      const leftovers = (await this.statuses.listNotOffline()).filter((s) => !s.manual && !this.users.has(s.user_id));
      await Promise.all(leftovers.map((s) => this.setAutomatic(s.user_id, 'offline')));
    } catch (err) {
      this.logFailure(err);
    }
  }

  private sweep(awayMs: number): void {
    const now = Date.now();
    for (const [userId, user] of this.users) {
      if (user.sockets > 0 && !user.away && now - user.lastActivity >= awayMs) {
        user.away = true;
        void this.setAutomatic(userId, 'away');
      }
    }
  }

  private observe(event: ServerEvent): void {
    if (event.event === 'posted' && event.data.set_online !== false) {
      const author = encodedField(event.data.post, 'user_id');
      if (author) this.activity(author);
    } else if (event.event === 'status_change' && event.data.status === 'offline' && typeof event.data.user_id === 'string') {
      const user = this.users.get(event.data.user_id);
      if (user && user.sockets > 0) void this.setAutomatic(event.data.user_id, user.away ? 'away' : 'online');
    }
  }

  private setAutomatic(userId: string, status: 'online' | 'away' | 'offline'): Promise<void> {
    const previous = this.writes.get(userId) ?? Promise.resolve();
    const next = previous.then(() => this.statuses.setAutomatic(userId, status)).catch((err: unknown) => this.logFailure(err));
    this.writes.set(userId, next);
    void next.then(() => {
      if (this.writes.get(userId) === next) this.writes.delete(userId);
    });
    return next;
  }

  private logFailure(err: unknown): void {
    if (err instanceof AppError) return;
    this.deps.log.warn({ err }, 'presence update failed');
  }
}
