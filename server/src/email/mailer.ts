/**
 * Outgoing email, behind an interface so the app never depends on how mail
 * leaves the server: the composition root (parley.ts) chooses the transport.
 */

/** How to reach an SMTP server: what Mattermost's EmailSettings describe. */
export interface SmtpSettings {
  host: string;
  port: number;
  /**
   * `none`: plain SMTP, never upgraded (Mattermost's ''); `tls`: TLS from the first byte ('TLS');
   * `starttls`: upgraded before anything else is said, or the send fails ('STARTTLS').
   */
  security: 'none' | 'tls' | 'starttls';
  /** Log in with these, or send without logging in. */
  credentials: { username: string; password: string } | undefined;
  /** Refuse a certificate that does not verify (off only for self-signed test servers). */
  verifyCertificate: boolean;
  /** The most one send may take, connecting included. */
  timeoutMs: number;
}

export interface MailAddress {
  address: string;
  /** Display name; '' for the bare address. */
  name: string;
}

export interface OutgoingMail {
  from: MailAddress;
  to: string;
  subject: string;
  text: string;
  /** An HTML alternative to `text`, for clients that show it. */
  html?: string;
}

/** Why a send failed, for a message the administrator can act on. */
export type DeliveryFailure = 'unreachable' | 'timeout' | 'tls' | 'authentication' | 'rejected';

/** A send that did not reach the server's acceptance; the message says what happened, in words. */
export class DeliveryError extends Error {
  constructor(readonly failure: DeliveryFailure, message: string) {
    super(message);
    this.name = 'DeliveryError';
  }
}

export interface Mailer {
  /** Delivers one message to the SMTP server, or throws a DeliveryError. */
  send(settings: SmtpSettings, mail: OutgoingMail): Promise<void>;
  /** Closes the connections it keeps open (at shutdown). */
  close(): void;
}
