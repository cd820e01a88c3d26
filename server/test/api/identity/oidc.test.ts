import { calculatePKCECodeChallenge, randomNonce, randomPKCECodeVerifier } from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, raw, startTestServer, unique, type TestServer, type TestUser } from '../../harness.js';
import { StandInIdentityProvider } from '../../oidc_provider.js';

let idp: StandInIdentityProvider;
let server: TestServer;
let admin: TestUser;

beforeAll(async () => {
  // The provider listens first (Parley's settings name it), and learns Parley's callback once Parley runs.
  idp = await StandInIdentityProvider.listen();
  server = await startTestServer({}, {
    MM_OPENIDSETTINGS_ENABLE: 'true',
    MM_OPENIDSETTINGS_ID: idp.clientId,
    MM_OPENIDSETTINGS_SECRET: idp.clientSecret,
    MM_OPENIDSETTINGS_DISCOVERYENDPOINT: idp.discoveryUrl,
    MM_OPENIDSETTINGS_USEPREFERREDUSERNAME: 'true',
    // GitLab's classic OAuth (no discovery): the same provider's endpoints, with a GitLab-shaped user API.
    MM_GITLABSETTINGS_ENABLE: 'true',
    MM_GITLABSETTINGS_ID: idp.clientId,
    MM_GITLABSETTINGS_SECRET: idp.clientSecret,
    MM_GITLABSETTINGS_AUTHENDPOINT: `${idp.issuer}/auth`,
    MM_GITLABSETTINGS_TOKENENDPOINT: `${idp.issuer}/token`,
    MM_GITLABSETTINGS_USERAPIENDPOINT: idp.gitLabUserUrl,
    MM_GITLABSETTINGS_SCOPE: 'read_user',
  });
  idp.configure([`${server.url}/signup/openid/complete`, `${server.url}/signup/gitlab/complete`]);
  admin = await createUser(server, 'ssoadmin');
});
afterAll(async () => {
  await server?.close();
  await idp?.close();
});

/** The cookies a response sets, by name (value and the attributes as written). */
function setCookies(response: Response): Map<string, { value: string; attributes: string }> {
  const out = new Map<string, { value: string; attributes: string }>();
  for (const line of response.headers.getSetCookie()) {
    const [pair, ...attributes] = line.split(';');
    const at = pair.indexOf('=');
    out.set(pair.slice(0, at).trim(), { value: pair.slice(at + 1).trim(), attributes: attributes.join(';').trim() });
  }
  return out;
}

/** Opens Parley's sign-in URL as a browser would: the provider's authorization URL and the sealed MMOAUTH cookie. */
async function begin(path = '/oauth/openid/login'): Promise<{ authUrl: URL; cookie: string; attributes: string }> {
  const response = await fetch(`${server.url}${path}`, { redirect: 'manual' });
  expect(response.status).toBe(302);
  const cookie = setCookies(response).get('MMOAUTH');
  expect(cookie?.value).toBeTruthy();
  return { authUrl: new URL(response.headers.get('location') ?? ''), cookie: cookie?.value ?? '', attributes: cookie?.attributes ?? '' };
}

/** Brings the provider's redirect back to Parley with `cookie` (when given), not following Parley's answer. */
async function finish(callback: URL, cookie: string | undefined, path?: string): Promise<Response> {
  const url = new URL(path ?? callback.pathname, server.url);
  url.search = callback.search;
  return fetch(url, { redirect: 'manual', headers: cookie === undefined ? {} : { cookie: `MMOAUTH=${cookie}` } });
}

/** The whole sign-in as `login`, returning Parley's answer to the callback. */
async function signIn(login: string, start = '/oauth/openid/login'): Promise<Response> {
  const { authUrl, cookie } = await begin(start);
  return finish(await idp.signIn(authUrl.href, login), cookie);
}

function sessionOf(response: Response): { token: string; userId: string; csrf: string } {
  const cookies = setCookies(response);
  return { token: cookies.get('MMAUTHTOKEN')?.value ?? '', userId: cookies.get('MMUSERID')?.value ?? '', csrf: cookies.get('MMCSRF')?.value ?? '' };
}

async function me(token: string) {
  return raw(server, 'GET', '/users/me', { token });
}

/** A refused callback: a browser page (never JSON), with its status, and no session cookie. */
function expectRefused(response: Response, status: number): void {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  expect(setCookies(response).has('MMAUTHTOKEN')).toBe(false);
}

