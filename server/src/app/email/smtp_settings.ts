import type { JsonObject } from '../../config/document/paths.js';
import type { MailAddress, SmtpSettings } from '../../email/mailer.js';
import { badBodyParam } from '../../model/errors.js';

/** Mattermost's SMTPServerTimeout default, in seconds: used when the setting is missing or not positive. */
const DEFAULT_TIMEOUT_S = 10;

/** Mattermost's ConnectionSecurity values for email. */
const SECURITY: Record<string, SmtpSettings['security']> = { '': 'none', TLS: 'tls', STARTTLS: 'starttls' };

// Readers for one EmailSettings value. The saved document is already valid, so a wrong type
// can only come from a request body; it is named in the 400.
const invalid = (key: string) => badBodyParam(`EmailSettings.${key}`);

function text(email: JsonObject, key: string): string {
  const value = email[key] ?? '';
  if (typeof value !== 'string') throw invalid(key);
  return value;
}

function flag(email: JsonObject, key: string): boolean {
  const value = email[key] ?? false;
  if (typeof value !== 'boolean') throw invalid(key);
  return value;
}

/** SMTPPort is a string in Mattermost's document; a number is taken too. */
function port(email: JsonObject): number {
  const value = email.SMTPPort;
  const digits = typeof value === 'number' ? String(value) : value;
  if (typeof digits !== 'string' || !/^\d{1,5}$/.test(digits.trim())) throw invalid('SMTPPort');
  const parsed = Number(digits.trim());
  if (parsed < 1 || parsed > 65535) throw invalid('SMTPPort');
  return parsed;
}

function timeoutMs(email: JsonObject): number {
  const value = email.SMTPServerTimeout ?? 0;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid('SMTPServerTimeout');
  return (value > 0 ? value : DEFAULT_TIMEOUT_S) * 1000;
}

/** Whether EmailSettings name an SMTP server, so that the server can send email at all. */
export function smtpConfigured(email: JsonObject): boolean {
  return typeof email.SMTPServer === 'string' && email.SMTPServer.trim() !== '';
}

/** How to reach the SMTP server an EmailSettings section describes (the password as given: the caller resolves a mask). */
export function smtpSettingsOf(email: JsonObject): SmtpSettings {
  const security = SECURITY[text(email, 'ConnectionSecurity')];
  if (!security) throw invalid('ConnectionSecurity');
  return {
    host: text(email, 'SMTPServer').trim(),
    port: port(email),
    security,
    credentials: flag(email, 'EnableSMTPAuth') ? { username: text(email, 'SMTPUsername'), password: text(email, 'SMTPPassword') } : undefined,
    verifyCertificate: !flag(email, 'SkipServerCertificateVerification'),
    timeoutMs: timeoutMs(email),
  };
}

/** Who the server's email comes from: FeedbackEmail, shown as FeedbackName. */
export function senderOf(email: JsonObject): MailAddress {
  const address = text(email, 'FeedbackEmail').trim();
  if (address === '') throw invalid('FeedbackEmail');
  return { address, name: text(email, 'FeedbackName') };
}
