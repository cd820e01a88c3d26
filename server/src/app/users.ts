import type { Config } from '../config/schema.js';
import { AppError, notFound } from '../model/errors.js';
import { makeEvent } from '../model/events.js';
import type { UserNotifyProps, UserProfile, UserRecord } from '../model/types.js';
import type { UserListFilter } from '../store/users.js';
import { isSystemAdmin, type Actor } from './actor.js';
import type { AppDeps } from './deps.js';
import { accountLocked, hashPassword, PasswordChecker } from './passwords.js';
import { roleList, type Permissions } from './permissions.js';
import type { SessionService } from './sessions.js';
import { requireAnySystem } from './admin/system_permission.js';
import { invalid, newUserRecord, type PasswordPolicy, validateEmail, validateNames, validatePassword, validateUsername } from './user_fields.js';

export { isEmailAddress } from './user_fields.js';

export interface SignupInput {
  email: string;
  username: string;
  password: string;
  first_name?: string;
  last_name?: string;
  nickname?: string;
  position?: string;
  locale?: string;
}

/** How a sign-up differs from an ordinary one. */
export interface SignupOptions {
  /**
   * Signing up through an email invitation: allowed even when the server is not open. Called once the account's
   * details passed their checks, it takes the invitation (or throws why it cannot) and names the invited address,
   * which the account has verified if it signs up with it.
   */
  invitation?: () => Promise<{ invitedEmail: string }>;
}

/** What other services do when accounts change (the email verification service mails links). */
export interface AccountHooks {
  /** A new account was created. */
  onCreated(user: UserRecord): void;
  /** An account's email address changed (and is not verified any more). */
  onEmailChanged(user: UserRecord): void;
}

export interface UserPatch {
  username?: string;
  email?: string;
  first_name?: string;
  last_name?: string;
  nickname?: string;
  position?: string;
  locale?: string;
  props?: Record<string, string>;
  notify_props?: Partial<UserNotifyProps>;
  timezone?: Record<string, string>;
}

/** Who looks at profiles: a user (or '' for no one in particular), and whether a system admin. */
export interface ProfileViewer {
  userId: string;
  admin: boolean;
}

/** The privacy settings that decide what of other users' profiles a viewer sees. */
export type PrivacySettings = Pick<Config, 'showEmailAddress' | 'showFullName'>;

/**
 * Whether `viewer` sees other users' email and full names (users always see their own). Profiles are blanked and
 * searches matched by the same answer, so a hidden field can neither be read nor spelled out a prefix at a time.
 */
export function seesOthers(viewer: ProfileViewer, privacy: PrivacySettings): { email: boolean; fullName: boolean } {
  return { email: viewer.admin || privacy.showEmailAddress, fullName: viewer.admin || privacy.showFullName };
}

/**
 * The profile as `viewer` may see it: never secrets (nor the failed-attempt count, nor when the password last
 * changed, to anyone but its user); email, full name, sign-in method and notify props only where allowed.
 */
export function sanitizeUser(user: UserRecord, viewer: ProfileViewer, privacy: PrivacySettings): UserProfile {
  const { password: _password, failed_attempts: _failedAttempts, email_verified, ...profile } = user;
  const out = { ...profile, email_verified } as UserProfile & { email_verified: boolean };
  if (viewer.userId === user.id) return out;
  // When someone last changed their password is theirs alone (upstream clears it for every other viewer, admins too).
  out.last_password_update = 0;
  const sees = seesOthers(viewer, privacy);
  if (!sees.email) out.email = '';
  if (!sees.fullName) {
    out.first_name = '';
    out.last_name = '';
  }
  if (!viewer.admin) {
    out.auth_service = '';
    out.auth_data = '';
    delete (out as Partial<UserProfile>).notify_props;
  }
  return out;
}

export class UserService {
  private roleExists: (name: string) => boolean = () => false;
  private activeHook?: (user: UserRecord, active: boolean) => Promise<void>;
  private accountHooks?: AccountHooks;
  private readonly passwords: PasswordChecker;
  private accountsExist = false;

  constructor(
    private readonly deps: AppDeps,
    private readonly sessions: SessionService,
    private readonly permissions: Permissions,
  ) {
    this.passwords = new PasswordChecker(deps);
  }

  /** Wires in what happens when accounts are created or change their address. */
  setAccountHooks(hooks: AccountHooks): void {
    this.accountHooks = hooks;
  }

