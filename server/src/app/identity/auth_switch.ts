import { AppError, badBodyParam, notFound } from '../../model/errors.js';
import type { UserRecord } from '../../model/types.js';
import type { Actor } from '../actor.js';
import type { AppDeps } from '../deps.js';
import { hashPassword } from '../passwords.js';
import type { Permissions } from '../permissions.js';
import { requireAnySystem } from '../admin/system_permission.js';
import type { SessionService } from '../sessions.js';
import type { UserService } from '../users.js';
import type { SignInService } from './sign_in.js';
import type { ExternalService } from './external_accounts.js';

const EXTERNAL_SERVICES: readonly string[] = ['ldap', 'saml', 'gitlab', 'google', 'office365', 'openid'] satisfies readonly ExternalService[];
const OAUTH_SERVICES: readonly string[] = ['gitlab', 'google', 'office365', 'openid'];

/** Body of POST /users/login/switch (Mattermost's SwitchRequest), as far as Parley uses it. */
export interface SwitchRequest {
  current_service: string;
  new_service: string;
  email: string;
  password?: string;
  new_password?: string;
  mfa_code?: string;
  /** The directory login id of an account moving to AD/LDAP (whose directory password is then `new_password`). */
  ldap_id?: string;
}

/** Body of PUT /users/{id}/auth (Mattermost's UserAuth). */
export interface UserAuthChange {
  auth_service: string;
  auth_data?: string;
  password?: string;
}

/** Where Mattermost's web app goes after a switch to a password: the login page, saying the sign-in method changed. */
const SIGNIN_CHANGED = '/login?extra=signin_change';

/**
 * Moving an account between sign-in methods, as Mattermost allows: its owner from a directory or identity provider
 * to a password; from a password to AD/LDAP (both passwords proved); from a password to an identity provider
 * (confirmed by the password and MFA code; the provider's first sign-in then takes the account over by its
 * vouched-for address); a system admin to any method. Every switch ends the account's sessions.
 */
export class AuthSwitch {
  constructor(
    private readonly deps: AppDeps,
    private readonly permissions: Permissions,
    private readonly users: UserService,
    private readonly signIn: SignInService,
    private readonly sessions: SessionService,
  ) {}

  async switchAccount(actor: Actor | undefined, request: SwitchRequest): Promise<{ follow_link: string }> {
    const toPassword = request.new_service === 'email';
    if (this.deps.liveConfig.document.ServiceSettings.ExperimentalEnableAuthenticationTransfer !== true) {
      const id = toPassword ? 'api.user.oauth_to_email.not_available.app_error' : 'api.user.email_to_oauth.not_available.app_error';
      throw new AppError(id, 'Authentication transfer is not enabled on this server.', 403);
    }
    const user = await this.deps.store.users.getByEmail(request.email.trim().toLowerCase());
    if (!user) throw notFound('user');
    if (toPassword && EXTERNAL_SERVICES.includes(request.current_service)) return this.toPassword(actor, user, request);
    if (request.current_service === 'email' && [...OAUTH_SERVICES, 'saml'].includes(request.new_service)) return this.toProvider(user, request);
    if (request.current_service === 'email' && request.new_service === 'ldap') return this.toDirectory(user, request);
    throw new AppError('api.user.switch_account.unsupported.app_error', `Switching from ${request.current_service} to ${request.new_service} is not supported.`, 400);
  }

