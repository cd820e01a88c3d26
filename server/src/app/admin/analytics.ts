import type { DayCount } from '../../store/admin/analytics.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { ExpiringMap } from '../expiring_map.js';
import type { Permissions } from '../permissions.js';
import { requireAnySystem } from './system_permission.js';

const DAY_MS = 86_400_000;
const MONTH_MS = 31 * DAY_MS;
/** Reports the console may ask for, by upstream's names. */
export const ANALYTICS_NAMES = ['standard', 'post_counts_day', 'bot_post_counts_day', 'user_counts_with_posts_day', 'extra_counts'] as const;
export type AnalyticsName = (typeof ANALYTICS_NAMES)[number];

/** One figure of a report: upstream's AnalyticsRow. */
export interface AnalyticsRow {
  name: string;
  value: number;
}

/**
 * Counts that read many posts are kept a while: a day's counts once the day is over (only an import could change
 * them), the hashtag and file counts for a minute.
 */
const DAYS_CACHE_MS = 10 * 60_000;
const EXTRA_CACHE_MS = 60_000;

/** `YYYY-MM-DD` of a day counted from the epoch (UTC). */
const dayName = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The system console's statistics (GET /analytics/old), in upstream's shape. */
export class AnalyticsService {
  private readonly days = new ExpiringMap<string, AnalyticsRow[]>(512, DAYS_CACHE_MS);
  private readonly extras = new ExpiringMap<string, AnalyticsRow[]>(512, EXTRA_CACHE_MS);
  private countSockets: () => number = () => 0;

  constructor(private readonly deps: AppDeps, private readonly permissions: Permissions) {}

  /** The WebSocket layer's count of this node's open sockets (set by the composition root, which owns both). */
  setSocketCounter(count: () => number): void {
    this.countSockets = count;
  }

  async report(actor: Actor, name: AnalyticsName, teamId?: string): Promise<AnalyticsRow[]> {
    requireAnySystem(this.permissions, actor, ['get_analytics', 'manage_system']);
    switch (name) {
      case 'standard':
        return this.standard(teamId);
      case 'extra_counts':
        return this.cached(this.extras, `${name}:${teamId ?? ''}`, () => this.extra(teamId));
      case 'post_counts_day':
      case 'bot_post_counts_day':
      case 'user_counts_with_posts_day': {
        const range = lastMonthBeforeToday(Date.now());
        return this.cached(this.days, `${name}:${teamId ?? ''}:${range.from}`, async () => {
          const store = this.deps.store.analytics;
          const byDay = { ...range, teamId };
          const counts = name === 'post_counts_day' ? await store.postCountsByDay(byDay)
            : name === 'bot_post_counts_day' ? await store.botPostCountsByDay(byDay)
              : await store.userCountsWithPostsByDay(byDay);
          return newestDaysFirst(counts);
        });
      }
    }
  }

  private async cached(cache: ExpiringMap<string, AnalyticsRow[]>, key: string, load: () => Promise<AnalyticsRow[]>): Promise<AnalyticsRow[]> {
    const hit = cache.get(key);
    if (hit) return hit;
    const rows = await load();
    cache.set(key, rows);
    return rows;
  }

  /** Upstream's eleven figures, in its order; a team's report counts its members and leaves the inactive count at -1. */
  private async standard(teamId?: string): Promise<AnalyticsRow[]> {
    const store = this.deps.store.analytics;
    const now = Date.now();
    const [channels, posts, users, inactive, teams, daily, monthly, connections] = await Promise.all([
      store.channelCounts(teamId), store.postCount(teamId),
      store.countUsers({ includeDeleted: false, includeBots: false, teamId }),
      teamId ? Promise.resolve(-1) : store.inactiveUserCount(), store.teamCount(),
      store.activeUserCount(now - DAY_MS), store.activeUserCount(now - MONTH_MS), store.databaseConnections(),
    ]);
    return [
      { name: 'channel_open_count', value: channels.open },
      { name: 'channel_private_count', value: channels.private },
      { name: 'post_count', value: posts },
      { name: 'unique_user_count', value: users },
      { name: 'team_count', value: teams },
      { name: 'total_websocket_connections', value: this.countSockets() },
      { name: 'total_master_db_connections', value: connections },
      { name: 'total_read_db_connections', value: 0 },
      { name: 'daily_active_users', value: daily },
      { name: 'monthly_active_users', value: monthly },
      { name: 'inactive_user_count', value: inactive },
    ];
  }

  /** Slash commands are not counted yet: their count is 0. */
  private async extra(teamId?: string): Promise<AnalyticsRow[]> {
    const store = this.deps.store.analytics;
    const webhooks = this.deps.store.webhooks;
    const [posts, sessions, incomingHooks, outgoingHooks] = await Promise.all([
      store.postsWithExtras(teamId), store.sessionCount(Date.now()), webhooks.countIncoming({ teamId }), webhooks.countOutgoing({ teamId }),
    ]);
    return [
      { name: 'file_post_count', value: posts.withFiles },
      { name: 'hashtag_post_count', value: posts.withHashtags },
      { name: 'incoming_webhook_count', value: incomingHooks },
      { name: 'outgoing_webhook_count', value: outgoingHooks },
      { name: 'command_count', value: 0 },
      { name: 'session_count', value: sessions },
    ];
  }
}

/**
 * The days upstream's daily charts cover: from the start of the day 32 days before today to the end of yesterday
 * (UTC); today is left out until it is over.
 */
export function lastMonthBeforeToday(now: number): { from: number; to: number } {
  const today = Math.floor(now / DAY_MS);
  return { from: (today - 32) * DAY_MS, to: today * DAY_MS - 1 };
}

/** Days with posts, newest first, at most 30 (upstream's order and limit). */
function newestDaysFirst(counts: readonly DayCount[]): AnalyticsRow[] {
  return [...counts].sort((a, b) => b.day - a.day).slice(0, 30).map((c) => ({ name: dayName(c.day), value: c.count }));
}