  /**
   * Mattermost's client config `NoAccounts`: whether the next sign-up would be the first account (and so the
   * administrator). Once an account exists the answer is remembered, so later calls read nothing.
   */
  async noAccounts(): Promise<boolean> {
    if (this.accountsExist) return false;
    this.accountsExist = (await this.deps.store.users.count()) > 0;
    return !this.accountsExist;
  }

  async signup(input: SignupInput, actor?: Actor, options: SignupOptions = {}): Promise<UserRecord> {
    const { config, store } = this.deps;
    const byAdmin = actor !== undefined && isSystemAdmin(actor);
    if (!config.enableUserCreation && !byAdmin) {
      throw new AppError('api.user.create_user.signup_email_disabled.app_error', 'User sign-up is disabled.', 403);
    }
    const username = (input.username ?? '').trim().toLowerCase();
    const email = (input.email ?? '').trim().toLowerCase();
    validateUsername(username);
    validateEmail(email);
    this.checkPasswordPolicy(input.password ?? '');
    validateNames(input);
    if (await store.users.getByUsername(username)) {
      throw new AppError('app.user.save.username_exists.app_error', 'An account with that username already exists.', 400);
    }
    if (await store.users.getByEmail(email)) {
      throw new AppError('app.user.save.email_exists.app_error', 'An account with that email already exists.', 400);
    }
    const first = (await store.users.count()) === 0;
    if (!first && !config.enableOpenServer && !byAdmin && !options.invitation) {
      throw new AppError('api.user.create_user.no_open_server', 'This server does not allow open signups.', 403);
    }
    const invited = options.invitation ? await options.invitation() : undefined;
    const user = newUserRecord({
      username, email, email_verified: invited?.invitedEmail === email, password: await hashPassword(input.password),
      nickname: input.nickname ?? '', first_name: input.first_name ?? '', last_name: input.last_name ?? '', position: input.position ?? '',
      roles: first ? 'system_user system_admin' : 'system_user',
      locale: input.locale && /^[a-z]{2}(-[A-Z]{2})?$/.test(input.locale) ? input.locale : 'en',
    });
    await this.createAccount(user);
    return user;
  }

  /**
   * Stores a new account and announces it. A concurrent sign-up may take the name or address between a caller's
   * check and the insert: a 400 then.
   */
  async createAccount(user: UserRecord): Promise<void> {
    try {
      await this.deps.store.users.create(user);
    } catch {
      throw new AppError('app.user.save.existing.app_error', 'An account with that username or email already exists.', 400);
    }
    this.deps.bus.publish(makeEvent('new_user', { user_id: user.id }, {}));
    this.accountHooks?.onCreated(user);
  }



  /** The profile as `actor` may see it. */
  present(viewer: Pick<Actor, 'userId' | 'roles'> | undefined, user: UserRecord): UserProfile {
    return sanitizeUser(user, { userId: viewer?.userId ?? '', admin: viewer?.roles.includes('system_admin') ?? false }, this.deps.config);
  }

  async get(id: string): Promise<UserRecord> {
    const user = await this.deps.store.users.get(id);
    if (!user) throw notFound('user');
    return user;
  }

  async getByUsername(username: string): Promise<UserRecord> {
    const user = await this.deps.store.users.getByUsername(username);
    if (!user) throw notFound('user');
    return user;
  }

  async getByEmail(actor: Actor, email: string): Promise<UserRecord> {
    const user = await this.deps.store.users.getByEmail(email);
    const seesEmail = seesOthers({ userId: actor.userId, admin: isSystemAdmin(actor) }, this.deps.config).email;
    if (!user || (!seesEmail && user.id !== actor.userId)) throw notFound('user');
    return user;
  }

  getMany(ids: readonly string[]): Promise<UserRecord[]> {
    return this.deps.store.users.getMany(ids);
  }

  getByUsernames(names: readonly string[]): Promise<UserRecord[]> {
    return this.deps.store.users.getByUsernames(names);
  }

  /** Team- and channel-scoped listings require the caller to see that team or channel. */
  async list(actor: Actor, filter: UserListFilter): Promise<UserRecord[]> {
    if (filter.inTeam) await this.permissions.requireTeam(actor, filter.inTeam, 'view_team');
    if (filter.notInTeam) await this.permissions.requireTeam(actor, filter.notInTeam, 'view_team');
    for (const channelId of [filter.inChannel, filter.notInChannel]) {
      if (!channelId) continue;
      const channel = await this.deps.store.channels.get(channelId);
      if (!channel) throw notFound('channel');
      await this.permissions.requireReadChannel(actor, channel);
    }
    if (filter.inactive || filter.roles?.length) this.permissions.requireSystem(actor, 'sysconsole_read_user_management_users');
    return this.deps.store.users.list(filter);
  }

