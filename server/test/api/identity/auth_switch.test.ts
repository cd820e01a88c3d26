import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, raw, startTestServer, type TestServer, type TestUser } from '../../harness.js';

let server: TestServer;
let admin: TestUser;
beforeAll(async () => {
  server = await startTestServer();
  admin = await createUser(server, 'authadmin');
});
afterAll(() => server?.close());

const login = (loginId: string, password: string) => raw(server, 'POST', '/users/login', { body: { login_id: loginId, password } });
const setAuth = (token: string, userId: string, body: object) => raw(server, 'PUT', `/users/${userId}/auth`, { token, body });

/** A session for an account that signs in elsewhere (as its provider's sign-in would open one). */
async function providerSession(userId: string): Promise<string> {
  const user = await server.app.users.get(userId);
  return (await server.app.signIn.startSession(user, '')).token;
}

describe('PUT /users/{id}/auth (system admin)', () => {
  it('moves an account to a provider: its password stops working, its sessions end, admins see the method', async () => {
    const user = await createUser(server, 'tosso');
    const moved = await setAuth(admin.token, user.user.id, { auth_service: 'gitlab', auth_data: `gl-${user.user.id}` });
    expect(moved.status).toBe(200);
    expect(moved.body).toEqual({ auth_service: 'gitlab', auth_data: `gl-${user.user.id}` });
    expect((await raw(server, 'GET', '/users/me', { token: user.token })).status).toBe(401);
    expect((await login(user.user.username, user.password)).status).toBe(401);

    const asAdmin = await raw(server, 'GET', `/users/${user.user.id}`, { token: admin.token });
    expect([asAdmin.body.auth_service, asAdmin.body.auth_data]).toEqual(['gitlab', `gl-${user.user.id}`]);
    const other = await createUser(server, 'looker');
    const asOther = await raw(server, 'GET', `/users/${user.user.id}`, { token: other.token });
    expect([asOther.body.auth_service, asOther.body.auth_data]).toEqual(['', '']);
    // Its own session (from the provider) sees its sign-in method.
    const own = await raw(server, 'GET', '/users/me', { token: await providerSession(user.user.id) });
    expect(own.body.auth_service).toBe('gitlab');
  });

  it('refuses an identity another account has, an unknown method, a missing password, and non-admins', async () => {
    const first = await createUser(server, 'holder');
    const second = await createUser(server, 'taker');
    expect((await setAuth(admin.token, first.user.id, { auth_service: 'saml', auth_data: 'same-id' })).status).toBe(200);
    const duplicate = await setAuth(admin.token, second.user.id, { auth_service: 'saml', auth_data: 'same-id' });
    expect([duplicate.status, duplicate.body.id]).toEqual([400, 'app.user.update_auth_data.duplicate.app_error']);
    expect((await setAuth(admin.token, second.user.id, { auth_service: 'kerberos', auth_data: 'x' })).status).toBe(400);
    expect((await setAuth(admin.token, second.user.id, { auth_service: 'ldap' })).status).toBe(400);
    expect((await setAuth(admin.token, second.user.id, { auth_service: 'email' })).status).toBe(400);
    const byUser = await setAuth(second.token, second.user.id, { auth_service: 'ldap', auth_data: 'mine' });
    expect(byUser.status).toBe(403);
    expect((await login(second.user.username, second.password)).status).toBe(200);
  });

  it('moves an account back to a password that meets the policy', async () => {
    const user = await createUser(server, 'backtopw');
    await setAuth(admin.token, user.user.id, { auth_service: 'openid', auth_data: `oid-${user.user.id}` });
    expect((await setAuth(admin.token, user.user.id, { auth_service: 'email', password: 'short' })).status).toBe(400);
    expect((await setAuth(admin.token, user.user.id, { auth_service: 'email', password: 'a-new-long-password' })).status).toBe(200);
    expect((await login(user.user.username, 'a-new-long-password')).status).toBe(200);
  });
});

describe('POST /users/login/switch (the account owner)', () => {
  it('lets a provider account signed in as itself set a password, and nobody else', async () => {
    const user = await createUser(server, 'ssotopw');
    await setAuth(admin.token, user.user.id, { auth_service: 'google', auth_data: `g-${user.user.id}` });
    const body = { current_service: 'google', new_service: 'email', email: user.user.email, new_password: 'chosen-by-the-owner' };

    const stranger = await createUser(server, 'stranger');
    expect((await raw(server, 'POST', '/users/login/switch', { token: stranger.token, body })).status).toBe(403);
    expect((await raw(server, 'POST', '/users/login/switch', { body })).status).toBe(403);

    const switched = await raw(server, 'POST', '/users/login/switch', { token: await providerSession(user.user.id), body });
    expect(switched.status).toBe(200);
    expect(switched.body).toEqual({ follow_link: '/login?extra=signin_change' });
    const signedIn = await login(user.user.email, 'chosen-by-the-owner');
    expect(signedIn.status).toBe(200);
    expect([signedIn.body.auth_service, signedIn.body.auth_data]).toEqual(['', '']);
  });

  it('sends a password account to its provider only with the right password', async () => {
    const user = await createUser(server, 'pwtosso');
    const body = { current_service: 'email', new_service: 'openid', email: user.user.email, password: 'wrong-password' };
    expect((await raw(server, 'POST', '/users/login/switch', { body })).status).toBe(401);
    const right = await raw(server, 'POST', '/users/login/switch', { body: { ...body, password: user.password } });
    expect(right.body).toEqual({ follow_link: '/oauth/openid/login' });
    const saml = await raw(server, 'POST', '/users/login/switch', { body: { ...body, new_service: 'saml', password: user.password } });
    expect(saml.body).toEqual({ follow_link: '/login/sso/saml?action=login' });
  });

  it('is refused while ServiceSettings.ExperimentalEnableAuthenticationTransfer is off', async () => {
    const user = await createUser(server, 'notransfer');
    const config = await admin.client.getConfig();
    config.ServiceSettings.ExperimentalEnableAuthenticationTransfer = false;
    await admin.client.updateConfig(config);
    try {
      const refused = await raw(server, 'POST', '/users/login/switch', {
        body: { current_service: 'email', new_service: 'gitlab', email: user.user.email, password: user.password },
      });
      expect([refused.status, refused.body.id]).toEqual([403, 'api.user.email_to_oauth.not_available.app_error']);
    } finally {
      config.ServiceSettings.ExperimentalEnableAuthenticationTransfer = true;
      await admin.client.updateConfig(config);
    }
  });
});