describe('OpenID Connect sign-in', () => {
  it('sends the browser to the provider with state, nonce and PKCE, in a short-lived sealed cookie', async () => {
    const { authUrl, attributes } = await begin('/oauth/openid/login?redirect_to=%2Fsome-team%2Fchannels%2Ftown-square');
    expect(authUrl.origin).toBe(idp.issuer);
    const params = authUrl.searchParams;
    expect(params.get('client_id')).toBe(idp.clientId);
    expect(params.get('response_type')).toBe('code');
    expect(params.get('redirect_uri')).toBe(`${server.url}/signup/openid/complete`);
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(params.get('state')).toBeTruthy();
    expect(params.get('nonce')).toBeTruthy();
    expect(params.get('scope')?.split(' ')).toEqual(expect.arrayContaining(['openid', 'profile', 'email']));
    expect(attributes).toMatch(/HttpOnly/i);
    expect(attributes).toMatch(/SameSite=Lax/i);
    expect(attributes).toMatch(/Max-Age=600/i);
    // Two starts never share a state or a verifier.
    const again = await begin();
    expect(again.authUrl.searchParams.get('state')).not.toBe(params.get('state'));
    expect(again.authUrl.searchParams.get('code_challenge')).not.toBe(params.get('code_challenge'));
  });

  it('creates the account from the claims on first sign-in, and finds the same account the next time', async () => {
    const login = unique('ada');
    const email = `${login}@example.org`;
    idp.accounts.set(login, { email, email_verified: true, given_name: 'Ada', family_name: 'Lovelace', preferred_username: `${login}@corp.example`, nickname: 'countess' });
    const { authUrl, cookie } = await begin('/oauth/openid/login?redirect_to=%2Fsome-team%2Fchannels%2Ftown-square');
    const callback = await idp.signIn(authUrl.href, login);
    expect(`${callback.origin}${callback.pathname}`).toBe(`${server.url}/signup/openid/complete`);
    const response = await finish(callback, cookie);
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/some-team/channels/town-square');
    const cookies = setCookies(response);
    expect(cookies.get('MMAUTHTOKEN')?.attributes).toMatch(/HttpOnly/i);
    // The one-time cookie is spent: cleared with the answer.
    expect(cookies.get('MMOAUTH')?.value).toBe('');
    const session = sessionOf(response);
    const first = await me(session.token);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      id: session.userId, username: login.toLowerCase(), email, first_name: 'Ada', last_name: 'Lovelace', nickname: 'countess', auth_service: 'openid',
    });
    // The session cookie alone is a browser session.
    const byCookie = await fetch(`${server.url}/api/v4/users/me`, { headers: { cookie: `MMAUTHTOKEN=${session.token}` } });
    expect(byCookie.status).toBe(200);

    // The provider changed the name; the next sign-in (through one of Mattermost's older callback paths) keeps it current.
    idp.accounts.set(login, { email, email_verified: true, given_name: 'Ada', family_name: 'King', preferred_username: `${login}@corp.example` });
    const next = await begin();
    const secondResponse = await finish(await idp.signIn(next.authUrl.href, login), next.cookie, '/login/openid/complete');
    expect(secondResponse.status).toBe(302);
    expect(secondResponse.headers.get('location')).toBe('/');
    const second = sessionOf(secondResponse);
    expect(second.userId).toBe(session.userId);
    expect(second.token).not.toBe(session.token);
    expect((await me(second.token)).body).toMatchObject({ id: session.userId, last_name: 'King' });
  });

  it('never redirects off the site after signing in', async () => {
    for (const target of ['https://evil.example/', '//evil.example/x', '/\\evil.example']) {
      const response = await signIn(unique('red'), `/oauth/openid/login?redirect_to=${encodeURIComponent(target)}`);
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe('/');
    }
  });

  it('refuses a tampered or missing state, and a foreign or altered cookie, without a session', async () => {
    const login = unique('eve');
    const { authUrl, cookie } = await begin();
    const callback = await idp.signIn(authUrl.href, login);
    const tampered = new URL(callback);
    tampered.searchParams.set('state', `${callback.searchParams.get('state')}x`);
    expectRefused(await finish(tampered, cookie), 400);
    const stateless = new URL(callback);
    stateless.searchParams.delete('state');
    expectRefused(await finish(stateless, cookie), 400);
    expectRefused(await finish(callback, undefined), 400);
    const altered = `${cookie.slice(0, 10)}${cookie[10] === 'A' ? 'B' : 'A'}${cookie.slice(11)}`;
    expectRefused(await finish(callback, altered), 400);
    // Another browser's (valid) cookie does not finish this browser's sign-in either.
    const other = await begin();
    expectRefused(await finish(callback, other.cookie), 400);
    // Nothing was spent on those: with its own cookie the same callback signs in.
    const response = await finish(callback, cookie);
    expect(response.status).toBe(302);
    expect((await me(sessionOf(response).token)).body.username).toBe(login.toLowerCase());
  });

  it('refuses a code bound to another PKCE challenge, and an ID token with another nonce', async () => {
    const pkce = await begin();
    const foreignChallenge = new URL(pkce.authUrl);
    foreignChallenge.searchParams.set('code_challenge', await calculatePKCECodeChallenge(randomPKCECodeVerifier()));
    expectRefused(await finish(await idp.signIn(foreignChallenge.href, unique('pk')), pkce.cookie), 400);

    const nonce = await begin();
    const foreignNonce = new URL(nonce.authUrl);
    foreignNonce.searchParams.set('nonce', randomNonce());
    expectRefused(await finish(await idp.signIn(foreignNonce.href, unique('nc')), nonce.cookie), 400);
  });

  it('links a password account only by an address the provider says it verified', async () => {
    const unverified = await createUser(server, 'pw');
    const login = unique('mallory');
    idp.accounts.set(login, { email: unverified.user.email, email_verified: false });
    expectRefused(await signIn(login), 400);
    const still = await me(unverified.token);
    expect(still.body).toMatchObject({ id: unverified.user.id, auth_service: '' });
    expect((await raw(server, 'POST', '/users/login', { body: { login_id: unverified.user.username, password: unverified.password } })).status).toBe(200);
    // A missing email_verified claim counts as unverified.
    const noClaim = unique('noclaim');
    idp.accounts.set(noClaim, { email: unverified.user.email });
    expectRefused(await signIn(noClaim), 400);

    const verified = await createUser(server, 'pw');
    const owner = unique('owner');
    idp.accounts.set(owner, { email: verified.user.email, email_verified: true });
    const response = await signIn(owner);
    expect(response.status).toBe(302);
    expect((await me(sessionOf(response).token)).body).toMatchObject({ id: verified.user.id, auth_service: 'openid' });
  });

  it('shows the error page when the person refuses at the provider or no code comes back', async () => {
    const { authUrl, cookie } = await begin();
    const denied = new URL(`${server.url}/signup/openid/complete`);
    denied.search = new URLSearchParams({ error: 'access_denied', state: authUrl.searchParams.get('state') ?? '' }).toString();
    const refused = await finish(denied, cookie);
    expect(refused.status).toBe(307);
    expect(refused.headers.get('location')).toBe('/error?type=oauth_access_denied&service=Openid');
    const noCode = new URL(`${server.url}/signup/openid/complete?state=x`);
    const missing = await finish(noCode, cookie);
    expect(missing.status).toBe(307);
    expect(missing.headers.get('location')).toBe('/error?type=oauth_missing_code&service=Openid');
  });

  it('signs in through classic OAuth (GitLab: no discovery, no ID token) with the user API mapped', async () => {
    const login = unique('linus');
    idp.accounts.set(login, { email: `${login}@example.net`, email_verified: true, given_name: 'Linus', family_name: 'Torvalds', preferred_username: login, gitlabId: 4242 });
    const { authUrl, cookie } = await begin('/oauth/gitlab/login?redirect_to=%2Fx');
    expect(authUrl.searchParams.get('nonce')).toBeNull();
    expect(authUrl.searchParams.get('scope')).toBe('read_user');
    expect(authUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authUrl.searchParams.get('redirect_uri')).toBe(`${server.url}/signup/gitlab/complete`);
    const response = await finish(await idp.signIn(authUrl.href, login), cookie);
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/x');
    const user = await me(sessionOf(response).token);
    expect(user.body).toMatchObject({ username: login.toLowerCase(), email: `${login}@example.net`, first_name: 'Linus', last_name: 'Torvalds', auth_service: 'gitlab' });
    // GitLab's user id is the account's key: a second sign-in finds it.
    const again = await signIn(login, '/oauth/gitlab/login');
    expect(sessionOf(again).userId).toBe(user.body.id);
    // A GitLab address not yet confirmed never takes over a password account.
    const password = await createUser(server, 'pw');
    const other = unique('gl');
    idp.accounts.set(other, { email: password.user.email, email_verified: false, gitlabId: 4343 });
    expectRefused(await signIn(other, '/oauth/gitlab/login'), 400);
    expect((await me(password.token)).body.auth_service).toBe('');
  });

  it('counts sign-ins by service and result', async () => {
    const metrics = await (await fetch(`${server.metricsUrl}/metrics`)).text();
    const count = (service: string, result: string): number =>
      Number(new RegExp(`parley_sso_sign_ins_total\\{service="${service}",result="${result}"\\} (\\d+)`).exec(metrics)?.[1] ?? 0);
    expect(count('openid', 'success')).toBeGreaterThan(0);
    expect(count('openid', 'refused')).toBeGreaterThan(0);
  });

  it('answers 501 for a service that is off and 400 for one that does not exist', async () => {
    for (const path of ['/oauth/google/login', '/oauth/google/signup', '/signup/office365/complete?code=a&state=b']) {
      const response = await fetch(`${server.url}${path}`, { redirect: 'manual' });
      expect(response.status).toBe(501);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('location')).toBeNull();
      expect(await response.text()).toContain('/error?message=');
    }
    const unknown = await fetch(`${server.url}/oauth/nosuch/login`, { redirect: 'manual' });
    expect(unknown.status).toBe(400);
    // Parley's own OAuth provider keeps its paths: its authorize page, not a sign-in service named "authorize".
    const authorize = await fetch(`${server.url}/oauth/authorize?response_type=code&client_id=x`, { redirect: 'manual' });
    expect(authorize.headers.get('content-type')).toBe('application/json');
    expect(((await authorize.json()) as { id: string }).id).toBe('model.authorize.is_valid.client_id.app_error');
  });
});