  async search(actor: Actor, q: { term: string; teamId?: string; inChannel?: string; notInChannel?: string; allowInactive?: boolean; limit: number }): Promise<UserRecord[]> {
    if (q.teamId) await this.permissions.requireTeam(actor, q.teamId, 'view_team');
    for (const channelId of [q.inChannel, q.notInChannel]) {
      if (!channelId) continue;
      const channel = await this.deps.store.channels.get(channelId);
      if (!channel) throw notFound('channel');
      await this.permissions.requireReadChannel(actor, channel);
    }
    const admin = isSystemAdmin(actor);
    const sees = seesOthers({ userId: actor.userId, admin }, this.deps.config);
    return this.deps.store.users.search({
      term: q.term, inTeam: q.teamId, inChannel: q.inChannel, notInChannel: q.notInChannel,
      allowInactive: q.allowInactive && admin, limit: q.limit, matchEmail: sees.email, matchFullName: sees.fullName,
    });
  }

  private requireSelfOrAdmin(actor: Actor, userId: string): void {
    if (actor.userId !== userId) this.permissions.requireSystem(actor, 'edit_other_users');
  }

  async patch(actor: Actor, userId: string, patch: UserPatch): Promise<UserRecord> {
    this.requireSelfOrAdmin(actor, userId);
    const user = await this.get(userId);
    const next: UserRecord = { ...user, update_at: Date.now() };
    if (patch.username !== undefined && patch.username !== user.username) {
      const username = patch.username.trim().toLowerCase();
      validateUsername(username);
      const taken = await this.deps.store.users.getByUsername(username);
      if (taken && taken.id !== user.id) throw new AppError('app.user.save.username_exists.app_error', 'An account with that username already exists.', 400);
      next.username = username;
    }
    if (patch.email !== undefined && patch.email.toLowerCase() !== user.email) {
      const email = patch.email.trim().toLowerCase();
      validateEmail(email);
      const taken = await this.deps.store.users.getByEmail(email);
      if (taken && taken.id !== user.id) throw new AppError('app.user.save.email_exists.app_error', 'An account with that email already exists.', 400);
      next.email = email;
      next.email_verified = false;
    }
    validateNames(patch);
    for (const field of ['first_name', 'last_name', 'nickname', 'position'] as const) {
      if (patch[field] !== undefined) next[field] = patch[field] as string;
    }
    if (patch.locale !== undefined) {
      if (!/^[a-z]{2}(-[A-Z]{2})?$/.test(patch.locale)) throw invalid('locale', 'Invalid locale.');
      next.locale = patch.locale;
    }
    if (patch.props) next.props = { ...user.props, ...stringValues(patch.props) };
    if (patch.notify_props) next.notify_props = { ...user.notify_props, ...stringValues(patch.notify_props) } as UserNotifyProps;
    if (patch.timezone) next.timezone = { ...user.timezone, ...stringValues(patch.timezone) } as UserRecord['timezone'];
    await this.deps.store.users.update(next);
    this.publishUpdated(next);
    if (next.email !== user.email) this.accountHooks?.onEmailChanged(next);
    return next;
  }

  /** Writes a profile another source changed (a directory, an identity provider): roles reach live sessions, everyone sees the change. */
  async saveProfile(before: UserRecord, next: UserRecord): Promise<void> {
    await this.deps.store.users.update(next);
    if (next.roles !== before.roles) await this.sessions.updateRoles(next.id, next.roles);
    this.publishUpdated(next);
  }

  /**
   * Marks the account's address verified, if it is still `email` (a link sent to an earlier address proves nothing
   * about the current one) and the account is active. Says whether it did.
   */
  async markEmailVerified(userId: string, email: string): Promise<boolean> {
    const user = await this.deps.store.users.get(userId);
    if (!user || user.delete_at > 0 || user.email !== email.toLowerCase()) return false;
    if (user.email_verified) return true;
    const next = { ...user, email_verified: true, update_at: Date.now() };
    await this.deps.store.users.update(next);
    this.publishUpdated(next);
    return true;
  }

