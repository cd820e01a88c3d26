import type { EventBus } from '../cluster/bus.js';
import { encodedField, type ServerEvent } from '../model/events.js';
import type { Store } from '../store/store.js';
import type { TeamMemberRecord } from '../store/teams.js';
import { ExpiringMap } from './expiring_map.js';

/** Two teams for each of 20,000 users, at about 200 bytes a record. */
const MAX_ENTRIES = 50_000;
/** Bounds the damage of a missed event (Redis pub/sub is at-most-once), as the posting contexts do. */
const RELOAD_AFTER_MS = 30_000;

const keyOf = (teamId: string, userId: string): string => `${teamId}:${userId}`;

/** The team and/or user whose cached memberships an event may have made wrong; a field left out matches all. */
function affected(event: ServerEvent): { teamId?: string; userId?: string } | undefined {
  const { data, broadcast } = event;
  const dataString = (key: string): string | undefined => (typeof data[key] === 'string' ? data[key] : undefined);
  switch (event.event) {
    case 'added_to_team':
    case 'leave_team':
      return { teamId: dataString('team_id'), userId: dataString('user_id') ?? broadcast.user_id };
    case 'memberrole_updated':
      return { teamId: encodedField(data.member, 'team_id'), userId: broadcast.user_id };
    case 'delete_team':
      return { teamId: encodedField(data.team, 'id') };
    case 'user_updated': {
      // Deactivation, guest and role changes: the user's memberships are read again.
      const user = data.user as { id?: unknown } | undefined;
      return typeof user?.id === 'string' ? { userId: user.id } : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * Team memberships as permission checks read them, cached per (team, user) and kept current by the bus on every
 * node: a client's first load checks the same membership about seven times (its teams, each team's channels and
 * channel members, threads), one statement each. Only live memberships are kept, so a non-member is read every
 * time; a load that overlaps an invalidation is used once but not kept. Writes read the store, never this.
 */
export class TeamMemberships {
  private readonly members = new ExpiringMap<string, TeamMemberRecord>(MAX_ENTRIES, RELOAD_AFTER_MS);

  constructor(private readonly store: Store, bus: EventBus) {
    bus.subscribe((event) => this.observe(event));
  }

  async get(teamId: string, userId: string): Promise<TeamMemberRecord | undefined> {
    const key = keyOf(teamId, userId);
    const cached = this.members.get(key);
    if (cached) return cached;
    const version = this.members.version;
    const member = await this.store.teams.getMember(teamId, userId);
    if (member && member.delete_at === 0) this.members.setUnlessDeletedSince(version, key, member);
    return member;
  }

  private observe(event: ServerEvent): void {
    const target = affected(event);
    if (!target) return;
    const { teamId, userId } = target;
    // A join or leave names its one entry: a bulk join of thousands must not scan the whole cache for each.
    if (teamId !== undefined && userId !== undefined) this.members.delete(keyOf(teamId, userId));
    else this.members.deleteWhere((member) => (teamId === undefined || member.team_id === teamId) && (userId === undefined || member.user_id === userId));
  }
}
