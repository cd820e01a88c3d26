import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { EmailSettings } from '@mattermost/types/config';
import { SMTPServer } from 'smtp-server';

/** A self-signed certificate for localhost and 127.0.0.1 (test/fixtures/smtp_tls). */
export const TEST_TLS = {
  key: readFileSync(new URL('./fixtures/smtp_tls/key.pem', import.meta.url)),
  cert: readFileSync(new URL('./fixtures/smtp_tls/cert.pem', import.meta.url)),
};

export interface ReceivedMail {
  /** The envelope's sender (MAIL FROM). */
  from: string;
  /** The envelope's recipients (RCPT TO). */
  to: string[];
  /** The message as sent: headers and body. */
  data: string;
  /** Whether it came over TLS. */
  secure: boolean;
}

export interface SmtpSink {
  port: number;
  received: ReceivedMail[];
  close(): Promise<void>;
}

/**
 * A real SMTP server on 127.0.0.1 and an ephemeral port that keeps what it receives. With `login` it accepts only
 * that username and password; with `starttls` it offers STARTTLS with the test certificate.
 */
export async function startSmtpSink(options: { login?: { username: string; password: string }; starttls?: boolean } = {}): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    logger: false,
    ...(options.starttls ? TEST_TLS : { disabledCommands: ['STARTTLS'] }),
    authOptional: !options.login,
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      const { login } = options;
      if (login && auth.username === login.username && auth.password === login.password) callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const { mailFrom, rcptTo } = session.envelope;
        received.push({
          from: mailFrom ? mailFrom.address : '', to: rcptTo.map((r) => r.address), data: Buffer.concat(chunks).toString('utf8'), secure: session.secure,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The message with quoted-printable undone (soft line breaks joined, `=XX` decoded), so that links read whole. */
export function decodedMail(mail: ReceivedMail): string {
  return mail.data.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Waits until a message to `address` arrives (beyond the first `after` received), and returns it. */
export async function waitForMail(sink: SmtpSink, address: string, after = 0, timeoutMs = 10_000): Promise<ReceivedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mail = sink.received.slice(after).find((m) => m.to.includes(address));
    if (mail) return mail;
    if (Date.now() > deadline) throw new Error(`no email to ${address} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** EmailSettings that send through the sink, from a fixed sender. */
export const sinkSettings = (sink: SmtpSink): Partial<EmailSettings> => ({
  SMTPServer: '127.0.0.1', SMTPPort: String(sink.port), ConnectionSecurity: '', EnableSMTPAuth: false,
  FeedbackEmail: 'feedback@parley.test', FeedbackName: 'Parley Feedback',
});
