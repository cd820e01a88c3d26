import http from 'node:http';
import type { AdminConfig } from '@mattermost/types/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditView } from '../../src/app/admin/audit.js';
import { storedToken } from '../../src/app/email/link_mail.js';
import type { SqlStore } from '../../src/store/sql/store.js';
import { createUser, newClient, raw, startTestServer, unique, type TestServer, type TestUser } from '../harness.js';
import { decodedMail, startSmtpSink, waitForMail, type ReceivedMail, type SmtpSink, sinkSettings } from '../smtp_sink.js';

const MAX_ATTEMPTS = 3;
const INVALID_LINK = 'api.user.reset_password.invalid_link.app_error';
const LINK_EXPIRED = 'api.user.reset_password.link_expired.app_error';
const LOCKED = 'api.user.check_user_login_attempts.too_many.app_error';
const NEW_PASSWORD = 'a-brand-new-password';

let server: TestServer;
let admin: TestUser;
let sink: SmtpSink;

const patchConfig = (patch: object) => admin.client.patchConfig(patch as Partial<AdminConfig>);

beforeAll(async () => {
  server = await startTestServer({ maximumLoginAttempts: MAX_ATTEMPTS });
  admin = await createUser(server, 'resetadmin');
  sink = await startSmtpSink();
  await patchConfig({ EmailSettings: sinkSettings(sink), ServiceSettings: { SiteURL: server.url } });
});
afterAll(async () => {
  await sink?.close();
  await server?.close();
});

const sendReset = (body: unknown) => raw(server, 'POST', '/users/password/reset/send', { body: body as object });
const resetPassword = (body: unknown) => raw(server, 'POST', '/users/password/reset', { body: body as object });
const login = (loginId: string, password: string) => raw(server, 'POST', '/users/login', { body: { login_id: loginId, password } });
const db = () => (server.app.deps.store as SqlStore).db;

function expectError(response: { status: number; body: any }, status: number, id: string): void {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.body).toMatchObject({ id, status_code: status });
  expect(typeof response.body.message).toBe('string');
}

const LINK = /(\S+)\/reset_password_complete\?token=([A-Za-z0-9_-]+)/;

function tokenIn(mail: ReceivedMail): string {
  const match = LINK.exec(decodedMail(mail));
  if (!match) throw new Error(`no reset link in:\n${mail.data}`);
  return match[2];
}

/** Asks for a reset link for `email` and returns the mail that brought it (addresses are kept lower-cased). */
async function requestLink(email: string): Promise<ReceivedMail> {
  const before = sink.received.length;
  const response = await sendReset({ email });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  expect(response.body).toEqual({ status: 'OK' });
  return waitForMail(sink, email.toLowerCase(), before);
}

/** A POST whose Host header names another site, as a forged request would. */
function postWithHost(path: string, host: string, body: object): Promise<number> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, path, method: 'POST', headers: { Host: host, 'Content-Type': 'application/json' } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.once('error', reject);
    request.end(JSON.stringify(body));
  });
}

