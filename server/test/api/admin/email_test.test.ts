import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { AdminConfig, EmailSettings } from '@mattermost/types/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditView } from '../../../src/app/admin/audit.js';
import { createUser, raw, startTestServer, type TestServer, type TestUser } from '../../harness.js';
import { startSmtpSink, type SmtpSink } from '../../smtp_sink.js';

const MASK = '********************************';
const LOGIN = { username: 'mailer', password: 'smtp-secret-1' };

let server: TestServer;
let admin: TestUser;
let member: TestUser;
let plain: SmtpSink;
let withLogin: SmtpSink;
let starttls: SmtpSink;

beforeAll(async () => {
  server = await startTestServer();
  admin = await createUser(server, 'mailadmin');
  member = await createUser(server, 'mailmember');
  [plain, withLogin, starttls] = await Promise.all([startSmtpSink(), startSmtpSink({ login: LOGIN }), startSmtpSink({ login: LOGIN, starttls: true })]);
});
afterAll(async () => {
  await Promise.all([plain, withLogin, starttls].map((sink) => sink?.close()));
  await server?.close();
});

/** The console's form: the saved document with the email settings under test. */
async function form(email: Partial<EmailSettings>): Promise<AdminConfig> {
  const config = await admin.client.getConfig();
  return { ...config, EmailSettings: { ...config.EmailSettings, FeedbackEmail: 'feedback@parley.test', FeedbackName: 'Parley Feedback', ...email } };
}

const smtp = (sink: { port: number }, email: Partial<EmailSettings> = {}): Partial<EmailSettings> => ({
  SMTPServer: '127.0.0.1', SMTPPort: String(sink.port), ConnectionSecurity: '', EnableSMTPAuth: false, SkipServerCertificateVerification: false, ...email,
});

const testEmail = (token: string, body: object) => raw(server, 'POST', '/email/test', { token, body });

function expectError(response: { status: number; body: any }, status: number, id: string, message?: RegExp): void {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.body).toMatchObject({ id, status_code: status });
  if (message) expect(response.body.message).toMatch(message);
}

