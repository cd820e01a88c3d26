import { AppError } from '../../model/errors.js';
import { isValidId } from '../../model/id.js';
import type { UserRecord } from '../../model/types.js';
import type { AuditResult, AuditService } from '../admin/audit.js';
import type { AppDeps } from '../deps.js';
import { emailVerificationRequired } from '../email/link_mail.js';
import { accountLocked, PasswordChecker } from '../passwords.js';
import type { SessionService } from '../sessions.js';
import type { ExternalProfile } from './external_accounts.js';

/** Who is logging in: by username or email (`loginId`), or by user id (Client4's `id`). */
export type LoginName = { loginId: string } | { userId: string };

export interface LoginResult {
  user: UserRecord;
  sessionId: string;
  token: string;
  csrf: string;
  expiresAt: number;
}

/** Where a login comes from, and what it carries besides the password. */
export interface LoginOrigin {
  ipAddress: string;
  deviceId?: string;
  /** The MFA code (Client4's `token`). */
  mfaToken?: string;
  /** Only the directory may sign this login in (Client4's `ldap_only`). */
  ldapOnly?: boolean;
}

/** What a directory made of a login: the account it signed in, or why not. */
export type DirectorySignIn = { user: UserRecord } | 'unknown' | 'wrong_password';

/** Who the directory says the person is, or why not. */
export type DirectoryAuthentication = { profile: ExternalProfile } | 'unknown' | 'wrong_password';

/** A directory people sign in to with its own password (LDAP), wired in by the identity domain. */
export interface DirectoryLogin {
  /** Whether sign-in through the directory is on now. */
  enabled(): boolean;
  /** Failed attempts before a directory account is locked (LdapSettings.MaximumLoginAttempts). */
  maximumAttempts(): number;
  /**
   * Binds as the entry named by what the person typed, or by the id their account already has, with `password`:
   * the account it signs in (created on a first sign-in). Throws an AppError when the directory cannot be asked.
   */
  signIn(who: { loginId: string } | { authData: string }, password: string): Promise<DirectorySignIn>;
  /** As signIn, but only says who the entry is, touching no account (an account moving to the directory). */
  authenticate(who: { loginId: string }, password: string): Promise<DirectoryAuthentication>;
}

/** A second factor after the password (TOTP), wired in by the identity domain. */
export interface SecondFactor {
  /**
   * Nothing when the user needs no code or `token` is a fresh right one; otherwise throws: without a token, that one
   * is needed (a client's pre-flight); with one, that it is wrong or used.
   */
  check(user: UserRecord, token: string | undefined): Promise<void>;
}

/** EmailSettings.EnableSignInWithEmail / EnableSignInWithUsername: which login ids a password sign-in accepts. */
interface SignInNames {
  email: boolean;
  username: boolean;
}

/** A refused login, named after the login ids the server accepts, as upstream words it. */
const invalidCredentials = (names: SignInNames): AppError => {
  if (names.email && !names.username) return new AppError('api.user.login.invalid_credentials_email', 'Enter a valid email and/or password.', 401);
  if (names.username && !names.email) return new AppError('api.user.login.invalid_credentials_username', 'Enter a valid username and/or password.', 401);
  return new AppError('api.user.login.invalid_credentials_email_username', 'Enter a valid email or username and/or password.', 401);
};

/**
 * Signing in with a password: Parley's own, or a directory's (LDAP) for its accounts and for names only it knows;
 * then the second factor (MFA) where the account has one; then a session. Identity providers (SAML, OpenID Connect)
 * check the person themselves and open the session through `startSession` (external_accounts.ts).
 */
export class SignInService {
  private directory?: DirectoryLogin;
  private secondFactor?: SecondFactor;
  private readonly passwords: PasswordChecker;

  constructor(private readonly deps: AppDeps, private readonly sessions: SessionService, private readonly audit: AuditService) {
    this.passwords = new PasswordChecker(deps);
  }

  /** Wires in sign-in through a directory (LDAP). */
  setDirectoryLogin(directory: DirectoryLogin): void {
    this.directory = directory;
  }

  /** Wires in the second factor (MFA). */
  setSecondFactor(secondFactor: SecondFactor): void {
    this.secondFactor = secondFactor;
  }

  /**
   * Checks credentials (the password, or the directory's for its accounts; then the MFA code) and opens a session.
   * Failures do not say which part was wrong, and take as long for an unknown user as for a wrong password; only a
   * locked account says so (as upstream does). Every attempt is audited (user.login) with the name tried and the
   * account it named, if any; the caller is not signed in yet, so the edge passes its address.
   */
  async login(name: LoginName, password: string, origin: LoginOrigin): Promise<LoginResult> {
    const found = await this.findLogin(name);
    let user = found;
    const record = (result: AuditResult, sessionId?: string, error?: string) => this.audit.record({
      userId: user?.id ?? '', action: 'user.login', object: user?.id ?? '', result, ipAddress: origin.ipAddress, sessionId,
      extra: { login_id: 'loginId' in name ? name.loginId : name.userId, error },
    });
    try {
      user = await this.checkCredentials(found, name, password, origin.ldapOnly === true);
      await this.checkSecondFactor(user, origin.mfaToken);
      await this.deps.store.users.clearFailedAttempts(user.id);
      const opened = await this.startSession(user, origin.deviceId ?? '');
      await record('success', opened.sessionId);
      return opened;
    } catch (err) {
      await record('fail', undefined, err instanceof AppError ? err.id : 'internal');
      throw err;
    }
  }

