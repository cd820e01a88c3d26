import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/schema.js';
import { createUser, raw, startTestServer, unique, type TestServer } from '../harness.js';
import { sleep } from '../ws_client.js';

const LIMITED = 'api.context.rate_limit_exceeded.app_error';

/** A server of its own, since buckets outlive a test. */
async function withServer(overrides: Partial<Config>, test: (server: TestServer) => Promise<void>): Promise<void> {
  const server = await startTestServer(overrides);
  try {
    await test(server);
  } finally {
    await server.close();
  }
}

/** A login that fails on its password (an unknown user): 401 when let through, 429 when limited. */
const login = (server: TestServer, headers: Record<string, string> = {}) =>
  raw(server, 'POST', '/users/login', { body: { login_id: unique('nobody').toLowerCase(), password: 'some-password' }, headers });

const statuses = (answers: { status: number }[]): number[] => answers.map((a) => a.status).sort();

describe('auth rate limit (login, sign-up) per client address', () => {
  // 60 a minute is one a second: a drained bucket lets the next request through about a second later.
  const auth = { authRateLimitPerMinute: 60, authRateLimitBurst: 3 };

  it('refuses a burst beyond the limit with 429, rate headers and a Mattermost error, then recovers', () => withServer(auth, async (server) => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => login(server)));
    expect(statuses(answers)).toEqual([401, 401, 401, 429, 429, 429]);
    const allowed = answers.find((a) => a.status === 401)!;
    expect(allowed.headers.get('x-ratelimit-limit')).toBe('3');
    expect(allowed.headers.get('x-ratelimit-remaining')).toMatch(/^[0-2]$/);
    const limited = answers.find((a) => a.status === 429)!;
    expect(limited.body).toMatchObject({ id: LIMITED, status_code: 429, request_id: expect.stringMatching(/^[a-z0-9]{26}$/) });
    expect(limited.headers.get('content-type')).toBe('application/json');
    expect(limited.headers.get('x-ratelimit-limit')).toBe('3');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(limited.headers.get('x-ratelimit-reset'))).toBeGreaterThanOrEqual(1);
    expect(limited.headers.get('retry-after')).toBe('1');

    // Sign-up has a bucket of its own, and counts every request; a route that did not opt in is not counted.
    const signups = await Promise.all(Array.from({ length: 4 }, () => raw(server, 'POST', '/users', {
      body: { username: unique('late').toLowerCase(), email: `${unique('late')}@example.com`, password: 'long-enough-pw' },
    })));
    expect(statuses(signups)).toEqual([201, 201, 201, 429]);
    const ping = await raw(server, 'GET', '/system/ping');
    expect(ping.status).toBe(200);
    expect(ping.headers.get('x-ratelimit-limit')).toBeNull();

    // Without a trusted proxy header configured, X-Forwarded-For is the client's own claim: same bucket.
    expect((await login(server, { 'X-Forwarded-For': '198.51.100.7' })).status).toBe(429);

    await sleep(1_100);
    expect((await login(server)).status).toBe(401);
  }));

  it('counts only failed logins: a site behind one address signs in freely, a guesser is stopped', () => withServer(auth, async (server) => {
    const username = unique('regular').toLowerCase();
    const password = 'correct-horse-battery';
    expect((await raw(server, 'POST', '/users', { body: { username, email: `${username}@example.com`, password } })).status).toBe(201);
    const signIn = (pw: string) => raw(server, 'POST', '/users/login', { body: { login_id: username, password: pw } });
    // One after another (a success gives its token back when answered; at most the burst are in flight at once).
    for (let i = 0; i < 8; i++) expect((await signIn(password)).status).toBe(200);
    const wrong = await Promise.all(Array.from({ length: 5 }, () => signIn('wrong-password')));
    expect(statuses(wrong)).toEqual([401, 401, 401, 429, 429]);
    // Once the failures have used the bucket up, the right password waits too: the guesser might have found it.
    expect((await signIn(password)).status).toBe(429);
  }));

  it('does not count accounts a system admin creates', () => withServer(auth, async (server) => {
    const admin = await createUser(server, 'provisioner');
    for (let i = 0; i < 6; i++) {
      const name = unique('pv').toLowerCase();
      const created = await raw(server, 'POST', '/users', { token: admin.token, body: { username: name, email: `${name}@example.com`, password: 'long-enough-pw' } });
      expect(created.status).toBe(201);
    }
  }));

  // One a minute: no token comes back while the test runs, however slowly the failed logins are hashed.
  it('keys clients by the first address of the first trusted header present, else by the socket', () => withServer({
    authRateLimitPerMinute: 1, authRateLimitBurst: 2, trustedProxyIpHeader: ['X-Real-IP', 'X-Forwarded-For'],
  }, async (server) => {
    const via = (address: string) => ({ 'X-Forwarded-For': `${address}, 10.0.0.1` });
    expect((await login(server, via('203.0.113.1'))).status).toBe(401);
    expect((await login(server, via('203.0.113.1'))).status).toBe(401);
    expect((await login(server, via('203.0.113.1'))).status).toBe(429);
    expect((await login(server, { 'X-Forwarded-For': '203.0.113.1' })).status).toBe(429);
    expect((await login(server, via('203.0.113.2'))).status).toBe(401);
    expect((await login(server, { 'X-Real-IP': '203.0.113.3', ...via('203.0.113.1') })).status).toBe(401);
    expect((await login(server)).status).toBe(401);
  }));
});

describe('API rate limit (RateLimitSettings)', () => {
  const api = { rateLimitEnable: true, rateLimitPerSec: 1, rateLimitMaxBurst: 3 };

  it('limits every API request per address when enabled, and recovers', () => withServer(api, async (server) => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => raw(server, 'GET', '/system/ping')));
    expect(statuses(answers)).toEqual([200, 200, 200, 429, 429, 429]);
    const limited = answers.find((a) => a.status === 429)!;
    expect(limited.body).toMatchObject({ id: LIMITED, status_code: 429 });
    expect(limited.headers.get('retry-after')).toBe('1');
    // Pages outside the API are not counted.
    expect((await fetch(`${server.url}/some/client/route`)).status).not.toBe(429);
    await sleep(1_100);
    expect((await raw(server, 'GET', '/system/ping')).status).toBe(200);
  }));

  it('gives each session token its own bucket with VaryByUser', () => withServer({ ...api, rateLimitMaxBurst: 2, rateLimitVaryByUser: true }, async (server) => {
    const as = (token: string) => raw(server, 'GET', '/system/ping', { token });
    const [a, b] = ['a'.repeat(26), 'b'.repeat(26)];
    expect(statuses([await as(a), await as(a), await as(a)])).toEqual([200, 200, 429]);
    expect((await as(b)).status).toBe(200);
  }));

  it('is off by default', () => withServer({}, async (server) => {
    const answers = await Promise.all(Array.from({ length: 30 }, () => raw(server, 'GET', '/system/ping')));
    expect(statuses(answers).every((s) => s === 200)).toBe(true);
  }));
});
