import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
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
