import { randomBytes } from 'node:crypto';
import { AppError } from '../../model/errors.js';
import type { UserRecord } from '../../model/types.js';
import type { AuditService } from '../admin/audit.js';
import type { AppDeps } from '../deps.js';
import { isEmailAddress, isValidUsername, newUserRecord } from '../user_fields.js';
import type { UserService } from '../users.js';
import type { LoginResult, SignInService } from './sign_in.js';

/** Sign-in methods besides the password, by Mattermost's auth_service names. */
export type ExternalService = 'ldap' | 'saml' | 'gitlab' | 'google' | 'office365' | 'openid';

/** Who a directory or identity provider says signed in, in Parley's terms. */
export interface ExternalProfile {
  service: ExternalService;
  /** The person's stable id there (LDAP IdAttribute, SAML IdAttribute, the OIDC `sub`): never their email. */
  authData: string;
  email: string;
  /**
   * Whether the provider vouches for the address: an OIDC `email_verified` claim; an organisation's own directory or
   * SAML IdP does. Only then may an existing password account with that address be linked.
   */
  emailVerified: boolean;
  /** The username wanted (made valid and unique when the account is created). */
  username?: string;
  firstName?: string;
  lastName?: string;
  nickname?: string;
  position?: string;
  locale?: string;
  /** Whether the provider makes the person a system admin (LdapSettings.AdminFilter, SamlSettings.AdminAttribute); undefined leaves roles alone. */
  systemAdmin?: boolean;
}

export interface SignInOrigin {
  ipAddress: string;
  deviceId?: string;
}

const MAX_AUTH_DATA = 128;
const USERNAME_MAX = 64;

const alreadyAttached = (service: string): AppError => new AppError('api.user.create_oauth_user.already_attached.app_error',
  `There is already an account associated with that email address using a sign in method other than ${service}.`, 400);

/**
 * The accounts of people who sign in through a directory or identity provider (LDAP, SAML, OpenID Connect): found by
 * the provider's id for them, linked to an existing password account only by an address the provider vouches for,
 * else created; their names, position and admin role kept as the provider says on every sign-in.
 */
export class ExternalAccounts {
  constructor(
    private readonly deps: AppDeps, private readonly users: UserService, private readonly signInService: SignInService, private readonly audit: AuditService,
  ) {}

  /** The account for `profile`; `create: false` refuses people who have none yet (a sync only updates). */
  async account(profile: ExternalProfile, options: { create: boolean }): Promise<UserRecord> {
    if (profile.authData === '' || profile.authData.length > MAX_AUTH_DATA) {
      throw new AppError('api.user.authorize_oauth_user.invalid_auth_data.app_error', `The ${profile.service} account has no usable id.`, 400);
    }
    const known = await this.deps.store.users.getByAuth(profile.service, profile.authData) ?? await this.linked(profile);
    const user = known ? await this.refreshed(known, profile) : options.create ? await this.created(profile) : undefined;
    if (!user) throw new AppError('api.user.login.not_registered.app_error', `No account is associated with this ${profile.service} account.`, 404);
    if (user.delete_at > 0) throw new AppError('api.user.login.inactive.app_error', 'Login failed because your account has been deactivated.', 401);
    if (user.is_bot) throw new AppError('api.user.login.bot_login_forbidden.app_error', 'Bot login is forbidden.', 401);
    return user;
  }

  /** An account already found by its (service, auth data), brought in line with `profile` (a directory sync: no second read). */
  refresh(user: UserRecord, profile: ExternalProfile): Promise<UserRecord> {
    return this.refreshed(user, profile);
  }

  /** Signs the person in (creating their account on first sign-in), audited as user.login with the service. */
  async signIn(profile: ExternalProfile, origin: SignInOrigin): Promise<LoginResult> {
    let user: UserRecord | undefined;
    try {
      user = await this.account(profile, { create: true });
      const result = await this.signInService.startSession(user, origin.deviceId ?? '');
      await this.record(profile, origin, user, 'success', result.sessionId);
      return result;
    } catch (err) {
      await this.record(profile, origin, user, 'fail', undefined, err instanceof AppError ? err.id : 'internal');
      throw err;
    }
  }