describe('POST /api/v4/sso/{service}/test', () => {
  it('answers OK for a discovery document that loads, and says what failed otherwise', async () => {
    const ok = await raw(server, 'POST', '/sso/openid/test', { token: admin.token, body: { DiscoveryEndpoint: idp.discoveryUrl } });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ status: 'OK' });
    const wrapped = await raw(server, 'POST', '/sso/openid/test', { token: admin.token, body: { OpenIdSettings: { DiscoveryEndpoint: `${idp.issuer}/nothing-here` } } });
    expect(wrapped.status).toBe(400);
    expect(wrapped.body.id).toBe('api.sso.test_connection.discovery.app_error');
    const closed = await raw(server, 'POST', '/sso/openid/test', { token: admin.token, body: { DiscoveryEndpoint: 'http://127.0.0.1:1/.well-known/openid-configuration' } });
    expect(closed.status).toBe(400);
    expect(closed.body.id).toBe('api.sso.test_connection.discovery.app_error');
    expect(closed.body.message).toContain('127.0.0.1:1');
    const notUrl = await raw(server, 'POST', '/sso/openid/test', { token: admin.token, body: { DiscoveryEndpoint: 'not a url' } });
    expect(notUrl.status).toBe(400);
  });

  it('checks that classic OAuth endpoints answer', async () => {
    const endpoints = { AuthEndpoint: `${idp.issuer}/auth`, TokenEndpoint: `${idp.issuer}/token`, UserAPIEndpoint: `${idp.issuer}/me` };
    const ok = await raw(server, 'POST', '/sso/gitlab/test', { token: admin.token, body: endpoints });
    expect(ok.status).toBe(200);
    const down = await raw(server, 'POST', '/sso/gitlab/test', { token: admin.token, body: { ...endpoints, TokenEndpoint: 'http://127.0.0.1:1/token' } });
    expect(down.status).toBe(400);
    expect(down.body.id).toBe('api.sso.test_connection.endpoint.app_error');
    const missing = await raw(server, 'POST', '/sso/gitlab/test', { token: admin.token, body: { ...endpoints, UserAPIEndpoint: '' } });
    expect(missing.status).toBe(400);
    expect(missing.body.id).toBe('api.sso.test_connection.endpoint.app_error');
  });

  it('is for system admins only, and only for the four services', async () => {
    const user = await createUser(server, 'plain');
    const refused = await raw(server, 'POST', '/sso/openid/test', { token: user.token, body: { DiscoveryEndpoint: idp.discoveryUrl } });
    expect(refused.status).toBe(403);
    expect((await raw(server, 'POST', '/sso/openid/test', { body: {} })).status).toBe(401);
    expect((await raw(server, 'POST', '/sso/saml/test', { token: admin.token, body: {} })).status).toBe(400);
  });
});
