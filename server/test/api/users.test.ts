import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, newClient, raw, startTestServer, unique, type TestServer } from '../harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe('users and sessions', () => {
  it('makes the first account the system admin and later ones plain users', async () => {
    const first = await createUser(server, 'admin');
    const second = await createUser(server, 'plain');
    expect(first.user.roles).toBe('system_user system_admin');
    expect(second.user.roles).toBe('system_user');
  });

  it('logs in by username or email, returns the Token header and never the password', async () => {
    const { user, password } = await createUser(server);
    const byEmail = newClient(server);
    const me = await byEmail.login(user.email, password);
    expect(me.id).toBe(user.id);
    expect(byEmail.getToken()).toMatch(/^[a-z0-9]{26}$/);
    expect((me as unknown as Record<string, unknown>).password).toBeUndefined();
    expect((await byEmail.getMe()).username).toBe(user.username);
  });

  it('rejects a wrong password with the Mattermost error id and status in the body', async () => {
    const { user } = await createUser(server);
    const client = newClient(server);
    await expect(client.login(user.username, 'wrong-password')).rejects.toMatchObject({
      status_code: 401, server_error_id: 'api.user.login.invalid_credentials_email_username',
    });
  });

  it('sets MMAUTHTOKEN, MMUSERID and MMCSRF cookies for browser logins and enforces CSRF on cookie writes', async () => {
    const { user, password } = await createUser(server);
    const login = await fetch(`${server.url}/api/v4/users/login`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest' },
      body: JSON.stringify({ login_id: user.username, password }),
    });
    const cookies = login.headers.getSetCookie();
    const jar = Object.fromEntries(cookies.map((c) => c.split(';')[0].split('=') as [string, string]));
    expect(Object.keys(jar).sort()).toEqual(['MMAUTHTOKEN', 'MMCSRF', 'MMUSERID']);
    expect(cookies.find((c) => c.startsWith('MMAUTHTOKEN'))).toMatch(/HttpOnly/i);
    expect(cookies.find((c) => c.startsWith('MMUSERID'))).not.toMatch(/HttpOnly/i);
    const cookie = `MMAUTHTOKEN=${jar.MMAUTHTOKEN}; MMUSERID=${jar.MMUSERID}; MMCSRF=${jar.MMCSRF}`;

    const read = await raw(server, 'GET', '/users/me', { headers: { Cookie: cookie } });
    expect(read.status).toBe(200);
    const noCsrf = await raw(server, 'PUT', '/users/me/patch', { headers: { Cookie: cookie }, body: { nickname: 'x' } });
    expect(noCsrf.status).toBe(401);
    const withCsrf = await raw(server, 'PUT', '/users/me/patch', { headers: { Cookie: cookie, 'X-CSRF-Token': jar.MMCSRF }, body: { nickname: 'x' } });
    expect(withCsrf.status).toBe(200);
    expect(withCsrf.body.nickname).toBe('x');
  });

  it('serves JSON with the exact content type Client4 expects and a version header', async () => {
    const response = await raw(server, 'GET', '/system/ping');
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('x-version-id')).toMatch(/^\d+\.\d+\.\d+\./);
    expect(response.body.status).toBe('OK');
  });

  it('accepts the Authorization header in any case', async () => {
    const { token } = await createUser(server);
    for (const scheme of ['BEARER', 'Bearer', 'bearer']) {
      const response = await raw(server, 'GET', '/users/me', { headers: { Authorization: `${scheme} ${token}` } });
      expect(response.status).toBe(200);
    }
  });

  it('patches the profile, changes the password and revokes the session at logout', async () => {
    const { client, user, password } = await createUser(server);
    const patched = await client.patchMe({ first_name: 'Ana', position: 'Engineer' });
    expect(patched.first_name).toBe('Ana');
    await client.updateUserPassword(user.id, password, 'a-new-longer-password');
    const again = newClient(server);
    await expect(again.login(user.username, password)).rejects.toMatchObject({ status_code: 401 });
    await again.login(user.username, 'a-new-longer-password');
    const token = client.getToken();
    await client.logout();
    const after = await raw(server, 'GET', '/users/me', { token });
    expect(after.status).toBe(401);
  });

  it('finds users by id, username, ids and autocomplete, hiding notify props of others', async () => {
    const a = await createUser(server, 'findme');
    const b = await createUser(server);
    const byId = await b.client.getUser(a.user.id);
    expect(byId.username).toBe(a.user.username);
    expect((byId as unknown as Record<string, unknown>).notify_props).toBeUndefined();
    expect((await b.client.getUserByUsername(a.user.username)).id).toBe(a.user.id);
    const many = await b.client.getProfilesByIds([a.user.id, b.user.id]);
    expect(many.map((u) => u.id).sort()).toEqual([a.user.id, b.user.id].sort());
    const auto = await b.client.autocompleteUsers(a.user.username.slice(0, 8), '', '');
    expect(auto.users.map((u) => u.id)).toContain(a.user.id);
  });

  it('takes LIKE wildcards in search terms literally', async () => {
    const tag = unique('w').toLowerCase().slice(0, 12);
    const underscored = await createUser(server, `${tag}_x`);
    const plain = await createUser(server, `${tag}zx`);
    const hits = (await plain.client.autocompleteUsers(`${tag}_`, '', '')).users.map((u) => u.id);
    expect(hits).toContain(underscored.user.id);
    expect(hits).not.toContain(plain.user.id);
    const percent = await plain.client.autocompleteUsers(`${tag}%`, '', '');
    expect(percent.users).toEqual([]);
  });

  it('serves a real PNG avatar', async () => {
    const { user, token } = await createUser(server);
    const response = await fetch(`${server.url}/api/v4/users/${user.id}/image`, { headers: { Authorization: `Bearer ${token}` } });
    expect(response.headers.get('content-type')).toBe('image/png');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  });

  it('sets and reads statuses manually', async () => {
    const { client, user } = await createUser(server);
    await client.updateStatus({ user_id: user.id, status: 'dnd' });
    const [status] = await client.getStatusesByIds([user.id]);
    expect(status.status).toBe('dnd');
    expect(status.manual).toBe(true);
  });

  it('rejects duplicate usernames and invalid sign-ups with 400', async () => {
    const { user } = await createUser(server);
    const dup = await raw(server, 'POST', '/users', { body: { username: user.username, email: `${unique('x')}@example.com`, password: 'long-enough-pw' } });
    expect(dup.status).toBe(400);
    expect(dup.body.id).toBe('app.user.save.username_exists.app_error');
  });

  it('takes usernames of 1 to 64 characters, as Mattermost does, and refuses 65', async () => {
    const long = `a${'b'.repeat(63)}`;
    for (const username of ['q', `${unique('long-name-').toLowerCase()}-over-twenty-two`, long]) {
      const res = await raw(server, 'POST', '/users', { body: { username, email: `${unique('len')}@example.com`, password: 'long-enough-pw' } });
      expect(res.status, username).toBe(201);
    }
    const tooLong = await raw(server, 'POST', '/users', { body: { username: `${long}c`, email: `${unique('len')}@example.com`, password: 'long-enough-pw' } });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.id).toBe('model.user.is_valid.username.app_error');
  });
});
