import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordHashDuration } from '../../src/metrics/registry.js';
import { newId } from '../../src/model/id.js';
import { createUser, raw, startTestServer, unique, type TestServer, type TestUser } from '../harness.js';

const MAX_ATTEMPTS = 3;
const LOCKED = 'api.user.check_user_login_attempts.too_many.app_error';
const INVALID = 'api.user.login.invalid_credentials_email_username';

let server: TestServer;
let admin: TestUser;
beforeAll(async () => {
  server = await startTestServer({ maximumLoginAttempts: MAX_ATTEMPTS });
  admin = await createUser(server, 'lockadmin');
});
afterAll(async () => {
  await server?.close();
});

const login = (loginId: string, password: string) => raw(server, 'POST', '/users/login', { body: { login_id: loginId, password } });

/** argon2 verifications the server has run so far (it runs in this process). */
async function verifications(): Promise<number> {
  const { values } = await passwordHashDuration.get();
  return values.find((v) => v.metricName === 'parley_password_hash_seconds_count' && v.labels.operation === 'verify')?.value ?? 0;
}

describe('login attempts (ServiceSettings.MaximumLoginAttempts)', () => {
  it('locks the account after the maximum of wrong passwords, refusing even the right one with upstream\'s error', async () => {
    const { user, password } = await createUser(server, 'locked');
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      const wrong = await login(user.username, `wrong-password-${i}`);
      expect([wrong.status, wrong.body.id]).toEqual([401, INVALID]);
    }
    const right = await login(user.username, password);
    expect(right.status).toBe(401);
    expect(right.body).toMatchObject({
      id: LOCKED, status_code: 401,
      message: 'Your account is locked because of too many failed password attempts. Please reset your password.',
    });
    expect(right.headers.get('token')).toBeNull();
    // By email, and by user id, it is the same account.
    expect((await login(user.email, password)).body.id).toBe(LOCKED);
    expect((await raw(server, 'POST', '/users/login', { body: { id: user.id, password } })).body.id).toBe(LOCKED);
  });

  it('unlocks when a system admin sets a new password', async () => {
    const { user, password } = await createUser(server, 'unlock');
    for (let i = 0; i < MAX_ATTEMPTS; i++) await login(user.username, 'wrong-password');
    expect((await login(user.username, password)).body.id).toBe(LOCKED);
    const reset = await raw(server, 'PUT', `/users/${user.id}/password`, { token: admin.token, body: { new_password: 'set-by-the-admin' } });
    expect(reset.status).toBe(200);
    const after = await login(user.username, 'set-by-the-admin');
    expect(after.status).toBe(200);
    expect(after.body.id).toBe(user.id);
  });

  it('starts counting again after a successful login', async () => {
    const { user, password } = await createUser(server, 'recount');
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < MAX_ATTEMPTS - 1; i++) expect((await login(user.username, 'wrong-password')).body.id).toBe(INVALID);
      expect((await login(user.username, password)).status).toBe(200);
    }
  });

  it('counts concurrent wrong passwords atomically and lets no more than the maximum be tried', async () => {
    const { user, password } = await createUser(server, 'burst');
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => login(user.username, `guess-${i}`)));
    const ids = answers.map((a) => a.body.id);
    expect(ids.filter((id) => id === INVALID)).toHaveLength(MAX_ATTEMPTS);
    expect(ids.filter((id) => id === LOCKED)).toHaveLength(12 - MAX_ATTEMPTS);
    expect((await login(user.username, password)).body.id).toBe(LOCKED);
  });

  it('counts a wrong current password when users change their own, as at login', async () => {
    const { user, password, token } = await createUser(server, 'selfchange');
    const change = (current: string) => raw(server, 'PUT', `/users/${user.id}/password`, { token, body: { current_password: current, new_password: 'another-password' } });
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      const wrong = await change('not-my-password');
      expect([wrong.status, wrong.body.id]).toEqual([400, 'api.user.update_password.incorrect.app_error']);
    }
    const right = await change(password);
    expect([right.status, right.body.id]).toEqual([401, LOCKED]);
    expect((await login(user.username, password)).body.id).toBe(LOCKED);
  });

  it('clears the count when users change their own password', async () => {
    const { user, password, token } = await createUser(server, 'ownreset');
    for (let i = 0; i < MAX_ATTEMPTS - 1; i++) await login(user.username, 'wrong-password');
    const changed = await raw(server, 'PUT', `/users/${user.id}/password`, { token, body: { current_password: password, new_password: 'my-new-password' } });
    expect(changed.status).toBe(200);
    for (let i = 0; i < MAX_ATTEMPTS - 1; i++) await login(user.username, 'wrong-password');
    expect((await login(user.username, 'my-new-password')).status).toBe(200);
  });

  it('never shows the count on the wire, to others, admins or the user', async () => {
    const { user, token } = await createUser(server, 'hidden');
    const other = await createUser(server, 'viewer');
    await login(user.username, 'wrong-password');
    const views = [
      await raw(server, 'GET', `/users/${user.id}`, { token: other.token }),
      await raw(server, 'GET', `/users/${user.id}`, { token: admin.token }),
      await raw(server, 'GET', '/users/me', { token }),
      await raw(server, 'POST', '/users/ids', { token: other.token, body: [user.id] }),
    ];
    for (const view of views) {
      expect(view.status).toBe(200);
      expect(JSON.stringify(view.body)).not.toContain('failed_attempts');
    }
  });
});

describe('login time', () => {
  /** Runs `attempt` and checks that it cost exactly one argon2 verification, as a wrong password does. */
  async function verifiesOnce(attempt: () => Promise<{ status: number; body: any }>): Promise<{ status: number; body: any }> {
    const before = await verifications();
    const result = await attempt();
    expect(await verifications()).toBe(before + 1);
    return result;
  }

  it('runs one password verification for an unknown user, an unknown id and a locked account, as for a wrong password', async () => {
    const { user, password } = await createUser(server, 'timing');
    expect((await verifiesOnce(() => login(user.username, 'wrong-password'))).body.id).toBe(INVALID);
    expect((await verifiesOnce(() => login(unique('nobody').toLowerCase(), password))).body.id).toBe(INVALID);
    expect((await verifiesOnce(() => login(`${unique('nobody')}@example.com`, password))).body.id).toBe(INVALID);
    expect((await verifiesOnce(() => raw(server, 'POST', '/users/login', { body: { id: newId(), password } }))).body.id).toBe(INVALID);
    for (let i = 1; i < MAX_ATTEMPTS; i++) await login(user.username, 'wrong-password');
    expect((await verifiesOnce(() => login(user.username, password))).body.id).toBe(LOCKED);
  });
});
