import type { UserRecord } from '../../model/types.js';

/** The columns the console's user list sorts by: upstream's UserReportSortColumns, as users table columns. */
export type UserReportSortColumn = 'create_at' | 'username' | 'first_name' | 'last_name' | 'nickname' | 'email' | 'roles';

/** Which users a report takes (bots never): every filter given must hold. */
export interface UserReportFilter {
  /** A system role the user holds (`system_user`: no other system role, as Parley's other user filters read it). */
  role?: string;
  /** Active members of this team. */
  teamId?: string;
  /** Users with no active team membership; wins over `teamId`, as upstream. */
  hasNoTeam: boolean;
  /** Only deactivated users. */
  onlyInactive: boolean;
  /** Only active users. */
  onlyActive: boolean;
  /** Whitespace-separated words, each a case-insensitive prefix of username, names, nickname or email. */
  searchTerm?: string;
}

/** Where a page starts: the sort value and id of the row next to it (keyset paging, ties broken by id). */
export interface UserReportCursor {
  value: string | number;
  id: string;
}

export interface UserReportPageQuery {
  filter: UserReportFilter;
  sortColumn: UserReportSortColumn;
  descending: boolean;
  /** `prev`: the page before the cursor, still returned in the sort order. */
  direction: 'next' | 'prev';
  cursor?: UserReportCursor;
  limit: number;
}

/** A user with when their status last changed (absent without a status). */
export interface UserReportRow {
  user: UserRecord;
  lastStatusAt?: number;
}

/** Posts in a time range, `to` exclusive; 0 leaves that side open. */
export interface PostStatsRange {
  from: number;
  to: number;
}

/** One author's live, non-system posts in a range. */
export interface UserPostStats {
  userId: string;
  lastPostAt: number;
  /** Distinct UTC days with a post. */
  daysActive: number;
  totalPosts: number;
}

/** The console's user list ("reports/users"): keyset pages over every non-bot user and their post statistics. */
export interface UserReportStore {
  page(query: UserReportPageQuery): Promise<UserReportRow[]>;
  count(filter: UserReportFilter): Promise<number>;
  /** Statistics of these users only (a page's), in one grouped query; users without posts are left out. */
  postStats(userIds: readonly string[], range: PostStatsRange): Promise<UserPostStats[]>;
}
