import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, raw, startTestServer, type TestServer, type TestUser } from '../harness.js';

// Logging in succeeds as often as the password is right, and each time makes a session: a user holds at most 200,
// and past that the least recently used end.

let server: TestServer;
let user: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  user = await createUser(server, 'devices');
});
afterAll(async () => {
  await server?.close();
});

const login = async (): Promise<string> => {
  const response = await raw(server, 'POST', '/users/login', { body: { login_id: user.user.username, password: user.password } });
  expect(response.status).toBe(200);
  return response.headers.get('token') ?? '';
};

describe('sessions one user may hold', () => {
  it('ends the least recently used past 200, and keeps the newest working', async () => {
    const second = await login();
    for (let i = 0; i < 198; i++) await login();
    // 200 now: the first session (from sign-up) still works.
    expect((await raw(server, 'GET', '/users/me', { token: user.token })).status).toBe(200);
    const newest = await login();
    expect((await raw(server, 'GET', '/users/me', { token: user.token })).status).toBe(401);
    expect((await raw(server, 'GET', '/users/me', { token: second })).status).toBe(200);
    const sessions = await raw(server, 'GET', '/users/me/sessions', { token: newest });
    expect(sessions.status).toBe(200);
    expect(sessions.body).toHaveLength(200);
  }, 60_000);
});
