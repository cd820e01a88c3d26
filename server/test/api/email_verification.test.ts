import type { AdminConfig } from '@mattermost/types/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedToken } from '../../src/app/email/link_mail.js';
import type { SqlStore } from '../../src/store/sql/store.js';
import { createUser, raw, startTestServer, unique, type TestServer, type TestUser } from '../harness.js';
import { decodedMail, startSmtpSink, waitForMail, type ReceivedMail, type SmtpSink, sinkSettings } from '../smtp_sink.js';

const BAD_LINK = 'api.user.verify_email.bad_link.app_error';
const NOT_VERIFIED = 'api.user.login.not_verified.app_error';
const PASSWORD = 'correct-horse-battery';
const HOUR = 60 * 60 * 1000;

let server: TestServer;
let admin: TestUser;
let sink: SmtpSink;

const patchConfig = (patch: object) => admin.client.patchConfig(patch as Partial<AdminConfig>);
const requireVerification = (on: boolean) => patchConfig({ EmailSettings: { RequireEmailVerification: on } });

beforeAll(async () => {
  server = await startTestServer();
  admin = await createUser(server, 'verifyadmin');
  sink = await startSmtpSink();
  await patchConfig({ EmailSettings: sinkSettings(sink), ServiceSettings: { SiteURL: server.url } });
});
afterAll(async () => {
  await sink?.close();
  await server?.close();
});

const sendVerification = (body: unknown) => raw(server, 'POST', '/users/email/verify/send', { body: body as object });
const verify = (body: unknown) => raw(server, 'POST', '/users/email/verify', { body: body as object });
const login = (loginId: string, password = PASSWORD) => raw(server, 'POST', '/users/login', { body: { login_id: loginId, password } });
const clientConfig = async () => (await raw(server, 'GET', '/config/client?format=old')).body as Record<string, string>;
const db = () => (server.app.deps.store as SqlStore).db;
/** Waits long enough for a mail the server might (wrongly) be sending in the background to arrive. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 500));

function expectError(response: { status: number; body: any }, status: number, id: string): void {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.body).toMatchObject({ id, status_code: status });
}

const LINK = /(\S+)\/do_verify_email\?token=([A-Za-z0-9_-]+)&email=(\S+)/;

function linkIn(mail: ReceivedMail): { site: string; token: string; email: string } {
  const match = LINK.exec(decodedMail(mail));
  if (!match) throw new Error(`no verification link in:\n${mail.data}`);
  return { site: match[1], token: match[2], email: decodeURIComponent(match[3]) };
}

/** Signs up an account anonymously, as the sign-up page does, and returns it with the mail count before. */
async function signUp(prefix: string): Promise<{ id: string; username: string; email: string; before: number; body: any }> {
  const username = unique(prefix).toLowerCase().slice(0, 22);
  const email = `${username}@example.com`;
  const before = sink.received.length;
  const response = await raw(server, 'POST', '/users', { body: { username, email, password: PASSWORD } });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return { id: response.body.id, username, email, before, body: response.body };
}

