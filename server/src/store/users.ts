import type { UserRecord } from '../model/types.js';

export interface UserListFilter {
  inTeam?: string;
  notInTeam?: string;
  inChannel?: string;
  notInChannel?: string;
  /** Only active (not deactivated) users. */
  active?: boolean;
  inactive?: boolean;
  role?: string;
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
  limit: number;
}

export interface UserStore {
  create(user: UserRecord): Promise<void>;
  get(id: string): Promise<UserRecord | undefined>;
  getMany(ids: readonly string[]): Promise<UserRecord[]>;
  getByUsername(username: string): Promise<UserRecord | undefined>;
  getByUsernames(usernames: readonly string[]): Promise<UserRecord[]>;
  getByEmail(email: string): Promise<UserRecord | undefined>;
  update(user: UserRecord): Promise<void>;
  count(): Promise<number>;
  list(filter: UserListFilter): Promise<UserRecord[]>;
  search(query: UserSearch): Promise<UserRecord[]>;
}
