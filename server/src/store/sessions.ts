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
  /** Gives the session a mobile device id (or '' for none); any other session holding that device loses it. */
  attachDevice(sessionId: string, deviceId: string): Promise<void>;
  /** The unexpired sessions of these users that have a device to push to. */
  listWithDevice(userIds: readonly string[], now: number): Promise<SessionRecord[]>;
  /**
   * The members of the channel with an unexpired session that has a device to push to, and who want a push for
   * every post there: their channel `push` prop is 'all', or it is default and their own `push` is 'all'.
   */
  memberIdsPushedEveryPost(channelId: string, now: number): Promise<string[]>;
}
