import QRCode from 'qrcode';
import { loginFailures } from '../../../metrics/registry.js';
import { AppError } from '../../../model/errors.js';
import type { UserRecord } from '../../../model/types.js';
import type { Actor } from '../../actor.js';
import type { AppDeps } from '../../deps.js';
import { ExpiringMap } from '../../expiring_map.js';
import type { Permissions } from '../../permissions.js';
import { isOAuthSession } from '../../sessions.js';
import type { UserService } from '../../users.js';
import type { SecondFactor } from '../sign_in.js';
import { newTotpSecret, totpStep, totpUri } from './totp.js';

/** Whether a user owes MFA set-up is remembered this long (and forgotten at once when their profile changes). */
const OWES_CACHE_MS = 60_000;
const OWES_CACHE_ENTRIES = 50_000;

const mfaDisabled = (): AppError => new AppError('api.user.update_mfa.not_available.app_error', 'MFA is not configured or available on this server.', 501);
const badCode = (): AppError => new AppError('api.user.check_user_mfa.bad_code.app_error', 'Invalid MFA token.', 401);

/**
 * Multi-factor authentication with TOTP codes (ServiceSettings.EnableMultifactorAuthentication), for accounts that
 * sign in with a password here or at the directory; identity providers run their own second factor. A code works
 * once, on any node; with EnforceMultifactorAuthentication, such accounts without MFA may do nothing but set it up.
 */
export class MfaService implements SecondFactor {
  private readonly owes = new ExpiringMap<string, boolean>(OWES_CACHE_ENTRIES, OWES_CACHE_MS);

  constructor(private readonly deps: AppDeps, private readonly permissions: Permissions, private readonly users: UserService) {
    deps.bus.subscribe((event) => {
      const user = event.event === 'user_updated' ? event.data.user as { id?: unknown } | undefined : undefined;
      if (typeof user?.id === 'string') this.owes.delete(user.id);
    });
  }

  private enabled(): boolean {
    return this.deps.liveConfig.document.ServiceSettings.EnableMultifactorAuthentication === true;
  }

  private enforced(): boolean {
    return this.enabled() && this.deps.liveConfig.document.ServiceSettings.EnforceMultifactorAuthentication === true;
  }

  /** A new secret for the user's authenticator app (replacing one not yet activated), with its QR code as a base64 PNG. */
  async generate(actor: Actor, userId: string): Promise<{ secret: string; qr_code: string }> {
    const user = await this.ownAccount(actor, userId);
    if (user.mfa_active) throw new AppError('api.user.generate_mfa_secret.already_active.app_error', 'MFA is already active; remove it first to set up a new secret.', 400);
    const secret = newTotpSecret();
    await this.deps.store.mfa.put({ user_id: user.id, secret, last_step: 0, create_at: Date.now() });
    const png = await QRCode.toBuffer(totpUri(secret, this.deps.config.siteName || 'Parley', user.email || user.username), { type: 'png', margin: 2, width: 240 });
    return { secret, qr_code: png.toString('base64') };
  }

  /** Turns MFA on once the user shows a code of the secret generated for them. */
  async activate(actor: Actor, userId: string, code: string): Promise<void> {
    const user = await this.ownAccount(actor, userId);
    if (user.mfa_active) return;
    const stored = await this.deps.store.mfa.get(user.id);
    if (!stored) throw new AppError('api.user.update_mfa.no_secret.app_error', 'Generate an MFA secret first.', 400);
    if (!await this.claim(user.id, stored.secret, code)) throw new AppError('mfa.activate.bad_token.app_error', 'Invalid MFA token.', 400);
    await this.setActive(user, true);
  }

  /** Turns MFA off: users for themselves, admins for anyone (a lost phone). */
  async deactivate(actor: Actor, userId: string): Promise<void> {
    if (!this.enabled()) throw mfaDisabled();
    if (actor.userId !== userId) this.permissions.requireSystem(actor, 'edit_other_users');
    const user = await this.users.get(userId);
    await this.deps.store.mfa.remove(user.id);
    if (user.mfa_active) await this.setActive(user, false);
  }

  /** POST /users/mfa: whether signing in as `loginId` will ask for a code (Mattermost's pre-login check). */
  async requiredForLogin(loginId: string): Promise<boolean> {
    if (!this.enabled()) return false;
    const id = loginId.trim().toLowerCase();
    const user = id.includes('@') ? await this.deps.store.users.getByEmail(id) : await this.deps.store.users.getByUsername(id);
    return user?.mfa_active === true;
  }

  async check(user: UserRecord, token: string | undefined): Promise<void> {
    if (!this.enabled() || !user.mfa_active) return;
    if (!token) throw new AppError('mfa.validate_token.authenticate.app_error', 'Enter your MFA token.', 401);
    const stored = await this.deps.store.mfa.get(user.id);
    if (!stored || !await this.claim(user.id, stored.secret, token)) {
      loginFailures.inc({ reason: 'mfa' });
      throw badCode();
    }
  }

  /**
   * Under enforcement, a 403 for a session whose account signs in with a password (here or at the directory) and
   * has no MFA yet: it may only set MFA up. OAuth client sessions and bots are exempt, as upstream.
   */
  async enforce(actor: Actor): Promise<void> {
    if (!this.enforced() || isOAuthSession(actor.session)) return;
    let owes = this.owes.get(actor.userId);
    if (owes === undefined) {
      const user = await this.deps.store.users.get(actor.userId);
      owes = user !== undefined && !user.is_bot && !user.mfa_active && (user.auth_service === '' || user.auth_service === 'ldap');
      this.owes.set(actor.userId, owes);
    }
    if (owes) throw new AppError('api.context.mfa_required.app_error', 'Multi-factor authentication is required on this server.', 403);
  }

  /** Whether `code` is right now and its time step unused (then used up). */
  private async claim(userId: string, secret: string, code: string): Promise<boolean> {
    const step = totpStep(secret, code.trim());
    return step !== undefined && await this.deps.store.mfa.claimStep(userId, step);
  }

  /** MFA is set up by its owner only (the secret is theirs to scan), for accounts with a password. */
  private async ownAccount(actor: Actor, userId: string): Promise<UserRecord> {
    if (!this.enabled()) throw mfaDisabled();
    if (actor.userId !== userId) throw new AppError('api.context.permissions.app_error', 'You do not have the appropriate permissions.', 403);
    const user = await this.users.get(userId);
    if (user.is_bot || (user.auth_service !== '' && user.auth_service !== 'ldap')) {
      throw new AppError('api.user.update_mfa.not_available.app_error', `MFA is not available for accounts that sign in with ${user.auth_service || 'a bot token'}.`, 400);
    }
    return user;
  }

  private async setActive(user: UserRecord, active: boolean): Promise<void> {
    const next = { ...user, mfa_active: active, update_at: Date.now() };
    await this.users.saveProfile(user, next);
    this.owes.delete(user.id);
  }
}
