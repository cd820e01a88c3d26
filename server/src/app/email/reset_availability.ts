import type { JsonObject } from '../../config/document/paths.js';
import { AppError } from '../../model/errors.js';
import { smtpConfigured } from './smtp_settings.js';

/**
 * Why a password reset link cannot be sent now, or undefined when it can: it goes by email, and it names the site
 * (never the request's Host header, which the client chooses: a link built from it could send the token elsewhere).
 * The client config offers the link by the same rule.
 */
export function resetLinkUnavailable(email: JsonObject, siteUrl: string): AppError | undefined {
  if (!smtpConfigured(email)) {
    return new AppError('api.user.send_password_reset.smtp_disabled',
      'Password reset by email is not available because no SMTP server is configured. Ask a system administrator to reset your password.', 501);
  }
  if (!siteUrl) {
    return new AppError('api.user.send_password_reset.site_url_missing',
      'Password reset by email is not available because the site URL (ServiceSettings.SiteURL) is not set. Ask a system administrator to reset your password.', 501);
  }
  return undefined;
}