  /**
   * The account's owner sets a password, signed in through its provider (or, for a directory account, proving the
   * directory's password as upstream asks); the provider's id for them is dropped.
   */
  private async toPassword(actor: Actor | undefined, user: UserRecord, request: SwitchRequest): Promise<{ follow_link: string }> {
    const { EmailSettings } = this.deps.liveConfig.document;
    if (EmailSettings.EnableSignUpWithEmail !== true) {
      throw new AppError('api.user.auth_switch.not_available.email_signup_disabled.app_error', 'Signing in with a password is not enabled on this server.', 403);
    }
    const owner = actor?.userId === user.id;
    if (user.auth_service !== request.current_service || (!owner && !(user.auth_service === 'ldap' && request.password))) {
      throw new AppError('api.user.oauth_to_email.context.app_error', 'Only the signed-in owner of the account can change how it signs in.', 403);
    }
    if (!request.new_password) throw badBodyParam('new_password');
    if (!owner) await this.signIn.confirmIdentity(user, request.password ?? '', request.mfa_code || undefined);
    this.users.checkPasswordPolicy(request.new_password);
    await this.save(user, { auth_service: '', auth_data: '', password: await hashPassword(request.new_password), last_password_update: Date.now() });
    return { follow_link: SIGNIN_CHANGED };
  }

  /** A password account proves itself, then goes to the provider, whose first sign-in takes the account over. */
  private async toProvider(user: UserRecord, request: SwitchRequest): Promise<{ follow_link: string }> {
    if (user.auth_service !== '') throw new AppError('api.user.email_to_oauth.not_email.app_error', 'This account does not sign in with a password.', 400);
    await this.signIn.confirmIdentity(user, request.password ?? '', request.mfa_code || undefined);
    const link = request.new_service === 'saml' ? '/login/sso/saml?action=login' : `/oauth/${request.new_service}/login`;
    return { follow_link: link };
  }

  /** A password account proves itself, then the directory entry it moves to (ldap_id, with its password in new_password). */
  private async toDirectory(user: UserRecord, request: SwitchRequest): Promise<{ follow_link: string }> {
    if (user.auth_service !== '') throw new AppError('api.user.email_to_ldap.not_email.app_error', 'This account does not sign in with a password.', 400);
    await this.signIn.confirmIdentity(user, request.password ?? '', request.mfa_code || undefined);
    if (!request.ldap_id) throw badBodyParam('ldap_id');
    const profile = await this.signIn.directoryProfile(request.ldap_id, request.new_password ?? '');
    await this.takeIdentity(user, 'ldap', profile.authData);
    return { follow_link: SIGNIN_CHANGED };
  }

  /** A system admin sets the account's sign-in method: a password, or the id a directory or provider knows it by. */
  async setAuth(actor: Actor, userId: string, change: UserAuthChange): Promise<{ auth_service: string; auth_data: string }> {
    requireAnySystem(this.permissions, actor, ['sysconsole_write_user_management_users', 'manage_system']);
    const user = await this.users.get(userId);
    if (user.is_bot) throw new AppError('api.user.update_user_auth.bot.app_error', 'Bots sign in with access tokens only.', 400);
    const service = change.auth_service === 'email' ? '' : change.auth_service;
    if (service === '') {
      if (!change.password) throw badBodyParam('password');
      this.users.checkPasswordPolicy(change.password);
      await this.save(user, { auth_service: '', auth_data: '', password: await hashPassword(change.password), last_password_update: Date.now() });
      return { auth_service: '', auth_data: '' };
    }
    if (!EXTERNAL_SERVICES.includes(service)) throw badBodyParam('auth_service');
    const authData = (change.auth_data ?? '').trim();
    if (authData === '' || authData.length > 128) throw badBodyParam('auth_data');
    await this.takeIdentity(user, service, authData);
    return { auth_service: service, auth_data: authData };
  }

  /** The account signs in as `authData` at `service` from now on, unless another account already does. */
  private async takeIdentity(user: UserRecord, service: string, authData: string): Promise<void> {
    const holder = await this.deps.store.users.getByAuth(service, authData);
    if (holder && holder.id !== user.id) {
      throw new AppError('app.user.update_auth_data.duplicate.app_error', 'Another account already signs in with that identity.', 400);
    }
    await this.save(user, { auth_service: service, auth_data: authData, password: '' });
  }

  private async save(user: UserRecord, change: Partial<UserRecord>): Promise<void> {
    await this.users.saveProfile(user, { ...user, ...change, update_at: Date.now() });
    await this.sessions.revokeAllForUser(user.id);
  }
}