  /**
   * Users give their current password (a wrong one counts towards the lockout, as at login); an admin setting
   * another user's password needs none, and unlocks the account. The user's other sessions end, on every node.
   */
  async changePassword(actor: Actor, userId: string, current: string, next: string): Promise<void> {
    this.requireSelfOrAdmin(actor, userId);
    const user = await this.get(userId);
    this.checkPasswordPolicy(next);
    const self = actor.userId === userId;
    if (self) {
      const check = await this.passwords.check(user, current);
      if (check === 'locked') throw accountLocked();
      if (check === 'wrong') throw new AppError('api.user.update_password.incorrect.app_error', 'The "Current Password" you entered is incorrect.', 400);
      await this.deps.store.users.clearFailedAttempts(userId);
    }
    await this.deps.store.users.updatePassword(userId, await hashPassword(next), Date.now());
    if (this.deps.config.terminateSessionsOnPasswordChange) await this.sessions.revokeAllForUser(userId, self ? actor.session.id : undefined);
  }

  /** Refuses a password PasswordSettings do not allow (sign-up, change, reset), before anything is spent on it. */
  checkPasswordPolicy(password: string): void {
    validatePassword(password, this.deps.liveConfig.document.PasswordSettings as PasswordPolicy);
  }

  /**
   * Sets the password of a user who proved to own the account some other way (a reset link): unlocks it, and ends
   * every session of the user on every node (which closes their sockets), whatever terminateSessionsOnPasswordChange.
   */
  async resetPassword(userId: string, next: string): Promise<void> {
    this.checkPasswordPolicy(next);
    await this.deps.store.users.updatePassword(userId, await hashPassword(next), Date.now());
    await this.sessions.revokeAllForUser(userId);
  }

  /** Deactivation ends the user's sessions on every node at once, which closes their sockets. */
  async setActive(actor: Actor, userId: string, active: boolean): Promise<void> {
    // As upstream: users may deactivate themselves; anything else takes the console's user management.
    if (active || actor.userId !== userId) requireAnySystem(this.permissions, actor, ['sysconsole_write_user_management_users', 'manage_system']);
    await this.updateActive(await this.get(userId), active);
  }

  /** setActive for a caller already allowed to (a bot's manager disables it). */
  async updateActive(user: UserRecord, active: boolean): Promise<UserRecord> {
    const now = Date.now();
    const next = { ...user, delete_at: active ? 0 : now, update_at: now };
    await this.deps.store.users.update(next);
    if (!active) await this.sessions.revokeAllForUser(user.id);
    this.publishUpdated(next);
    await this.activeHook?.(next, active);
    return next;
  }

  /** Wires in what follows an account's (de)activation: its bot row, the bots it owns. */
  setActiveHook(hook: (user: UserRecord, active: boolean) => Promise<void>): void {
    this.activeHook = hook;
  }

  /** Wires in the role definitions' lookup (they live with the permission schemes). */
  setRoleLookup(exists: (name: string) => boolean): void {
    this.roleExists = exists;
  }

  async setRoles(actor: Actor, userId: string, roles: string): Promise<void> {
    this.permissions.requireSystem(actor, 'manage_roles');
    const list = roleList(roles);
    // Any system role the role definitions know (system_manager, system_user_manager ...), as upstream; never
    // system_admin alone, which upstream refuses as a likely mistake.
    const known = (name: string) => name.startsWith('system_') && this.roleExists(name);
    if (list.length === 0 || !list.every(known) || (list.length === 1 && list[0] === 'system_admin')) throw invalid('roles', 'Invalid roles.');
    const user = await this.get(userId);
    const next = { ...user, roles: list.join(' '), update_at: Date.now() };
    await this.deps.store.users.update(next);
    await this.sessions.updateRoles(userId, next.roles);
    this.publishUpdated(next);
  }


  /** Everyone gets the profile as others see it; the user's own sockets get theirs whole (email, names and all). */
  publishUpdated(user: UserRecord): void {
    const asOthersSeeIt = sanitizeUser(user, { userId: '', admin: false }, this.deps.config);
    this.deps.bus.publish(makeEvent('user_updated', { user: asOthersSeeIt }, { omit_users: { [user.id]: true } }));
    const asTheySeeIt = sanitizeUser(user, { userId: user.id, admin: false }, this.deps.config);
    this.deps.bus.publish(makeEvent('user_updated', { user: asTheySeeIt }, { user_id: user.id }));
  }
}

function stringValues(record: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(record)) out[k] = typeof v === 'string' ? v : JSON.stringify(v);
  return out;
}