  private record(profile: ExternalProfile, origin: SignInOrigin, user: UserRecord | undefined, result: 'success' | 'fail', sessionId?: string, error?: string): Promise<void> {
    return this.audit.record({
      userId: user?.id ?? '', action: 'user.login', object: user?.id ?? '', result, ipAddress: origin.ipAddress, sessionId,
      extra: { auth_service: profile.service, auth_data: profile.authData, error },
    });
  }

  /** A password account with the address the provider vouches for, now signing in through the provider. */
  private async linked(profile: ExternalProfile): Promise<UserRecord | undefined> {
    const email = profile.email.trim().toLowerCase();
    const existing = email ? await this.deps.store.users.getByEmail(email) : undefined;
    if (!existing) return undefined;
    if (existing.auth_service !== '' || existing.is_bot || !profile.emailVerified) throw alreadyAttached(profile.service);
    // The password goes: the account now signs in through the provider only, as after Mattermost's switch.
    const next: UserRecord = { ...existing, auth_service: profile.service, auth_data: profile.authData, password: '', email_verified: true, update_at: Date.now() };
    await this.deps.store.users.update(next);
    return next;
  }

  private async created(profile: ExternalProfile): Promise<UserRecord> {
    if (!this.deps.config.enableUserCreation) {
      throw new AppError('api.user.create_user.disabled.app_error', 'User creation is disabled.', 403);
    }
    const email = profile.email.trim().toLowerCase();
    if (!isEmailAddress(email)) {
      throw new AppError('api.user.create_oauth_user.missing_email.app_error', `The ${profile.service} account has no valid email address.`, 400);
    }
    const first = (await this.deps.store.users.count()) === 0;
    const user = newUserRecord({
      username: await this.freeUsername(profile.username || email.split('@')[0]), email, email_verified: profile.emailVerified,
      auth_service: profile.service, auth_data: profile.authData, ...profileFields(profile),
      roles: first || profile.systemAdmin ? 'system_user system_admin' : 'system_user',
      locale: profile.locale && /^[a-z]{2}(-[A-Z]{2})?$/.test(profile.locale) ? profile.locale : 'en',
    });
    await this.users.createAccount(user);
    return user;
  }

  /** The account as the provider now describes it (names, position, address if free, admin role), written if changed. */
  private async refreshed(user: UserRecord, profile: ExternalProfile): Promise<UserRecord> {
    const next: UserRecord = { ...user, ...profileFields(profile) };
    const email = profile.email.trim().toLowerCase();
    if (email !== user.email && isEmailAddress(email) && !await this.deps.store.users.getByEmail(email)) {
      next.email = email;
      next.email_verified = profile.emailVerified;
    }
    if (profile.systemAdmin !== undefined) next.roles = withSystemAdmin(user.roles, profile.systemAdmin);
    const changed = (Object.keys(next) as (keyof UserRecord)[]).some((key) => next[key] !== user[key]);
    if (!changed) return user;
    next.update_at = Date.now();
    await this.users.saveProfile(user, next);
    return next;
  }

  /** `wanted` made a valid username (lower case, allowed characters), numbered when taken. */
  private async freeUsername(wanted: string): Promise<string> {
    let base = wanted.toLowerCase().replace(/[^a-z0-9.\-_]/g, '-').slice(0, USERNAME_MAX - 4);
    if (!/^[a-z]/.test(base)) base = `u${base}`.slice(0, USERNAME_MAX - 4);
    for (let n = 0; n < 100; n++) {
      const candidate = n === 0 ? base : `${base}${n}`;
      if (isValidUsername(candidate) && !await this.deps.store.users.getByUsername(candidate)) return candidate;
    }
    return `${base.slice(0, USERNAME_MAX - 12)}-${randomBytes(5).toString('hex')}`;
  }
}

function profileFields(profile: ExternalProfile): Partial<UserRecord> {
  const out: Partial<UserRecord> = {};
  if (profile.firstName !== undefined) out.first_name = profile.firstName.slice(0, 64);
  if (profile.lastName !== undefined) out.last_name = profile.lastName.slice(0, 64);
  if (profile.nickname !== undefined) out.nickname = profile.nickname.slice(0, 64);
  if (profile.position !== undefined) out.position = profile.position.slice(0, 128);
  return out;
}

function withSystemAdmin(roles: string, admin: boolean): string {
  const list = roles.split(' ').filter((role) => role && role !== 'system_admin');
  return (admin ? [...list, 'system_admin'] : list).join(' ');
}
