import type { JsonObject } from '../../config/document/paths.js';
import { AppError } from '../../model/errors.js';
import { smtpConfigured } from './smtp_settings.js';

/** Why the server cannot mail a link now: no SMTP server, or no SiteURL to build the link from. */
export type EmailLinkBlocker = 'smtp_disabled' | 'site_url_missing';

/**
 * Why no email with a link (password reset, email verification, team invitation) can be sent now, or undefined when
 * one can: it goes by email, and it names the site (never the request's Host header, which the client chooses: a
 * link built from it could send the token elsewhere). The client config offers these flows by the same rule.
 */
export function emailLinksUnavailable(email: JsonObject, siteUrl: string): EmailLinkBlocker | undefined {
  if (!smtpConfigured(email)) return 'smtp_disabled';
  if (!siteUrl) return 'site_url_missing';
  return undefined;
}

/** Why a password reset link cannot be sent now (as an error for the caller), or undefined when it can. */
export function resetLinkUnavailable(email: JsonObject, siteUrl: string): AppError | undefined {
  const blocker = emailLinksUnavailable(email, siteUrl);
  if (blocker === 'smtp_disabled') {
    return new AppError('api.user.send_password_reset.smtp_disabled',
      'Password reset by email is not available because no SMTP server is configured. Ask a system administrator to reset your password.', 501);
  }
  if (blocker === 'site_url_missing') {
    return new AppError('api.user.send_password_reset.site_url_missing',
      'Password reset by email is not available because the site URL (ServiceSettings.SiteURL) is not set. Ask a system administrator to reset your password.', 501);
  }
  return undefined;
}
