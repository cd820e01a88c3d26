import type { AdminConfig } from '@mattermost/types/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../../src/app/identity/mfa/totp.js';
import { createUser, newClient, raw, startTestServer, type TestServer, type TestUser } from '../../harness.js';

const MAX_ATTEMPTS = 4;
const NEEDS_CODE = 'mfa.validate_token.authenticate.app_error';
const BAD_CODE = 'api.user.check_user_mfa.bad_code.app_error';
const STEP_MS = 30_000;

let server: TestServer;
let admin: TestUser;
beforeAll(async () => {
  server = await startTestServer({ maximumLoginAttempts: MAX_ATTEMPTS });
  admin = await createUser(server, 'mfaadmin');
  await setMfa({ EnableMultifactorAuthentication: true, EnforceMultifactorAuthentication: false });
  // Under enforcement an admin without MFA could not change the config back either.
  await activateMfa(admin);
});
afterAll(() => server?.close());

async function setMfa(settings: Partial<AdminConfig['ServiceSettings']>): Promise<void> {
  const config = await admin.client.getConfig();
  Object.assign(config.ServiceSettings, settings);
  await admin.client.updateConfig(config);
}

const login = (loginId: string, password: string, token?: string) =>
  raw(server, 'POST', '/users/login', { body: { login_id: loginId, password, ...(token === undefined ? {} : { token }) } });

/**
 * Codes of three consecutive time steps, the last being now's (the server accepts one step either side), so that a
 * test can spend them in order: a code works once and never after a later one. Started away from a step boundary so
 * that all three stay inside the window while the test runs.
 */
async function threeCodes(secret: string): Promise<[string, string, string]> {
  const intoStep = Date.now() % STEP_MS;
  if (intoStep > STEP_MS - 4_000) await new Promise((r) => setTimeout(r, STEP_MS - intoStep + 100));
  const now = Date.now();
  return [totpCode(secret, now - STEP_MS), totpCode(secret, now), totpCode(secret, now + STEP_MS)];
}

/** A new user with MFA activated (with the first of their codes); the other two are left to spend. */
async function enrolled(prefix: string): Promise<TestUser & { secret: string; codes: [string, string] }> {
  const user = await createUser(server, prefix);
  return { ...user, ...await activateMfa(user) };
}

async function activateMfa(user: TestUser): Promise<{ secret: string; codes: [string, string] }> {
  const generated = await raw(server, 'POST', `/users/${user.user.id}/mfa/generate`, { token: user.token });
  expect(generated.status).toBe(200);
  const secret = generated.body.secret as string;
  const [first, second, third] = await threeCodes(secret);
  const activated = await raw(server, 'PUT', `/users/${user.user.id}/mfa`, { token: user.token, body: { activate: true, code: first } });
  expect(activated.status).toBe(200);
  return { secret, codes: [second, third] };
}

