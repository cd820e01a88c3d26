import type { ServerEvent } from '../model/events.js';
import type { AppDeps } from './deps.js';
import { ExpiringMap } from './expiring_map.js';
import { InactiveUsers } from './inactive_users.js';

const MAX_CHANNELS = 20_000;
const MAX_TEAMS = 2_000;
/** Bounds the damage of a missed event (Redis pub/sub is at-most-once). */
const RELOAD_AFTER_MS = 10 * 60_000;

/**
 * Member id sets loaded on demand and kept exact by the membership events
 * on the bus, so every node (not just the one that made the change) stays
 * current. A load racing with a change is used once but not kept.
 */
class MemberSets {
  private readonly sets: ExpiringMap<string, Set<string>>;
  private readonly loading = new Map<string, { promise: Promise<ReadonlySet<string>>; stale: boolean }>();

  constructor(private readonly load: (key: string) => Promise<string[]>, max: number) {
    this.sets = new ExpiringMap(max, RELOAD_AFTER_MS);
  }

  get(key: string): ReadonlySet<string> | Promise<ReadonlySet<string>> {
    const cached = this.sets.get(key);
    if (cached) return cached;
    const pending = this.loading.get(key);
    if (pending) return pending.promise;
    const entry = { stale: false, promise: Promise.resolve<ReadonlySet<string>>(new Set()) };
    entry.promise = this.load(key).then((ids) => {
      const set = new Set(ids);
      if (!entry.stale) {
        this.loading.delete(key);
        this.sets.set(key, set);
      }
      return set;
    }, (err: unknown) => {
      if (!entry.stale) this.loading.delete(key);
      throw err;
    });
    this.loading.set(key, entry);
    return entry.promise;
  }

  add(key: string, userId: string): void {
    this.sets.get(key)?.add(userId);
    this.forgetLoad(key);
  }

  remove(key: string, userId: string): void {
    this.sets.get(key)?.delete(userId);
    this.forgetLoad(key);
  }

  invalidate(key: string): void {
    this.sets.delete(key);
    this.forgetLoad(key);
  }

  private forgetLoad(key: string): void {
    const pending = this.loading.get(key);
    if (!pending) return;
    pending.stale = true;
    this.loading.delete(key);
  }
}

/** Who belongs to a channel or a team, for event fan-out and cheap membership checks. */
export class MembershipCache {
  private readonly channels: MemberSets;
  private readonly teams: MemberSets;
  private readonly inactiveUsers: InactiveUsers;

  constructor(deps: AppDeps) {
    this.inactiveUsers = new InactiveUsers(deps);
    this.channels = new MemberSets((id) => deps.store.channels.listMemberIds(id), MAX_CHANNELS);
    this.teams = new MemberSets((id) => deps.store.teams.listMemberIds(id), MAX_TEAMS);
    deps.bus.subscribe((event) => this.observe(event));
  }

  /** The set itself when cached (no await needed on the hot path), else its load. */
  channelMembers(channelId: string): ReadonlySet<string> | Promise<ReadonlySet<string>> {
    return this.channels.get(channelId);
  }

  teamMembers(teamId: string): ReadonlySet<string> | Promise<ReadonlySet<string>> {
    return this.teams.get(teamId);
  }

  async isChannelMember(channelId: string, userId: string): Promise<boolean> {
    return (await this.channels.get(channelId)).has(userId);
  }

  /** Members who are not deactivated, as Mattermost counts them (channel stats, member counts). */
  async activeChannelMemberCount(channelId: string): Promise<number> {
    const [members, inactive] = await Promise.all([this.channels.get(channelId), this.inactiveUsers.current()]);
    const [smaller, larger] = members.size <= inactive.size ? [members, inactive] : [inactive, members];
    let inactiveMembers = 0;
    for (const id of smaller) if (larger.has(id)) inactiveMembers++;
    return members.size - inactiveMembers;
  }

  private observe({ event, data, broadcast }: ServerEvent): void {
    const userId = typeof data.user_id === 'string' ? data.user_id : '';
    switch (event) {
      case 'user_added':
        if (broadcast.channel_id && userId) this.channels.add(broadcast.channel_id, userId);
        break;
      case 'user_removed':
        // Two copies: to the channel {user_id}, and to the removed user {channel_id}.
        if (broadcast.channel_id && userId) this.channels.remove(broadcast.channel_id, userId);
        if (broadcast.user_id && typeof data.channel_id === 'string') this.channels.remove(data.channel_id, broadcast.user_id);
        break;
      case 'channel_created':
        if (typeof data.channel_id === 'string') this.channels.invalidate(data.channel_id);
        break;
      case 'direct_added':
      case 'group_added':
        if (broadcast.channel_id) this.channels.invalidate(broadcast.channel_id);
        break;
      case 'added_to_team':
        if (typeof data.team_id === 'string' && userId) this.teams.add(data.team_id, userId);
        break;
      case 'leave_team':
        if (typeof data.team_id === 'string' && userId) this.teams.remove(data.team_id, userId);
        break;
    }
  }
}
