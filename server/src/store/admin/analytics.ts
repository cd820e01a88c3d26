/** Which users a count takes: every filter given must hold (a list matches any of its roles). */
export interface UserCountFilter {
  includeDeleted: boolean;
  includeBots: boolean;
  teamId?: string;
  channelId?: string;
  /** System roles; `system_user` means users with no other system role, as upstream counts them. */
  roles?: readonly string[];
  /** team_user, team_admin, team_guest: the membership's scheme role in `teamId`. */
  teamRoles?: readonly string[];
  /** channel_user, channel_admin, channel_guest: the membership's scheme role in `channelId`. */
  channelRoles?: readonly string[];
}

/** A count for one UTC day, the day given as whole days since the epoch. */
export interface DayCount {
  day: number;
  count: number;
}

/** Posts created in [from, to] (ms), optionally only in one team's channels. */
export interface DayRange {
  from: number;
  to: number;
  teamId?: string;
}

/** The counts behind the system console's statistics. None reads every post except `postsWithExtras`. */
export interface AnalyticsStore {
  /** Live (not archived) public and private channels, of one team or all. */
  channelCounts(teamId?: string): Promise<{ open: number; private: number }>;
  /** Every post ever created (deleted ones too, as upstream counts them), from the channels' running totals. */
  postCount(teamId?: string): Promise<number>;
  /** Posts with hashtags and posts with files: a scan of the posts table, for callers that cache it. */
  postsWithExtras(teamId?: string): Promise<{ withHashtags: number; withFiles: number }>;
  countUsers(filter: UserCountFilter): Promise<number>;
  /** Deactivated users. */
  inactiveUserCount(): Promise<number>;
  /** Active, non-bot users whose last activity is after `since` (ms). */
  activeUserCount(since: number): Promise<number>;
  /** Live teams. */
  teamCount(): Promise<number>;
  /** Sessions not yet expired at `now`. */
  sessionCount(now: number): Promise<number>;
  postCountsByDay(range: DayRange): Promise<DayCount[]>;
  /** Posts by bot accounts per day. */
  botPostCountsByDay(range: DayRange): Promise<DayCount[]>;
  /** Distinct authors per day. */
  userCountsWithPostsByDay(range: DayRange): Promise<DayCount[]>;
  /** Open connections to the database server (all nodes on PostgreSQL; SQLite has its one). */
  databaseConnections(): Promise<number>;
}
