import type { SessionRecord } from '../model/types.js';

export interface SessionStore {
  create(session: SessionRecord): Promise<void>;
  getByToken(token: string): Promise<SessionRecord | undefined>;
  get(id: string): Promise<SessionRecord | undefined>;
  listForUser(userId: string): Promise<SessionRecord[]>;
  remove(id: string): Promise<void>;
  /** Removes the user's sessions, but the one with id `exceptId` if given, and says which it removed. */
  removeAllForUser(userId: string, exceptId?: string): Promise<Pick<SessionRecord, 'id' | 'token'>[]>;
  /** Removes the user's sessions beyond the `keep` most recently active, and says which it removed. */
  removeBeyond(userId: string, keep: number): Promise<Pick<SessionRecord, 'id' | 'token'>[]>;
  touch(id: string, lastActivityAt: number): Promise<void>;
  setRolesForUser(userId: string, roles: string): Promise<void>;
}