  /**
   * Checks that the person at the keyboard is `user` (their password, or their directory's, and their MFA code)
   * without opening a session, counted towards the lockout like a login: before their sign-in method changes.
   */
  async confirmIdentity(user: UserRecord, password: string, mfaToken: string | undefined): Promise<void> {
    const confirmed = await this.checkCredentials(user, { userId: user.id }, password, false);
    await this.checkSecondFactor(confirmed, mfaToken);
    await this.deps.store.users.clearFailedAttempts(confirmed.id);
  }

  /**
   * Who the directory says signs in with `loginId` and `password`, for an account moving to the directory; refused
   * as a login would be (nothing is counted: the account has already proved itself with its own password).
   */
  async directoryProfile(loginId: string, password: string): Promise<ExternalProfile> {
    if (!this.directory?.enabled()) throw new AppError('api.user.login_ldap.disabled.app_error', 'AD/LDAP is not enabled on this server.', 501);
    const outcome = password === '' ? 'wrong_password' : await this.directory.authenticate({ loginId: loginId.trim() }, password);
    if (typeof outcome === 'string') throw new AppError('ent.ldap.do_login.invalid_password.app_error', 'The AD/LDAP username or password is not right.', 401);
    return outcome.profile;
  }

  /** The account the credentials sign in, or why not: the directory decides for its accounts and for names it alone knows. */
  private async checkCredentials(user: UserRecord | undefined, name: LoginName, password: string, ldapOnly: boolean): Promise<UserRecord> {
    const directory = this.directory?.enabled() ? this.directory : undefined;
    if (directory && (ldapOnly || user?.auth_service === 'ldap' || (!user && 'loginId' in name))) {
      if (user && user.auth_service !== 'ldap') throw invalidCredentials(this.signInNames());
      return this.checkDirectoryPassword(directory, user, name, password);
    }
    if (ldapOnly) throw new AppError('api.user.login_ldap.disabled.app_error', 'AD/LDAP is not enabled on this server.', 501);
    const check = await this.passwords.check(user, password);
    if (check === 'locked') throw accountLocked();
    if (check === 'wrong' || !user) throw invalidCredentials(this.signInNames());
    this.checkMayStart(user);
    if (!user.email_verified && user.auth_service === '' && emailVerificationRequired(this.deps)) {
      throw new AppError('api.user.login.not_verified.app_error', 'Login failed because email address has not been verified.', 401);
    }
    return user;
  }

  /** As the password check: a failed bind counts towards the account's lockout (LdapSettings.MaximumLoginAttempts). */
  private async checkDirectoryPassword(directory: DirectoryLogin, user: UserRecord | undefined, name: LoginName, password: string): Promise<UserRecord> {
    const { users } = this.deps.store;
    if (user && !await users.countFailedAttempt(user.id, directory.maximumAttempts())) throw accountLocked();
    const who = user ? { authData: user.auth_data } : { loginId: 'loginId' in name ? name.loginId.trim() : '' };
    const outcome = password === '' ? 'wrong_password' : await directory.signIn(who, password);
    if (outcome === 'unknown' || outcome === 'wrong_password') throw invalidCredentials(this.signInNames());
    this.checkMayStart(outcome.user);
    return outcome.user;
  }

  /**
   * The attempt counted by the password check stands for a wrong MFA code, as upstream counts it; a missing code (a
   * client asking whether it needs one) is no failure, so its count is taken back.
   */
  private async checkSecondFactor(user: UserRecord, token: string | undefined): Promise<void> {
    try {
      await this.secondFactor?.check(user, token);
    } catch (err) {
      if (!token) await this.deps.store.users.releaseFailedAttempt(user.id);
      throw err;
    }
  }

  private checkMayStart(user: UserRecord): void {
    // Bots sign in with access tokens only (a converted bot keeps its old password).
    if (user.is_bot) throw new AppError('api.user.login.bot_login_forbidden.app_error', 'Bot login is forbidden.', 401);
    if (user.delete_at > 0) {
      throw new AppError('api.user.login.inactive.app_error', 'Login failed because your account has been deactivated.', 401);
    }
  }

  /** Opens a session for a user whose credentials were checked (here, or by an identity provider). */
  async startSession(user: UserRecord, deviceId: string): Promise<LoginResult> {
    const session = await this.sessions.create(user.id, user.roles, deviceId);
    return { user, sessionId: session.id, token: session.token, csrf: session.csrf_token, expiresAt: session.expires_at };
  }

  private signInNames(): SignInNames {
    const { EmailSettings } = this.deps.liveConfig.document;
    return { email: EmailSettings.EnableSignInWithEmail !== false, username: EmailSettings.EnableSignInWithUsername !== false };
  }

  /** The account a login names: by id (Client4's `id`), or by an email or username where the settings accept those. */
  private async findLogin(name: LoginName): Promise<UserRecord | undefined> {
    const { users } = this.deps.store;
    if ('userId' in name) return isValidId(name.userId) ? users.get(name.userId) : undefined;
    const id = name.loginId.trim().toLowerCase();
    const accepts = this.signInNames();
    if (id.includes('@')) return accepts.email ? users.getByEmail(id) : undefined;
    return accepts.username ? users.getByUsername(id) : undefined;
  }
}
