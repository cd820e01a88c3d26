import { isIP } from 'node:net';
import { createTransport, type NodemailerError, type Transporter } from 'nodemailer';
import { DeliveryError, type Mailer, type OutgoingMail, type SmtpSettings } from '../mailer.js';

/** Node's codes for a certificate that does not verify: a TLS failure, whichever step met it. */
const CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_UNTRUSTED', 'CERT_REJECTED',
]);

/** Connections kept open to one SMTP server at most: as many as the job runner sends at once. */
const POOL_CONNECTIONS = 4;
/** A pool unused this long is closed. */
const IDLE_CLOSE_MS = 30_000;

interface Pool {
  transport: Transporter;
  idle?: NodeJS.Timeout;
}

/**
 * Sends with nodemailer over pooled connections, one pool per set of settings: a batch of notification emails
 * reuses the connection, its TLS handshake and its login instead of paying them per message. A send that fails
 * closes its pool, so the next one starts on a fresh connection (and settings changed since make a new pool).
 */
export class NodemailerMailer implements Mailer {
  private readonly pools = new Map<string, Pool>();

  async send(settings: SmtpSettings, mail: OutgoingMail): Promise<void> {
    const key = JSON.stringify(settings);
    const pool = this.poolFor(key, settings);
    clearTimeout(pool.idle);
    try {
      // Each step has its own timeout; the signal bounds them all together.
      await pool.transport.sendMail({
        from: { address: mail.from.address, name: mail.from.name }, to: mail.to, subject: mail.subject, text: mail.text,
        ...(mail.html !== undefined ? { html: mail.html } : {}),
        signal: AbortSignal.timeout(settings.timeoutMs),
      });
    } catch (err) {
      this.closePool(key);
      throw deliveryError(err as NodemailerError, settings);
    }
    if (this.pools.get(key) === pool) {
      pool.idle = setTimeout(() => this.closePool(key), IDLE_CLOSE_MS);
      pool.idle.unref();
    }
  }

  close(): void {
    for (const key of [...this.pools.keys()]) this.closePool(key);
  }

  private poolFor(key: string, settings: SmtpSettings): Pool {
    const existing = this.pools.get(key);
    if (existing) return existing;
    const { host, port, security, credentials, verifyCertificate, timeoutMs } = settings;
    const pool: Pool = {
      transport: createTransport({
        pool: true, maxConnections: POOL_CONNECTIONS,
        host, port,
        secure: security === 'tls',
        requireTLS: security === 'starttls',
        ignoreTLS: security === 'none',
        auth: credentials && { user: credentials.username, pass: credentials.password },
        tls: { rejectUnauthorized: verifyCertificate, ...(isIP(host) ? {} : { servername: host }) },
        connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs, dnsTimeout: timeoutMs,
        logger: false, disableFileAccess: true, disableUrlAccess: true,
      }),
    };
    this.pools.set(key, pool);
    return pool;
  }

  private closePool(key: string): void {
    const pool = this.pools.get(key);
    if (!pool) return;
    this.pools.delete(key);
    clearTimeout(pool.idle);
    pool.transport.close();
  }
}

/** OpenSSL's errors carry their reason apart from a long technical message. */
type TlsError = NodemailerError & { reason?: string };

function deliveryError(err: TlsError, { host, port, timeoutMs }: SmtpSettings): DeliveryError {
  const server = `${host}:${port}`;
  const reason = (err.reason ?? err.message).trim();
  const code = err.originalCode ?? err.code ?? '';
  if (CERTIFICATE_CODES.has(code) || code.startsWith('ERR_SSL_') || err.code === 'ETLS') {
    return new DeliveryError('tls', `The TLS connection to the SMTP server at ${server} failed: ${reason}`);
  }
  switch (err.code) {
    case 'EAUTH':
    case 'ENOAUTH':
      return new DeliveryError('authentication', `The SMTP server at ${server} did not accept the username and password: ${reason}`);
    case 'ETIMEDOUT':
    case 'EABORT':
      return new DeliveryError('timeout', `The SMTP server at ${server} did not answer within ${timeoutMs / 1000} s.`);
    case 'ECONNECTION':
    case 'ESOCKET':
    case 'EDNS':
    case 'EPROTOCOL':
      return new DeliveryError('unreachable', `Could not talk to the SMTP server at ${server}: ${reason}`);
    default:
      return new DeliveryError('rejected', `The SMTP server at ${server} refused the message: ${reason}`);
  }
}
