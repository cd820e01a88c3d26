import type { UserRecord } from '../model/types.js';

export type UserListSort = 'create_at' | 'last_activity_at' | 'admin' | 'status';

export interface UserListFilter {
  inTeam?: string;
  notInTeam?: string;
  inChannel?: string;
  notInChannel?: string;
  /** Only active (not deactivated) users. */
  active?: boolean;
  inactive?: boolean;
  /** Any of these system roles (`system_user`: no other system role). */
  roles?: readonly string[];
  /** With inTeam: any of these team scheme roles (team_user, team_admin, team_guest). */
  teamRoles?: readonly string[];
  /** With inChannel: any of these channel scheme roles. */
  channelRoles?: readonly string[];
  /** Upstream's sorts: newest or most recently active first (in a team), admins or online users first (in a channel). */
  sort?: UserListSort;
  /** Users updated after this time (ms). */
  since?: number;
  offset: number;
  limit: number;
}

export interface UserSearch {
  term: string;
  inTeam?: string;
  inChannel?: string;
  notInChannel?: string;
  allowInactive?: boolean;
  /** Whether email and first/last name are searched: only where the searcher may see them. */
  matchEmail: boolean;
  matchFullName: boolean;
  limit: number;
}

export interface UserStore {
  create(user: UserRecord): Promise<void>;
  get(id: string): Promise<UserRecord | undefined>;
  getMany(ids: readonly string[]): Promise<UserRecord[]>;
  getByUsername(username: string): Promise<UserRecord | undefined>;
  getByUsernames(usernames: readonly string[]): Promise<UserRecord[]>;
  getByEmail(email: string): Promise<UserRecord | undefined>;
  /** The account a directory or identity provider knows as `authData` (never one with no auth data). */
  getByAuth(authService: string, authData: string): Promise<UserRecord | undefined>;
  /** Every account, active or not, that signs in through `authService` (a directory sync walks them). */
  listByAuthService(authService: string): Promise<UserRecord[]>;
  /** Writes the profile; never the failed-attempt count, which only the methods below change. */
  update(user: UserRecord): Promise<void>;
  /** Sets a new password hash and clears the failed-attempt count (an admin's reset unlocks the account). */
  updatePassword(userId: string, passwordHash: string, at: number): Promise<void>;
  /**
   * Counts one failed attempt, atomically, unless the user already has `max`: false then (locked). Callers count
   * before checking the password and clear on success, so concurrent guesses on any node cannot pass the maximum.
   */
  countFailedAttempt(userId: string, max: number): Promise<boolean>;
  clearFailedAttempts(userId: string): Promise<void>;
  /** Takes back one counted attempt that turned out not to be a failure (a client asking whether it needs an MFA code). */
  releaseFailedAttempt(userId: string): Promise<void>;
  count(): Promise<number>;
  /** Ids of deactivated users. */
  listInactiveIds(): Promise<string[]>;
  list(filter: UserListFilter): Promise<UserRecord[]>;
  search(query: UserSearch): Promise<UserRecord[]>;
}