/** Waits long enough for a mail the server might (wrongly) be sending in the background to arrive. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 500));

describe('POST /users/password/reset/send and /users/password/reset', () => {
  it('mails a one-time link to the account; it sets the password, ends the sessions and works only once', async () => {
    const user = await createUser(server, 'resetme');
    const mail = await requestLink(user.user.email.toUpperCase());
    expect(mail.to).toEqual([user.user.email]);
    expect(mail.from).toBe('feedback@parley.test');
    expect(mail.data).toMatch(/^From: "?Parley Feedback"? <feedback@parley\.test>/m);
    expect(mail.data).toMatch(/^Subject: \[Parley\] Reset your password/m);
    expect(mail.data).toMatch(/Content-Type: text\/plain/);
    expect(mail.data).toMatch(/Content-Type: text\/html/);
    const text = decodedMail(mail);
    expect(LINK.exec(text)?.[1]).toBe(server.url);
    const token = tokenIn(mail);
    expect(token).toMatch(/^[A-Za-z0-9_-]{64}$/);
    // The database keeps only a digest: reading it gives nobody a working link.
    const stored = await db().selectFrom('tokens').select('token').execute();
    expect(stored.map((row) => row.token)).toContain(storedToken(token));
    expect(stored.map((row) => row.token)).not.toContain(token);
    expect(text).toContain(user.user.username);

    expect((await raw(server, 'GET', '/users/me', { token: user.token })).status).toBe(200);
    const reset = await resetPassword({ token, new_password: NEW_PASSWORD });
    expect(reset.status, JSON.stringify(reset.body)).toBe(200);
    expect(reset.body).toEqual({ status: 'OK' });

    // The sessions from before are gone; the old password fails and the new one works.
    expect((await raw(server, 'GET', '/users/me', { token: user.token })).status).toBe(401);
    expect((await login(user.user.username, user.password)).status).toBe(401);
    const fresh = await login(user.user.username, NEW_PASSWORD);
    expect(fresh.status).toBe(200);
    expect(fresh.body.id).toBe(user.user.id);

    expectError(await resetPassword({ token, new_password: 'yet-another-password' }), 400, INVALID_LINK);
    expect((await login(user.user.username, NEW_PASSWORD)).status).toBe(200);
  });

  it('works with the official client\'s calls', async () => {
    const user = await createUser(server, 'resetclient');
    const client = newClient(server);
    const before = sink.received.length;
    expect(await client.sendPasswordResetEmail(user.user.email)).toEqual({ status: 'OK' });
    const token = tokenIn(await waitForMail(sink, user.user.email, before));
    expect(await client.resetUserPassword(token, NEW_PASSWORD)).toEqual({ status: 'OK' });
    expect((await newClient(server).login(user.user.username, NEW_PASSWORD)).id).toBe(user.user.id);
  });

  it('puts SiteURL in the link, never the Host the request names; without SiteURL no link is offered or sent', async () => {
    const user = await createUser(server, 'resetsite');
    const before = sink.received.length;
    expect(await postWithHost('/api/v4/users/password/reset/send', 'evil.example', { email: user.user.email })).toBe(200);
    const mail = await waitForMail(sink, user.user.email, before);
    expect(LINK.exec(decodedMail(mail))?.[1]).toBe(server.url);
    await patchConfig({ ServiceSettings: { SiteURL: '' } });
    try {
      expect((await raw(server, 'GET', '/config/client?format=old')).body.PasswordEnableForgotLink).toBe('false');
      const sent = sink.received.length;
      expectError(await sendReset({ email: user.user.email }), 501, 'api.user.send_password_reset.site_url_missing');
      await settle();
      expect(sink.received).toHaveLength(sent);
    } finally {
      await patchConfig({ ServiceSettings: { SiteURL: server.url } });
    }
  });

  it('keeps one link per account: a new request replaces the earlier one', async () => {
    const user = await createUser(server, 'resettwice');
    const first = tokenIn(await requestLink(user.user.email));
    const second = tokenIn(await requestLink(user.user.email));
    expect(second).not.toBe(first);
    expectError(await resetPassword({ token: first, new_password: NEW_PASSWORD }), 400, INVALID_LINK);
    expect((await resetPassword({ token: second, new_password: NEW_PASSWORD })).status).toBe(200);
  });

  it('refuses a link older than an hour, and uses it up', async () => {
    const user = await createUser(server, 'resetlate');
    const token = tokenIn(await requestLink(user.user.email));
    // Just inside the hour it would still work: moved to 2 hours ago, it has expired.
    await db().updateTable('tokens').set({ create_at: Date.now() - 2 * 60 * 60 * 1000 }).where('token', '=', storedToken(token)).execute();
    expectError(await resetPassword({ token, new_password: NEW_PASSWORD }), 400, LINK_EXPIRED);
    expect((await login(user.user.username, NEW_PASSWORD)).status).toBe(401);
    expect((await login(user.user.username, user.password)).status).toBe(200);
    expectError(await resetPassword({ token, new_password: NEW_PASSWORD }), 400, INVALID_LINK);
  });

  it('accepts a link just under an hour old', async () => {
    const user = await createUser(server, 'resetintime');
    const token = tokenIn(await requestLink(user.user.email));
    await db().updateTable('tokens').set({ create_at: Date.now() - 59 * 60 * 1000 }).where('token', '=', storedToken(token)).execute();
    expect((await resetPassword({ token, new_password: NEW_PASSWORD })).status).toBe(200);
  });

  it('refuses a link sent to an address the account no longer has', async () => {
    const user = await createUser(server, 'resetmoved');
    const token = tokenIn(await requestLink(user.user.email));
    await user.client.patchUser({ id: user.user.id, email: `${unique('moved')}@example.com` } as never);
    expectError(await resetPassword({ token, new_password: NEW_PASSWORD }), 400, LINK_EXPIRED);
    expect((await login(user.user.username, NEW_PASSWORD)).status).toBe(401);
  });

  it('lets exactly one of two simultaneous uses of a link through', async () => {
    const user = await createUser(server, 'resetrace');
    const token = tokenIn(await requestLink(user.user.email));
    const results = await Promise.all([
      resetPassword({ token, new_password: 'first-new-password' }), resetPassword({ token, new_password: 'second-new-password' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 400]);
    const loser = results.find((r) => r.status === 400);
    expect(loser?.body.id).toBe(INVALID_LINK);
    const winner = results[0].status === 200 ? 'first-new-password' : 'second-new-password';
    expect((await login(user.user.username, winner)).status).toBe(200);
  });

  it('keeps the link when the new password breaks the password policy', async () => {
    const user = await createUser(server, 'resetshort');
    const token = tokenIn(await requestLink(user.user.email));
    expectError(await resetPassword({ token, new_password: 'short' }), 400, 'model.user.is_valid.pwd_min_length.app_error');
    expect((await login(user.user.username, user.password)).status).toBe(200);
    expect((await resetPassword({ token, new_password: NEW_PASSWORD })).status).toBe(200);
  });

  it('unlocks an account locked by failed logins', async () => {
    const user = await createUser(server, 'resetlocked');
    for (let i = 0; i < MAX_ATTEMPTS; i++) expect((await login(user.user.username, `wrong-${i}`)).status).toBe(401);
    expectError(await login(user.user.username, user.password), 401, LOCKED);
    const token = tokenIn(await requestLink(user.user.email));
    expect((await resetPassword({ token, new_password: NEW_PASSWORD })).status).toBe(200);
    const after = await login(user.user.username, NEW_PASSWORD);
    expect(after.status, JSON.stringify(after.body)).toBe(200);
  });

  it('answers OK for an unknown or deactivated account and sends nothing', async () => {
    const unknown = `${unique('nobody')}@example.com`;
    const gone = await createUser(server, 'resetgone');
    expect((await raw(server, 'DELETE', `/users/${gone.user.id}`, { token: admin.token })).status).toBe(200);
    const before = sink.received.length;
    for (const email of [unknown, gone.user.email]) {
      const response = await sendReset({ email });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      expect(response.body).toEqual({ status: 'OK' });
    }
    // A known account asked for afterwards gets its mail; by then, and a while after, nothing went to the others.
    const known = await createUser(server, 'resetknown');
    await requestLink(known.user.email);
    await settle();
    const recipients = sink.received.slice(before).flatMap((m) => m.to);
    expect(recipients).toEqual([known.user.email]);
    const rows = await db().selectFrom('tokens').select('extra').execute();
    expect(rows.some((row) => row.extra.includes(gone.user.id))).toBe(false);
  });

  it('audits the sending and the use of a link', async () => {
    const user = await createUser(server, 'resetaudit');
    const token = tokenIn(await requestLink(user.user.email));
    expect((await resetPassword({ token, new_password: NEW_PASSWORD })).status).toBe(200);
    const audits = (await raw(server, 'GET', `/audits?per_page=200`, { token: admin.token })).body as AuditView[];
    const mine = audits.filter((a) => a.user_id === user.user.id);
    expect(mine.find((a) => a.action === 'user.password.reset.send')).toMatchObject({ result: 'success', object: user.user.id });
    expect(mine.find((a) => a.action === 'user.password.reset.link')).toMatchObject({ result: 'success', object: user.user.id });
    expect(mine.every((a) => !a.extra_info.includes(token))).toBe(true);
  });

  it('answers 400 to bodies of the wrong shape', async () => {
    for (const body of [{}, { email: '' }, { email: 'not-an-email' }, { email: 42 }, { email: `${'a'.repeat(250)}@example.com` }, 'email=a@b.c']) {
      const response = await sendReset(body);
      expect(response.status, JSON.stringify([body, response.body])).toBe(400);
      expect(typeof response.body.id).toBe('string');
    }
    expectError(await sendReset({ email: 'not-an-email' }), 400, 'api.context.invalid_body_param.app_error');
    for (const body of [{}, { token: 'abc' }, { new_password: NEW_PASSWORD }, { token: 'x'.repeat(65), new_password: NEW_PASSWORD }, { token: 1, new_password: NEW_PASSWORD }]) {
      const response = await resetPassword(body);
      expect(response.status, JSON.stringify([body, response.body])).toBe(400);
    }
    expectError(await resetPassword({ token: 'not a token!', new_password: NEW_PASSWORD }), 400, INVALID_LINK);
    expectError(await resetPassword({ token: '', new_password: NEW_PASSWORD }), 400, INVALID_LINK);
    expectError(await resetPassword({ token: 'A'.repeat(64), new_password: NEW_PASSWORD }), 400, INVALID_LINK);
  });

  it('offers the forgot-password link only with an SMTP server and EnableForgotLink; without a server it answers 501', async () => {
    const forgotLink = async () => (await raw(server, 'GET', '/config/client?format=old')).body.PasswordEnableForgotLink;
    const user = await createUser(server, 'resetnosmtp');
    expect(await forgotLink()).toBe('true');
    try {
      await patchConfig({ PasswordSettings: { EnableForgotLink: false } });
      expect(await forgotLink()).toBe('false');
      await patchConfig({ PasswordSettings: { EnableForgotLink: true }, EmailSettings: { SMTPServer: '' } });
      expect(await forgotLink()).toBe('false');
      const before = sink.received.length;
      const response = await sendReset({ email: user.user.email });
      expectError(response, 501, 'api.user.send_password_reset.smtp_disabled');
      expect(response.body.message).toMatch(/SMTP/);
      await settle();
      expect(sink.received).toHaveLength(before);
    } finally {
      await patchConfig({ PasswordSettings: { EnableForgotLink: true }, EmailSettings: sinkSettings(sink) });
    }
    expect(await forgotLink()).toBe('true');
  });
});

describe('rate limit on password reset', () => {
  let limited: TestServer;
  beforeAll(async () => {
    // An SMTP server and a site URL, so requests for a link are accepted (no address here has an account: nothing is sent).
    limited = await startTestServer({ authRateLimitPerMinute: 1, authRateLimitBurst: 2, siteUrl: 'http://chat.parley.test' }, { MM_EMAILSETTINGS_SMTPSERVER: '127.0.0.1' });
  });
  afterAll(async () => {
    await limited?.close();
  });

  it('limits requests for links and failed resets per address, as login', async () => {
    const statuses = async (path: string, body: object) => {
      const out: number[] = [];
      for (let i = 0; i < 3; i++) out.push((await raw(limited, 'POST', path, { body })).status);
      return out;
    };
    // Every request for a link counts, successful ones too (an unknown address sends nothing).
    expect(await statuses('/users/password/reset/send', { email: 'someone@example.com' })).toEqual([200, 200, 429]);
    // Only failed resets count, in a bucket of their own.
    expect(await statuses('/users/password/reset', { token: 'A'.repeat(64), new_password: NEW_PASSWORD })).toEqual([400, 400, 429]);
  });
});