/** A port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const listener = createServer();
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const { port } = listener.address() as AddressInfo;
  await new Promise((resolve) => listener.close(resolve));
  return port;
}

describe('POST /email/test', () => {
  it('sends one message to the calling admin from FeedbackEmail with the settings in the body, leaving the saved ones alone', async () => {
    const before = plain.received.length;
    expect(await admin.client.testEmail(await form(smtp(plain)))).toEqual({ status: 'OK' });
    expect(plain.received).toHaveLength(before + 1);
    const mail = plain.received[before];
    expect(mail.to).toEqual([admin.user.email]);
    expect(mail.from).toBe('feedback@parley.test');
    expect(mail.secure).toBe(false);
    expect(mail.data).toMatch(/^From: "?Parley Feedback"? <feedback@parley\.test>/m);
    expect(mail.data).toMatch(new RegExp(`^To: ${admin.user.email}`, 'm'));
    expect(mail.data).toMatch(/^Subject: Parley: test email/m);
    expect(mail.data).toContain('to test its email settings');
    expect(server.app.deps.liveConfig.document.EmailSettings.SMTPServer).toBe('');
  });

  it('takes what a partial body leaves out from the saved settings', async () => {
    const before = plain.received.length;
    const response = await testEmail(admin.token, { EmailSettings: { SMTPServer: '127.0.0.1', SMTPPort: String(plain.port) } });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'OK' });
    expect(plain.received[before].from).toBe(server.app.deps.liveConfig.document.EmailSettings.FeedbackEmail);
  });

  it('logs in when EnableSMTPAuth is set: a wrong password is a 400 saying so, the right one delivers', async () => {
    const before = withLogin.received.length;
    const wrong = await testEmail(admin.token, await form(smtp(withLogin, { EnableSMTPAuth: true, SMTPUsername: LOGIN.username, SMTPPassword: 'not-the-password' })));
    expectError(wrong, 400, 'app.admin.test_email.failure', /did not accept the username and password/);
    expect(withLogin.received).toHaveLength(before);
    const right = await testEmail(admin.token, await form(smtp(withLogin, { EnableSMTPAuth: true, SMTPUsername: LOGIN.username, SMTPPassword: LOGIN.password })));
    expect(right.status, JSON.stringify(right.body)).toBe(200);
    expect(withLogin.received).toHaveLength(before + 1);
    expect(withLogin.received[before].to).toEqual([admin.user.email]);
  });

  it('upgrades with STARTTLS, refusing a self-signed certificate unless SkipServerCertificateVerification is set', async () => {
    const before = starttls.received.length;
    const tls = { ConnectionSecurity: 'STARTTLS', EnableSMTPAuth: true, SMTPUsername: LOGIN.username, SMTPPassword: LOGIN.password };
    const verified = await testEmail(admin.token, await form(smtp(starttls, tls)));
    expectError(verified, 400, 'app.admin.test_email.failure', /TLS connection to the SMTP server at 127\.0\.0\.1:\d+ failed: .*self[- ]signed/i);
    expect(starttls.received).toHaveLength(before);
    const skipped = await testEmail(admin.token, await form(smtp(starttls, { ...tls, SkipServerCertificateVerification: true })));
    expect(skipped.status, JSON.stringify(skipped.body)).toBe(200);
    expect(starttls.received).toHaveLength(before + 1);
    expect(starttls.received[before].secure).toBe(true);
  });

  it('refuses to send in clear when STARTTLS is asked of a server that does not offer it', async () => {
    const before = plain.received.length;
    const response = await testEmail(admin.token, await form(smtp(plain, { ConnectionSecurity: 'STARTTLS' })));
    expectError(response, 400, 'app.admin.test_email.failure', /STARTTLS/);
    expect(plain.received).toHaveLength(before);
  });

  it('speaks TLS from the first byte with ConnectionSecurity TLS, and says so when the server does not', async () => {
    const response = await testEmail(admin.token, await form(smtp(plain, { ConnectionSecurity: 'TLS' })));
    expectError(response, 400, 'app.admin.test_email.failure', /^Connection unsuccessful: The TLS connection to the SMTP server at 127\.0\.0\.1:\d+ failed: wrong version number$/);
  });

  it('answers 400 when nothing listens on the port', async () => {
    const port = await closedPort();
    const response = await testEmail(admin.token, await form(smtp({ port })));
    expectError(response, 400, 'app.admin.test_email.failure', new RegExp(`Could not talk to the SMTP server at 127\\.0\\.0\\.1:${port}: .*ECONNREFUSED`));
  });

  it('gives up after SMTPServerTimeout on a server that never greets', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const response = await testEmail(admin.token, await form(smtp(silent.address() as AddressInfo, { SMTPServerTimeout: 1 })));
      expectError(response, 400, 'app.admin.test_email.failure', /did not answer within 1 s/);
      expect(sockets).toHaveLength(1);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('uses the saved password for the mask, only for the server, port and username it was saved for', async () => {
    await admin.client.patchConfig({ EmailSettings: smtp(withLogin, { EnableSMTPAuth: true, SMTPUsername: LOGIN.username, SMTPPassword: LOGIN.password }) } as Partial<AdminConfig>);
    const saved = await admin.client.getConfig();
    expect(saved.EmailSettings.SMTPPassword).toBe(MASK);
    const before = withLogin.received.length;
    const masked = await testEmail(admin.token, saved);
    expect(masked.status, JSON.stringify(masked.body)).toBe(200);
    expect(withLogin.received).toHaveLength(before + 1);
    // With no body at all the saved settings are tested.
    expect(await admin.client.testEmail()).toEqual({ status: 'OK' });
    expect(withLogin.received).toHaveLength(before + 2);

    // The saved password never goes to another server: pointed elsewhere, the form must carry its own.
    const elsewhere = { ...saved, EmailSettings: { ...saved.EmailSettings, SMTPPort: String(starttls.port), ConnectionSecurity: 'STARTTLS', SkipServerCertificateVerification: true } };
    expectError(await testEmail(admin.token, elsewhere), 400, 'api.admin.test_email.reenter_password', /enter the SMTP password again/);
    expect(starttls.received.filter((mail) => mail.to.includes(admin.user.email))).toHaveLength(1);
    const retyped = { ...elsewhere, EmailSettings: { ...elsewhere.EmailSettings, SMTPPassword: LOGIN.password } };
    expect((await testEmail(admin.token, retyped)).status).toBe(200);
    expect(starttls.received.filter((mail) => mail.to.includes(admin.user.email))).toHaveLength(2);
  });

  it('answers 400 without an SMTP server or with settings of the wrong shape', async () => {
    expectError(await testEmail(admin.token, await form({ SMTPServer: '' })), 400, 'api.admin.test_email.missing_server');
    expectError(await testEmail(admin.token, await form({ SMTPServer: '   ' })), 400, 'api.admin.test_email.missing_server');
    expectError(await testEmail(admin.token, { EmailSettings: { SMTPServer: null } }), 400, 'api.admin.test_email.missing_server');
    expectError(await testEmail(admin.token, await form(smtp(plain, { SMTPPort: 'smtp' }))), 400, 'api.context.invalid_body_param.app_error', /EmailSettings\.SMTPPort/);
    expectError(await testEmail(admin.token, await form(smtp(plain, { SMTPPort: '70000' }))), 400, 'api.context.invalid_body_param.app_error', /EmailSettings\.SMTPPort/);
    expectError(await testEmail(admin.token, await form(smtp(plain, { ConnectionSecurity: 'SSL' }))), 400, 'api.context.invalid_body_param.app_error', /ConnectionSecurity/);
    expectError(await testEmail(admin.token, { EmailSettings: 'smtp://example' }), 400, 'api.context.invalid_body_param.app_error', /EmailSettings/);
    expectError(await testEmail(admin.token, await form(smtp(plain, { FeedbackEmail: '' }))), 400, 'api.context.invalid_body_param.app_error', /FeedbackEmail/);
  });

  it('is for system admins: anyone else gets 403 and nothing is sent', async () => {
    const before = plain.received.length;
    expectError(await testEmail(member.token, await form(smtp(plain))), 403, 'api.context.permissions.app_error');
    expect(plain.received).toHaveLength(before);
    expect((await raw(server, 'POST', '/email/test', { body: await form(smtp(plain)) })).status).toBe(401);
  });

  it('leaves an audit record of each test, failed ones with the error id', async () => {
    const response = await raw(server, 'GET', '/audits?per_page=200', { token: admin.token });
    const records = (response.body as AuditView[]).filter((record) => record.action === 'email.test');
    expect(records.some((record) => record.user_id === admin.user.id && record.result === 'success')).toBe(true);
    expect(records.some((record) => record.result === 'fail' && record.extra_info.includes('app.admin.test_email.failure'))).toBe(true);
    expect(records.some((record) => record.user_id === member.user.id && record.result === 'fail' && record.extra_info.includes('403'))).toBe(true);
    expect(records.every((record) => !record.extra_info.includes(LOGIN.password))).toBe(true);
  });
});
