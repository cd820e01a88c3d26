import { createHash, randomBytes } from 'node:crypto';
import type { JsonObject } from '../../config/document/paths.js';
import type { MailAddress, SmtpSettings } from '../../email/mailer.js';
import { escapeHtml } from '../../model/html.js';
import type { AppDeps } from '../deps.js';
import { emailLinksUnavailable, type EmailLinkBlocker } from './reset_availability.js';
import { senderOf, smtpSettingsOf } from './smtp_settings.js';

/** 48 random bytes: 64 URL-safe characters, as password reset links. */
const TOKEN_BYTES = 48;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{1,64}$/;

/** What the tokens table keeps of a link's token: its SHA-256, so reading the database does not give anyone a link. */
export const storedToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** A new secret for a link (the tokens table keeps only its digest, `storedToken`). */
export const newLinkToken = (): string => randomBytes(TOKEN_BYTES).toString('base64url');

/** Whether `token` could be a link's token at all (anything else is refused before a lookup). */
export const isLinkTokenShape = (token: string): boolean => TOKEN_SHAPE.test(token);

/** How to send a link by email now: the SMTP server, the sender and the site the link names. */
export interface LinkMailRoute {
  smtp: SmtpSettings;
  from: MailAddress;
  /** SiteURL without a trailing slash. */
  siteUrl: string;
}

/** Where links can be mailed from now, or why they cannot. */
export function linkMailRoute(deps: AppDeps): LinkMailRoute | EmailLinkBlocker {
  const settings = deps.liveConfig.document.EmailSettings as unknown as JsonObject;
  const blocker = emailLinksUnavailable(settings, deps.config.siteUrl);
  if (blocker) return blocker;
  return { smtp: smtpSettingsOf(settings), from: senderOf(settings), siteUrl: deps.config.siteUrl.replace(/\/+$/, '') };
}

/** Whether links can be mailed now (an SMTP server and SiteURL are set). */
export function canMailLinks(deps: AppDeps): boolean {
  return typeof linkMailRoute(deps) !== 'string';
}

/** The string values of a token's extra JSON, or undefined when it is not a JSON object. */
export function tokenExtra(extra: string): Record<string, string> | undefined {
  try {
    const parsed: unknown = JSON.parse(extra);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) if (typeof value === 'string') out[key] = value;
    return out;
  } catch {
    return undefined;
  }
}

/** A message around one link: paragraphs before it, a button, the link in full, and paragraphs after. */
export interface LinkMessage {
  before: string[];
  button: string;
  link: string;
  /** Says how long the link works, e.g. 'within the next 48 hours'. */
  within: string;
  after: string[];
}

/** The message as plain text and as HTML (every value escaped). */
export function renderLinkMessage(m: LinkMessage): { text: string; html: string } {
  const text = [...m.before, '', `${m.button}: open this link ${m.within}:`, m.link, '', ...m.after].join('\n');
  const href = escapeHtml(m.link);
  const html = `<!doctype html><html><body style="font-family: sans-serif; line-height: 1.5">
${m.before.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
<p><a href="${href}" style="display: inline-block; padding: 8px 16px; background: #1c58d9; color: #fff; text-decoration: none; border-radius: 4px">${escapeHtml(m.button)}</a></p>
<p>Or open this link ${escapeHtml(m.within)}: <a href="${href}">${href}</a></p>
${m.after.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
</body></html>`;
  return { text, html };
}

/**
 * Whether email accounts must verify their address before signing in: EmailSettings.RequireEmailVerification, and
 * only while the server can mail the verification link (otherwise nobody could ever sign in). The client config
 * reports the same answer.
 */
export function emailVerificationRequired(deps: AppDeps): boolean {
  return deps.liveConfig.document.EmailSettings.RequireEmailVerification === true && canMailLinks(deps);
}
