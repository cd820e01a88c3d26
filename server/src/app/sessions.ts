import { isValidId, newId } from '../model/id.js';
import { sessionExpired } from '../model/errors.js';
import { revokedSessionIds, sessionsRevoked, type ServerEvent } from '../model/events.js';
import type { SessionRecord } from '../model/types.js';
import type { AppDeps } from './deps.js';
import { ExpiringMap } from './expiring_map.js';

/**
 * Mattermost's SessionCacheInMinutes default. The bus keeps cached sessions exact (revocations, role changes), so
 * this only bounds a missed event; shorter, most requests of a user polling every minute would read their session.
 */
const CACHE_MS = 10 * 60_000;
const CACHE_ENTRIES = 50_000;
const TOUCH_EVERY_MS = 5 * 60_000;
/**
 * Sessions one user may hold: far more than their devices, but a bound, since logging in succeeds as often as the
 * password is right and every session is a row, and an entry in the user's session list. Past it the least recently
 * used end.
 */
const MAX_SESSIONS_PER_USER = 200;

/** Sessions for personal access tokens, made on a token's first use on a node (integrations/access_tokens.ts). */
export interface TokenSessions {
  /** The session for a token that is no session's token, if it is an access token that may be used now. */
  open(token: string): Promise<SessionRecord | undefined>;
  /** Whether a cached token session may still be used (the settings may have changed since it was made). */
  usable(session: SessionRecord): boolean;
}

/** The session prop that marks a session opened for an OAuth client (Mattermost's Session.IsOAuth). */
const OAUTH_PROP = 'is_oauth';

/** Props of a session an OAuth client holds for the user who approved it. */
export const OAUTH_SESSION_PROPS: Readonly<Record<string, string>> = { [OAUTH_PROP]: 'true' };

/** Whether a client app holds this session (it may not act as the user would on account security: tokens, approvals). */
export const isOAuthSession = (session: Pick<SessionRecord, 'props'>): boolean => session.props[OAUTH_PROP] === 'true';

/**
 * Session tokens: created at login, resolved on every request (through a
 * short cache so a request costs no session read), revoked at logout.
 */
export class SessionService {
  private readonly cache = new ExpiringMap<string, SessionRecord>(CACHE_ENTRIES, CACHE_MS);
  private tokenSessions?: TokenSessions;

  constructor(private readonly deps: AppDeps) {
    // A session revoked on any node must stop working here too, not when this node's cache entry runs out.
    deps.bus.subscribe((event) => {
      const revoked = new Set(revokedSessionIds(event));
      if (revoked.size > 0) this.cache.deleteWhere((session) => revoked.has(session.id));
      const changed = updatedUser(event);
      if (changed?.deactivated) this.cache.deleteWhere((session) => session.user_id === changed.userId);
      else if (changed) this.setCachedRoles(changed.userId, changed.roles);
    });
  }

  /** Wires in the access tokens, which authenticate like session tokens. */
  setTokenSessions(tokenSessions: TokenSessions): void {
    this.tokenSessions = tokenSessions;
  }

  async create(userId: string, roles: string, deviceId = '', props: Record<string, string> = {}): Promise<SessionRecord> {
    const now = Date.now();
    const session: SessionRecord = {
      id: newId(), token: newId(), create_at: now, last_activity_at: now, user_id: userId, device_id: deviceId, roles,
      expires_at: now + this.deps.config.sessionLengthDays * 86_400_000, csrf_token: newId(), props,
    };
    await this.deps.store.sessions.create(session);
    const ended = await this.deps.store.sessions.removeBeyond(userId, MAX_SESSIONS_PER_USER);
    this.ended(userId, ended);
    return session;
  }

  /** The live session for a token, or a 401. */
  async resolve(token: string): Promise<SessionRecord> {
    // Tokens are ids; anything else (a NUL byte from a cookie, a 4 KB header) is refused without a lookup.
    if (!isValidId(token)) throw sessionExpired();
    const now = Date.now();
    let session = this.cache.get(token);
    if (!session) {
      session = await this.deps.store.sessions.getByToken(token) ?? await this.tokenSessions?.open(token);
      if (!session) throw sessionExpired();
      this.cache.set(session.token, session);
    }
    if (session.expires_at <= now || (this.tokenSessions && !this.tokenSessions.usable(session))) {
      this.forget(session.token);
      throw sessionExpired();
    }
    if (now - session.last_activity_at > TOUCH_EVERY_MS) {
      session.last_activity_at = now;
      await this.deps.store.sessions.touch(session.id, now);
    }
    return session;
  }

  private forget(token: string): void {
    this.cache.delete(token);
  }

  list(userId: string): Promise<SessionRecord[]> {
    return this.deps.store.sessions.listForUser(userId);
  }

  get(id: string): Promise<SessionRecord | undefined> {
    return this.deps.store.sessions.get(id);
  }

  async revoke(session: SessionRecord): Promise<void> {
    await this.deps.store.sessions.remove(session.id);
    this.forget(session.token);
    this.deps.bus.publish(sessionsRevoked(session.user_id, [session.id]));
  }

  /** Ends every session of the user but `keepSessionId` (the caller's own, say), on every node. */
  async revokeAllForUser(userId: string, keepSessionId?: string): Promise<void> {
    this.ended(userId, await this.deps.store.sessions.removeAllForUser(userId, keepSessionId));
  }

  /** Sessions just removed from the store stop working here at once, and on every other node through the bus. */
  private ended(userId: string, sessions: readonly Pick<SessionRecord, 'id' | 'token'>[]): void {
    for (const s of sessions) this.forget(s.token);
    if (sessions.length > 0) this.deps.bus.publish(sessionsRevoked(userId, sessions.map((s) => s.id)));
  }

  /** Role changes must reach cached sessions at once. */
  async updateRoles(userId: string, roles: string): Promise<void> {
    this.setCachedRoles(userId, roles);
    await this.deps.store.sessions.setRolesForUser(userId, roles);
  }

  private setCachedRoles(userId: string, roles: string): void {
    for (const session of this.cache.values()) {
      if (session.user_id === userId) session.roles = roles;
    }
  }
}

/**
 * A user's roles from `user_updated` (other nodes' role changes reach cached sessions through it), and whether the
 * user is deactivated (their access-token sessions, which no session row backs, must go too); its copy for the user
 * alone is enough.
 */
function updatedUser(event: ServerEvent): { userId: string; roles: string; deactivated: boolean } | undefined {
  if (event.event !== 'user_updated' || !event.broadcast.user_id) return undefined;
  const user = event.data.user as { id?: unknown; roles?: unknown; delete_at?: unknown } | undefined;
  if (typeof user?.id !== 'string' || typeof user.roles !== 'string') return undefined;
  return { userId: user.id, roles: user.roles, deactivated: typeof user.delete_at === 'number' && user.delete_at > 0 };
}
