import { createHash } from 'node:crypto';
import type { UserAccessToken } from '@mattermost/types/users';
import { AppError, badBodyParam, forbidden } from '../../model/errors.js';
import { sessionsRevoked } from '../../model/events.js';
import { newId } from '../../model/id.js';
import type { SessionRecord, UserRecord } from '../../model/types.js';
import type { AccessTokenRecord } from '../../store/integrations/access_tokens.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import type { Permissions } from '../permissions.js';
import { isOAuthSession, type TokenSessions } from '../sessions.js';
import type { UserService } from '../users.js';
import type { BotService } from './bots.js';

/** Mattermost's session props for a token session. */
export const TOKEN_SESSION_TYPE = 'UserAccessToken';
/** Upstream's SessionUserAccessTokenExpiryHours: token sessions do not expire; revoking the token ends them. */
const TOKEN_SESSION_MS = 100 * 365 * 24 * 3_600_000;
const MAX_DESCRIPTION = 255;
const SEARCH_LIMIT = 1000;

const disabled = (): AppError => new AppError('app.user_access_token.disabled', 'Personal access tokens are disabled on this server.', 501);
const tokenNotFound = (): AppError => new AppError('app.user_access_token.get_by_user.app_error', 'Unable to find the personal access token.', 404);

/** Tokens are kept as their SHA-256 only: the database alone never yields a usable token. */
const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

/** A token as listed: never its secret. */
const present = (t: AccessTokenRecord): UserAccessToken => ({ id: t.id, user_id: t.user_id, description: t.description, is_active: t.is_active });

/**
 * Personal access tokens (Mattermost's UserAccessTokens): a user (or a bot's manager) makes one, it authenticates
 * like a session token (`Authorization: Bearer`, `access_token=`, the WebSocket challenge) through a session made on
 * its first use on each node, and revoking or disabling it ends that session on every node at once (the session's id
 * is the token's, so `sessionsRevoked` names it). ServiceSettings.EnableUserAccessTokens governs users' tokens;
 * bots' tokens work whatever it says, as upstream.
 */
export class AccessTokenService implements TokenSessions {
  private wasEnabled: boolean;

  constructor(private readonly deps: AppDeps, private readonly permissions: Permissions, private readonly users: UserService, private readonly bots: BotService) {
    this.wasEnabled = this.enabled();
    // Turning the setting off ends users' token sessions and sockets; every node sees the change and says so (the
    // revocation is idempotent), so none depends on another having done it.
    deps.liveConfig.onChange(() => {
      const enabled = this.enabled();
      if (this.wasEnabled && !enabled) void this.endHumanTokenSessions().catch((err: unknown) => deps.log.error({ err }, 'ending access token sessions failed'));
      this.wasEnabled = enabled;
    });
  }

  async create(actor: Actor, userId: string, description: string): Promise<UserAccessToken & { token: string }> {
    const trimmed = description.trim();
    if (!trimmed || [...trimmed].length > MAX_DESCRIPTION) throw badBodyParam('description');
    const user = await this.users.get(userId);
    this.requireEnabledFor(user);
    this.permissions.requireSystem(actor, 'create_user_access_token');
    // A client app holding the user's session must not mint itself a token that outlives the user's approval.
    if (isOAuthSession(actor.session)) throw forbidden();
    await this.requireUserOrBot(actor, user.id);
    const token = newId();
    const record: AccessTokenRecord = { id: newId(), token: tokenHash(token), user_id: user.id, description: trimmed, is_active: true };
    await this.deps.store.accessTokens.create(record);
    return { ...present(record), token };
  }

  async listForUser(actor: Actor, userId: string, page: number, perPage: number): Promise<UserAccessToken[]> {
    const user = await this.users.get(userId);
    this.requireEnabledFor(user);
    this.permissions.requireSystem(actor, 'read_user_access_token');
    await this.requireUserOrBot(actor, user.id);
    return (await this.deps.store.accessTokens.listForUser(user.id, page * perPage, perPage)).map(present);
  }

  async listAll(actor: Actor, page: number, perPage: number): Promise<UserAccessToken[]> {
    this.requireEnabledFor(undefined);
    this.permissions.requireSystem(actor, 'manage_system');
    return (await this.deps.store.accessTokens.listAll(page * perPage, perPage)).map(present);
  }