describe('MFA enrolment', () => {
  it('gives a base32 secret and a PNG QR code, and activates only with a right code', async () => {
    const user = await createUser(server, 'enrol');
    const generated = await raw(server, 'POST', '/users/me/mfa/generate', { token: user.token });
    expect(generated.status).toBe(200);
    expect(generated.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(Buffer.from(generated.body.qr_code, 'base64').subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

    const wrong = await raw(server, 'PUT', '/users/me/mfa', { token: user.token, body: { activate: true, code: '000000' === totpCode(generated.body.secret) ? '111111' : '000000' } });
    expect([wrong.status, wrong.body.id]).toEqual([400, 'mfa.activate.bad_token.app_error']);
    expect((await user.client.getMe()).mfa_active).toBe(false);

    const right = await raw(server, 'PUT', '/users/me/mfa', { token: user.token, body: { activate: true, code: totpCode(generated.body.secret) } });
    expect(right.status).toBe(200);
    expect((await user.client.getMe()).mfa_active).toBe(true);
    // A new secret cannot replace an active one.
    expect((await raw(server, 'POST', '/users/me/mfa/generate', { token: user.token })).status).toBe(400);
  });

  it('lets nobody generate or activate for someone else, and only admins remove it for others', async () => {
    const user = await enrolled('owner');
    const other = await createUser(server, 'other');
    expect((await raw(server, 'POST', `/users/${user.user.id}/mfa/generate`, { token: other.token })).status).toBe(403);
    expect((await raw(server, 'POST', `/users/${user.user.id}/mfa/generate`, { token: admin.token })).status).toBe(403);
    expect((await raw(server, 'PUT', `/users/${user.user.id}/mfa`, { token: other.token, body: { activate: false } })).status).toBe(403);
    expect((await user.client.getMe()).mfa_active).toBe(true);

    const removed = await raw(server, 'PUT', `/users/${user.user.id}/mfa`, { token: admin.token, body: { activate: false } });
    expect(removed.status).toBe(200);
    expect((await user.client.getMe()).mfa_active).toBe(false);
    // Without MFA the password alone signs in again.
    expect((await login(user.user.username, user.password)).status).toBe(200);
  });
});

describe('login with MFA', () => {
  it('asks for the code, refuses a wrong one, accepts the right one once', async () => {
    const user = await enrolled('login');
    const [code, later] = user.codes;
    const check = await raw(server, 'POST', '/users/mfa', { body: { login_id: user.user.username } });
    expect(check.body).toEqual({ mfa_required: true });

    const withoutCode = await login(user.user.username, user.password);
    expect([withoutCode.status, withoutCode.body.id]).toEqual([401, NEEDS_CODE]);
    expect(withoutCode.headers.get('token')).toBeNull();
    const wrongCode = await login(user.user.username, user.password, code === '123456' ? '654321' : '123456');
    expect([wrongCode.status, wrongCode.body.id]).toEqual([401, BAD_CODE]);
    // The right code with a wrong password says nothing about the code.
    expect((await login(user.user.username, 'not-the-password', code)).body.id).toBe('api.user.login.invalid_credentials_email_username');

    const signedIn = await login(user.user.username, user.password, code);
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get('token')).toBeTruthy();
    // The same code again is refused (replay), and so is any code older than one already used.
    expect((await login(user.user.username, user.password, code)).body.id).toBe(BAD_CODE);
    expect((await login(user.user.email, user.password, later)).status).toBe(200);
    expect((await login(user.user.email, user.password, code)).body.id).toBe(BAD_CODE);
  });

  it('counts wrong codes towards the lockout, but not a client asking whether a code is needed', async () => {
    const user = await enrolled('mfalock');
    for (let i = 0; i < MAX_ATTEMPTS + 2; i++) expect((await login(user.user.username, user.password)).body.id).toBe(NEEDS_CODE);
    for (let i = 0; i < MAX_ATTEMPTS; i++) expect((await login(user.user.username, user.password, '000000')).status).toBe(401);
    const locked = await login(user.user.username, user.password, user.codes[0]);
    expect(locked.body.id).toBe('api.user.check_user_login_attempts.too_many.app_error');
  });

  it('is not asked for when MFA is off on the server, and says so to the pre-login check', async () => {
    const user = await enrolled('mfaoff');
    await setMfa({ EnableMultifactorAuthentication: false });
    try {
      expect((await login(user.user.username, user.password)).status).toBe(200);
      expect((await raw(server, 'POST', '/users/mfa', { body: { login_id: user.user.username } })).body).toEqual({ mfa_required: false });
      expect((await raw(server, 'POST', '/users/me/mfa/generate', { token: user.token })).status).toBe(501);
    } finally {
      await setMfa({ EnableMultifactorAuthentication: true });
    }
  });
});

describe('EnforceMultifactorAuthentication', () => {
  it('lets an account without MFA do nothing but read itself and set MFA up, then everything', async () => {
    const user = await createUser(server, 'enforced');
    const withMfa = await enrolled('already');
    await setMfa({ EnforceMultifactorAuthentication: true });
    try {
      const blocked = await raw(server, 'GET', '/users/me/teams', { token: user.token });
      expect([blocked.status, blocked.body.id]).toEqual([403, 'api.context.mfa_required.app_error']);
      expect((await raw(server, 'GET', '/users/me', { token: user.token })).status).toBe(200);
      expect((await newClient(server).getClientConfig()).EnforceMultifactorAuthentication).toBe('true');
      // Accounts that have MFA are not held up.
      expect((await raw(server, 'GET', '/users/me/teams', { token: withMfa.token })).status).toBe(200);

      const generated = await raw(server, 'POST', '/users/me/mfa/generate', { token: user.token });
      expect(generated.status).toBe(200);
      const activated = await raw(server, 'PUT', '/users/me/mfa', { token: user.token, body: { activate: true, code: totpCode(generated.body.secret) } });
      expect(activated.status).toBe(200);
      expect((await raw(server, 'GET', '/users/me/teams', { token: user.token })).status).toBe(200);
    } finally {
      await setMfa({ EnforceMultifactorAuthentication: false });
    }
  });

  it('means nothing while MFA itself is off', async () => {
    const user = await createUser(server, 'unenforced');
    await setMfa({ EnableMultifactorAuthentication: false, EnforceMultifactorAuthentication: true });
    try {
      expect((await raw(server, 'GET', '/users/me/teams', { token: user.token })).status).toBe(200);
      expect((await newClient(server).getClientConfig()).EnforceMultifactorAuthentication).toBe('false');
    } finally {
      await setMfa({ EnableMultifactorAuthentication: true, EnforceMultifactorAuthentication: false });
    }
  });
});
