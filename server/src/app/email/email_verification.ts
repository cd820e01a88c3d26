import { DeliveryError } from '../../email/mailer.js';
import { AppError, badBodyParam } from '../../model/errors.js';
import type { UserRecord } from '../../model/types.js';
import type { AuditResult, AuditService } from '../admin/audit.js';
import type { AppDeps } from '../deps.js';
import { isEmailAddress, type UserService } from '../users.js';
import { emailVerificationRequired, isLinkTokenShape, linkMailRoute, newLinkToken, renderLinkMessage, storedToken, tokenExtra, type LinkMailRoute } from './link_mail.js';

/** The token type of a verification link (Mattermost's TokenTypeVerifyEmail). */
export const VERIFY_EMAIL = 'verify_email';

/** How long a verification link works. */
export const VERIFY_EMAIL_EXPIRY_MS = 48 * 60 * 60 * 1000;

/** Every refusal of a link is this one error, as upstream: it does not tell which tokens exist. */
const badLink = (): AppError =>
  new AppError('api.user.verify_email.bad_link.app_error', 'The email verification link is invalid or has expired.', 400);

/** Who asked, for the audit log (the caller is not signed in). */
export interface VerificationOrigin {
  ipAddress: string;
}

/** Accounts whose address can be verified: active, signing in with email and password, not bots. */
const emailAccount = (user: UserRecord): boolean => user.delete_at === 0 && !user.is_bot && user.auth_service === '';

/**
 * Email address verification (Mattermost's /users/email/verify/send and /users/email/verify): a one-time link valid
 * for 48 hours, mailed to the account's address, that marks the address verified. With RequireEmailVerification on
 * (and mail possible), sign-up and a change of address send one, and unverified email accounts cannot sign in.
 */
export class EmailVerificationService {
  constructor(private readonly deps: AppDeps, private readonly users: UserService, private readonly audit: AuditService) {}

  /** Whether email accounts must verify their address before signing in, now. */
  required(): boolean {
    return emailVerificationRequired(this.deps);
  }

  /**
   * Sends a new link to the account with this address, if it is an unverified email account. The answer is the same
   * whether there is one or not: the lookup and the sending happen after it, and a failed delivery is only logged.
   */
  async sendVerification(rawEmail: string, origin: VerificationOrigin): Promise<void> {
    const email = rawEmail.trim().toLowerCase();
    if (!isEmailAddress(email)) throw badBodyParam('email');
    const route = linkMailRoute(this.deps);
    if (route === 'smtp_disabled') {
      throw new AppError('api.user.send_verification_email.smtp_disabled', 'Email verification is not available because no SMTP server is configured.', 501);
    }
    if (route === 'site_url_missing') {
      throw new AppError('api.user.send_verification_email.site_url_missing', 'Email verification is not available because the site URL (ServiceSettings.SiteURL) is not set.', 501);
    }
    void this.deps.store.users.getByEmail(email).then((user) => {
      if (user && emailAccount(user) && !user.email_verified) return this.deliver(user, route, origin);
      return undefined;
    }).catch((err: unknown) => this.deps.log.error({ err }, 'verification email failed'));
  }

  /** After sign-up or a change of address: mails a link when verification is required and the address is not verified. */
  onAddressToVerify(user: UserRecord, origin: VerificationOrigin = { ipAddress: '' }): void {
    if (user.email_verified || !emailAccount(user) || !this.required()) return;
    const route = linkMailRoute(this.deps);
    if (typeof route === 'string') return;
    void this.deliver(user, route, origin).catch((err: unknown) => this.deps.log.error({ err }, 'verification email failed'));
  }

  private async deliver(user: UserRecord, route: LinkMailRoute, origin: VerificationOrigin): Promise<void> {
    const now = Date.now();
    const token = newLinkToken();
    // One live link per account: a new one replaces the earlier ones. Expired links of anyone are swept on the way.
    await this.deps.store.transaction(async (store) => {
      await store.tokens.removeExpired(VERIFY_EMAIL, now - VERIFY_EMAIL_EXPIRY_MS);
      await store.tokens.removeForUser(VERIFY_EMAIL, user.id);
      await store.tokens.save({ token: storedToken(token), create_at: now, type: VERIFY_EMAIL, extra: JSON.stringify({ user_id: user.id, email: user.email }) });
    });
    const link = `${route.siteUrl}/do_verify_email?token=${token}&email=${encodeURIComponent(user.email)}`;
    const siteName = this.deps.config.siteName;
    const message = renderLinkMessage({
      before: [`Please verify the email address of your ${siteName} account (${user.username}).`],
      button: 'Verify your email address', link, within: 'within the next 48 hours',
      after: ['The link works once. If you did not create this account, ignore this email.'],
    });
    const record = (result: AuditResult, error?: string) => this.audit.record({
      userId: user.id, action: 'user.email.verify.send', object: user.id, result, ipAddress: origin.ipAddress, extra: { email: user.email, error },
    });
    try {
      await this.deps.mailer.send(route.smtp, { from: route.from, to: user.email, subject: `[${siteName}] Verify your email address`, ...message });
      await record('success');
    } catch (err) {
      if (!(err instanceof DeliveryError)) throw err;
      this.deps.log.warn({ failure: err.failure, server: `${route.smtp.host}:${route.smtp.port}` }, 'verification email not delivered');
      await record('fail', err.failure);
    }
  }

  /** Marks the address verified with a link's token; the link works once, and only for the address it was sent to. */
  async verify(token: string, origin: VerificationOrigin): Promise<void> {
    if (!isLinkTokenShape(token)) throw badLink();
    const taken = await this.deps.store.tokens.take(VERIFY_EMAIL, storedToken(token));
    if (!taken) throw badLink();
    const extra = tokenExtra(taken.extra);
    const userId = extra?.user_id ?? '';
    const record = (result: AuditResult, error?: string) => this.audit.record({
      userId, action: 'user.email.verify', object: userId, result, ipAddress: origin.ipAddress, extra: { error },
    });
    const expired = Date.now() - taken.create_at >= VERIFY_EMAIL_EXPIRY_MS;
    const verified = !expired && extra?.email !== undefined && await this.users.markEmailVerified(userId, extra.email);
    await record(verified ? 'success' : 'fail', verified ? undefined : expired ? 'expired' : 'stale');
    if (!verified) throw badLink();
  }
}
