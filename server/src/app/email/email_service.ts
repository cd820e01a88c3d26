import { isObject, type JsonObject } from '../../config/document/paths.js';
import { MASKED } from '../../config/document/secrets.js';
import { DeliveryError } from '../../email/mailer.js';
import { AppError, badBodyParam, notFound } from '../../model/errors.js';
import type { Actor } from '../actor.js';
import { requireAnySystem } from '../admin/system_permission.js';
import type { AppDeps } from '../deps.js';
import type { Permissions } from '../permissions.js';
import { senderOf, smtpSettingsOf } from './smtp_settings.js';

/** Who may test the SMTP settings: whoever may change them (Mattermost's test_email is part of system_admin too). */
const TEST_PERMISSIONS = ['manage_system', 'sysconsole_write_environment_smtp', 'test_email'];

/** A test holds an HTTP request open: it answers within this whatever SMTPServerTimeout says. */
const TEST_TIMEOUT_CAP_MS = 60_000;

const missingServer = (): AppError =>
  new AppError('api.admin.test_email.missing_server', 'An SMTP server is required to send a test email.', 400);

const reenterPassword = (): AppError =>
  new AppError('api.admin.test_email.reenter_password',
    'The SMTP server, port or username has changed. Please enter the SMTP password again to test the connection.', 400);

// Upstream answers 500 here; a server that cannot be reached, or refuses, is a problem with the settings sent, so 400.
const failed = (err: DeliveryError): AppError => new AppError('app.admin.test_email.failure', `Connection unsuccessful: ${err.message}`, 400);

/** The server's outgoing email. */
export class EmailService {
  constructor(private readonly deps: AppDeps, private readonly permissions: Permissions) {}

  /**
   * Mattermost's POST /email/test: sends one message to the caller with the email settings in `document`
   * (the console's unsaved form, whole or in part; what it leaves out is taken from the saved settings).
   */
  async sendTest(actor: Actor, document: JsonObject): Promise<void> {
    requireAnySystem(this.permissions, actor, TEST_PERMISSIONS);
    const saved = this.deps.liveConfig.document.EmailSettings as unknown as JsonObject;
    const given = document.EmailSettings ?? {};
    if (!isObject(given)) throw badBodyParam('EmailSettings');
    const form: JsonObject = { ...saved, ...given };
    if (isBlank(form.SMTPServer)) throw missingServer();
    if (given.SMTPPassword === undefined || given.SMTPPassword === MASKED) form.SMTPPassword = savedPasswordFor(form, saved);
    const settings = smtpSettingsOf(form);
    const from = senderOf(form);
    const user = await this.deps.store.users.get(actor.userId);
    if (!user) throw notFound('user');
    const siteName = this.deps.config.siteName;
    try {
      await this.deps.mailer.send({ ...settings, timeoutMs: Math.min(settings.timeoutMs, TEST_TIMEOUT_CAP_MS) }, {
        from, to: user.email,
        subject: `${siteName}: test email`,
        text: `This message was sent from ${siteName} to test its email settings. They work: it can send email through ${settings.host}:${settings.port}.`,
      });
    } catch (err) {
      if (!(err instanceof DeliveryError)) throw err;
      this.deps.log.warn({ failure: err.failure, server: `${settings.host}:${settings.port}` }, 'test email not delivered');
      throw failed(err);
    }
  }
}

const isBlank = (value: unknown): boolean => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/**
 * The saved password, for a form that sent the mask (or nothing) in its place. It only goes to the account it was
 * saved for: with a different server, port or username the administrator has to type it again.
 */
function savedPasswordFor(form: JsonObject, saved: JsonObject): unknown {
  const sameAccount = form.SMTPServer === saved.SMTPServer && String(form.SMTPPort) === String(saved.SMTPPort) && form.SMTPUsername === saved.SMTPUsername;
  if (form.EnableSMTPAuth === true && saved.SMTPPassword !== '' && !sameAccount) throw reenterPassword();
  return saved.SMTPPassword;
}