  async search(actor: Actor, term: string): Promise<UserAccessToken[]> {
    this.requireEnabledFor(undefined);
    this.permissions.requireSystem(actor, 'manage_system');
    if (!term.trim()) throw badBodyParam('term');
    return (await this.deps.store.accessTokens.search(term.trim(), SEARCH_LIMIT)).map(present);
  }

  async get(actor: Actor, tokenId: string): Promise<UserAccessToken> {
    return present(await this.readable(actor, tokenId, 'read_user_access_token'));
  }

  /** Deletes the token; its session ends on every node, and the sockets it opened close. */
  async revoke(actor: Actor, tokenId: string): Promise<void> {
    const token = await this.readable(actor, tokenId, 'revoke_user_access_token');
    await this.deps.store.accessTokens.remove(token.id);
    this.ended(token);
  }

  async disable(actor: Actor, tokenId: string): Promise<void> {
    const token = await this.readable(actor, tokenId, 'revoke_user_access_token');
    await this.deps.store.accessTokens.setActive(token.id, false);
    this.ended(token);
  }

  /** Upstream has no permission of its own for this: creating tokens allows it. */
  async enable(actor: Actor, tokenId: string): Promise<void> {
    const token = await this.readable(actor, tokenId, 'create_user_access_token');
    await this.deps.store.accessTokens.setActive(token.id, true);
  }

  /** The session a presented token stands for: only an active token of an active user (and not a user's while tokens are off). */
  async open(token: string): Promise<SessionRecord | undefined> {
    const record = await this.deps.store.accessTokens.getByTokenHash(tokenHash(token));
    if (!record?.is_active) return undefined;
    const user = await this.deps.store.users.get(record.user_id);
    if (!user || user.delete_at > 0 || (!user.is_bot && !this.enabled())) return undefined;
    const now = Date.now();
    return {
      id: record.id, token, create_at: now, expires_at: now + TOKEN_SESSION_MS, last_activity_at: now, user_id: user.id,
      device_id: '', roles: user.roles, csrf_token: newId(),
      props: { type: TOKEN_SESSION_TYPE, user_access_token_id: record.id, is_bot: String(user.is_bot), is_guest: 'false' },
    };
  }

  usable(session: SessionRecord): boolean {
    return session.props.type !== TOKEN_SESSION_TYPE || session.props.is_bot === 'true' || this.enabled();
  }

  private enabled(): boolean {
    return this.deps.liveConfig.document.ServiceSettings.EnableUserAccessTokens === true;
  }

  /** Upstream answers 501 while tokens are off, except for a bot's tokens. */
  private requireEnabledFor(user: Pick<UserRecord, 'is_bot'> | undefined): void {
    if (!this.enabled() && !user?.is_bot) throw disabled();
  }

  /** The token, if the caller holds `permission` and the token is theirs or a bot's they manage (or they edit others). */
  private async readable(actor: Actor, tokenId: string, permission: string): Promise<AccessTokenRecord> {
    const token = await this.deps.store.accessTokens.get(tokenId);
    const owner = token && await this.deps.store.users.get(token.user_id);
    this.requireEnabledFor(owner);
    this.permissions.requireSystem(actor, permission);
    if (!token) throw tokenNotFound();
    await this.requireUserOrBot(actor, token.user_id);
    return token;
  }

  /** Upstream's SessionHasPermissionToUserOrBot: the user themselves, someone who edits other users, or the bot's manager. */
  private async requireUserOrBot(actor: Actor, userId: string): Promise<void> {
    if (actor.userId === userId || this.permissions.hasSystem(actor, 'edit_other_users')) return;
    if (!(await this.bots.manages(actor, userId))) throw forbidden();
  }

  private ended(token: Pick<AccessTokenRecord, 'id' | 'user_id'>): void {
    this.deps.bus.publish(sessionsRevoked(token.user_id, [token.id]));
  }

  private async endHumanTokenSessions(): Promise<void> {
    const byUser = new Map<string, string[]>();
    for (const t of await this.deps.store.accessTokens.listActiveOfHumans()) {
      const ids = byUser.get(t.user_id);
      if (ids) ids.push(t.id);
      else byUser.set(t.user_id, [t.id]);
    }
    for (const [userId, ids] of byUser) this.deps.bus.publish(sessionsRevoked(userId, ids));
  }
}
