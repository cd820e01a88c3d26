import type { JsonObject } from '../../config/document/paths.js';
import { DeliveryError, type MailAddress, type SmtpSettings } from '../../email/mailer.js';
import { AppError, badBodyParam } from '../../model/errors.js';
import type { UserRecord } from '../../model/types.js';
import type { AuditResult, AuditService } from '../admin/audit.js';
import type { AppDeps } from '../deps.js';
import { isEmailAddress, type UserService } from '../users.js';
import { isLinkTokenShape, newLinkToken, renderLinkMessage, storedToken, tokenExtra } from './link_mail.js';
import { resetLinkUnavailable } from './reset_availability.js';
import { senderOf, smtpSettingsOf } from './smtp_settings.js';

/** The token type of a password reset link (Mattermost's TokenTypePasswordRecovery). */
export const PASSWORD_RECOVERY = 'password_recovery';

/** How long a reset link works (Mattermost's PasswordRecoverExpiryTime). */
export const PASSWORD_RECOVERY_EXPIRY_MS = 60 * 60 * 1000;

const invalidLink = (): AppError =>
  new AppError('api.user.reset_password.invalid_link.app_error', 'The password reset link is invalid or has already been used.', 400);

const linkExpired = (): AppError =>
  new AppError('api.user.reset_password.link_expired.app_error', 'The password reset link has expired. Please request a new one.', 400);

/** Who asked, for the audit log (the caller is not signed in). */
export interface ResetOrigin {
  ipAddress: string;
}

/**
 * Password reset by email (Mattermost's /users/password/reset/send and /users/password/reset): a one-time link
 * valid for an hour, sent to the account's address, that sets a new password, unlocks the account and ends its
 * sessions.
 */
export class PasswordResetService {
  constructor(private readonly deps: AppDeps, private readonly users: UserService, private readonly audit: AuditService) {}

  /**
   * Sends a reset link to the account with this email, if there is one that signs in with a password. The answer
   * is the same, and as quick, whether there is such an account or not: everything after the checks of the request
   * and of the server's settings runs after the answer, and a failed delivery is only logged.
   */
  async sendReset(rawEmail: string, origin: ResetOrigin): Promise<void> {
    const email = rawEmail.trim().toLowerCase();
    if (!isEmailAddress(email)) throw badBodyParam('email');
    const settings = this.deps.liveConfig.document.EmailSettings as unknown as JsonObject;
    const siteUrl = this.deps.config.siteUrl;
    const unavailable = resetLinkUnavailable(settings, siteUrl);
    if (unavailable) throw unavailable;
    const smtp = smtpSettingsOf(settings);
    const from = senderOf(settings);
    void this.deliver(email, siteUrl.replace(/\/+$/, ''), smtp, from, origin).catch((err: unknown) => {
      this.deps.log.error({ err }, 'password reset email failed');
    });
  }

  private async deliver(email: string, siteUrl: string, smtp: SmtpSettings, from: MailAddress, origin: ResetOrigin): Promise<void> {
    const user = await this.deps.store.users.getByEmail(email);
    if (!user || !canReset(user)) return;
    const now = Date.now();
    const token = newLinkToken();
    // One live link per user: a new request replaces the earlier ones. Old links of anyone are swept on the way.
    await this.deps.store.transaction(async (store) => {
      await store.tokens.removeExpired(PASSWORD_RECOVERY, now - PASSWORD_RECOVERY_EXPIRY_MS);
      await store.tokens.removeForUser(PASSWORD_RECOVERY, user.id);
      await store.tokens.save({ token: storedToken(token), create_at: now, type: PASSWORD_RECOVERY, extra: JSON.stringify({ user_id: user.id, email: user.email }) });
    });
    const link = `${siteUrl}/reset_password_complete?token=${token}`;
    const siteName = this.deps.config.siteName;
    const record = (result: AuditResult, error?: string) => this.audit.record({
      userId: user.id, action: 'user.password.reset.send', object: user.id, result, ipAddress: origin.ipAddress, extra: { email: user.email, error },
    });
    try {
      await this.deps.mailer.send(smtp, { from, to: user.email, subject: `[${siteName}] Reset your password`, ...resetMessage(siteName, user.username, link) });
      await record('success');
    } catch (err) {
      if (!(err instanceof DeliveryError)) throw err;
      this.deps.log.warn({ failure: err.failure, server: `${smtp.host}:${smtp.port}` }, 'password reset email not delivered');
      await record('fail', err.failure);
    }
  }

  /**
   * Sets the password with a link's token. A password the policy refuses leaves the link usable; anything else
   * uses it up, even when it has expired, so a link works once even when used twice at the same time.
   */
  async resetPassword(token: string, newPassword: string, origin: ResetOrigin): Promise<void> {
    if (!isLinkTokenShape(token)) throw invalidLink();
    this.users.checkPasswordPolicy(newPassword);
    const taken = await this.deps.store.tokens.take(PASSWORD_RECOVERY, storedToken(token));
    if (!taken) throw invalidLink();
    const owner = ownerOf(tokenExtra(taken.extra));
    const record = (result: AuditResult, error?: string) => this.audit.record({
      userId: owner?.user_id ?? '', action: 'user.password.reset.link', object: owner?.user_id ?? '', result, ipAddress: origin.ipAddress, extra: { error },
    });
    try {
      if (Date.now() - taken.create_at >= PASSWORD_RECOVERY_EXPIRY_MS) throw linkExpired();
      const user = owner && await this.deps.store.users.get(owner.user_id);
      if (!user || !owner || !canReset(user)) throw invalidLink();
      // The address changed since the link was sent: it went to someone who may no longer own the account.
      if (user.email !== owner.email) throw linkExpired();
      await this.users.resetPassword(user.id, newPassword);
      await record('success');
    } catch (err) {
      await record('fail', err instanceof AppError ? err.id : 'internal');
      throw err;
    }
  }
}

/** Active accounts that sign in with a password (not SSO, not bots). */
const canReset = (user: UserRecord): boolean => user.delete_at === 0 && !user.is_bot && user.auth_service === '' && user.password !== '';

function ownerOf(extra: Record<string, string> | undefined): { user_id: string; email: string } | undefined {
  return extra?.user_id !== undefined && extra.email !== undefined ? { user_id: extra.user_id, email: extra.email } : undefined;
}

function resetMessage(siteName: string, username: string, link: string): { text: string; html: string } {
  return renderLinkMessage({
    before: [`Someone asked to reset the password of your ${siteName} account (${username}).`],
    button: 'Reset your password', link, within: 'within the next hour',
    after: ['The link works once. If you did not ask for this, ignore this email: your password stays as it is.'],
  });
}