describe('email verification', () => {
  it('offers RequireEmailVerification in the client config only when set and mail can be sent', async () => {
    expect((await clientConfig()).RequireEmailVerification).toBe('false');
    await requireVerification(true);
    try {
      expect((await clientConfig()).RequireEmailVerification).toBe('true');
      await patchConfig({ EmailSettings: { SMTPServer: '' } });
      expect((await clientConfig()).RequireEmailVerification).toBe('false');
    } finally {
      await patchConfig({ EmailSettings: { ...sinkSettings(sink), RequireEmailVerification: false } });
    }
  });

  it('when required: sign-up mails a one-time link, sign-in waits for it, and the link works once', async () => {
    await requireVerification(true);
    try {
      const account = await signUp('verifyme');
      expect(account.body.email_verified).toBe(false);
      const mail = await waitForMail(sink, account.email, account.before);
      expect(mail.to).toEqual([account.email]);
      expect(mail.data).toMatch(/^Subject: \[Parley\] Verify your email address/m);
      const link = linkIn(mail);
      expect(link.site).toBe(server.url);
      expect(link.email).toBe(account.email);
      expect(link.token).toMatch(/^[A-Za-z0-9_-]{64}$/);
      // Only a digest is kept.
      const stored = (await db().selectFrom('tokens').select(['token', 'type']).execute());
      expect(stored).toContainEqual({ token: storedToken(link.token), type: 'verify_email' });

      expectError(await login(account.username), 401, NOT_VERIFIED);
      expectError(await login(account.username, 'wrong-password'), 401, 'api.user.login.invalid_credentials_email_username');
      const verified = await verify({ token: link.token });
      expect(verified.status, JSON.stringify(verified.body)).toBe(200);
      expect(verified.body).toEqual({ status: 'OK' });
      const signedIn = await login(account.username);
      expect(signedIn.status).toBe(200);
      expect(signedIn.body.email_verified).toBe(true);
      expectError(await verify({ token: link.token }), 400, BAD_LINK);
    } finally {
      await requireVerification(false);
    }
  });

  it('sends a new link on request, to unverified accounts only, answering the same for unknown addresses', async () => {
    await requireVerification(true);
    try {
      const done = await signUp('verified');
      expect((await verify({ token: linkIn(await waitForMail(sink, done.email, done.before)).token })).status).toBe(200);
      const account = await signUp('resend');
      const first = linkIn(await waitForMail(sink, account.email, account.before));
      const before = sink.received.length;
      const unknown = `${unique('nobody')}@example.com`;
      for (const email of [unknown, done.email, account.email.toUpperCase()]) {
        const response = await sendVerification({ email });
        expect(response.status, JSON.stringify(response.body)).toBe(200);
        expect(response.body).toEqual({ status: 'OK' });
      }
      const second = linkIn(await waitForMail(sink, account.email, before));
      await settle();
      expect(sink.received.slice(before).flatMap((m) => m.to)).toEqual([account.email]);
      // The new link replaces the first.
      expectError(await verify({ token: first.token }), 400, BAD_LINK);
      expect((await verify({ token: second.token })).status).toBe(200);
      expect((await login(account.email)).status).toBe(200);
    } finally {
      await requireVerification(false);
    }
  });

  it('refuses a link older than 48 hours and accepts one just younger', async () => {
    await requireVerification(true);
    try {
      const late = await signUp('verifylate');
      const lateLink = linkIn(await waitForMail(sink, late.email, late.before));
      await db().updateTable('tokens').set({ create_at: Date.now() - 49 * HOUR }).where('token', '=', storedToken(lateLink.token)).execute();
      expectError(await verify({ token: lateLink.token }), 400, BAD_LINK);
      expectError(await login(late.username), 401, NOT_VERIFIED);

      const onTime = await signUp('verifyintime');
      const onTimeLink = linkIn(await waitForMail(sink, onTime.email, onTime.before));
      await db().updateTable('tokens').set({ create_at: Date.now() - 47 * HOUR }).where('token', '=', storedToken(onTimeLink.token)).execute();
      expect((await verify({ token: onTimeLink.token })).status).toBe(200);
      expect((await login(onTime.username)).status).toBe(200);
    } finally {
      await requireVerification(false);
    }
  });

  it('a change of address needs verifying again: a link goes to the new address, and the old one stops working', async () => {
    await requireVerification(true);
    let user: TestUser | undefined;
    try {
      const account = await signUp('mover');
      const oldLink = linkIn(await waitForMail(sink, account.email, account.before));
      await requireVerification(false);
      user = await createUserSession(account.username);
      await requireVerification(true);
      const newEmail = `${unique('moved')}@example.com`;
      const before = sink.received.length;
      const patched = await raw(server, 'PUT', '/users/me/patch', { token: user.token, body: { email: newEmail } });
      expect(patched.status, JSON.stringify(patched.body)).toBe(200);
      expect(patched.body.email_verified).toBe(false);
      const newLink = linkIn(await waitForMail(sink, newEmail, before));
      expect(newLink.email).toBe(newEmail);
      // The first link named the old address.
      expectError(await verify({ token: oldLink.token }), 400, BAD_LINK);
      expectError(await login(newEmail), 401, NOT_VERIFIED);
      expect((await verify({ token: newLink.token })).status).toBe(200);
      expect((await login(newEmail)).status).toBe(200);
    } finally {
      await requireVerification(false);
    }
  });

  it('an account that changes its address is unverified, with no mail when verification is not required', async () => {
    const user = await createUser(server, 'moverfree');
    const before = sink.received.length;
    const patched = await raw(server, 'PUT', '/users/me/patch', { token: user.token, body: { email: `${unique('free')}@example.com` } });
    expect(patched.status).toBe(200);
    expect(patched.body.email_verified).toBe(false);
    await settle();
    expect(sink.received).toHaveLength(before);
    expect((await login(user.user.username)).status).toBe(200);
  });

  it('when not required: sign-up sends nothing and signing in works, the address unverified as before', async () => {
    const account = await signUp('noverify');
    expect(account.body.email_verified).toBe(false);
    expect((await login(account.username)).status).toBe(200);
    await settle();
    expect(sink.received.slice(account.before).flatMap((m) => m.to)).not.toContain(account.email);
  });

  it('does not require verification while no mail can be sent', async () => {
    await patchConfig({ EmailSettings: { RequireEmailVerification: true, SMTPServer: '' } });
    try {
      const account = await signUp('nosmtp');
      expect((await login(account.username)).status).toBe(200);
      expectError(await sendVerification({ email: account.email }), 501, 'api.user.send_verification_email.smtp_disabled');
    } finally {
      await patchConfig({ EmailSettings: { ...sinkSettings(sink), RequireEmailVerification: false } });
    }
  });

  it('answers 400 to malformed bodies and tokens', async () => {
    for (const body of [{}, { email: '' }, { email: 'not-an-email' }, { email: 42 }, 'email=a@b.c', []]) {
      const response = await sendVerification(body);
      expect(response.status, JSON.stringify([body, response.body])).toBe(400);
    }
    for (const body of [{}, { token: 1 }, { token: 'x'.repeat(65) }, [], 'token']) {
      const response = await verify(body);
      expect(response.status, JSON.stringify([body, response.body])).toBe(400);
    }
    for (const token of ['', 'not a token!', 'A'.repeat(64)]) expectError(await verify({ token }), 400, BAD_LINK);
  });
});

/** Logs in an existing account with the test password and returns its session. */
async function createUserSession(username: string): Promise<TestUser> {
  const response = await login(username);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  const token = response.headers.get('token') ?? '';
  return { client: undefined as never, user: response.body, password: PASSWORD, token };
}
