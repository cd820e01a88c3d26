import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AdminConfig } from '@mattermost/types/config';
import type { OAuthApp } from '@mattermost/types/integrations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlStore } from '../../../src/store/sql/store.js';
import { createUser, raw, startTestServer, type TestServer, type TestUser } from '../../harness.js';

let server: TestServer;
let webDir: string;
let admin: TestUser;
let ana: TestUser;
let bob: TestUser;

const CALLBACK = 'https://client.example.com/callback';
const status = (p: Promise<unknown>): Promise<number> => p.then(() => 200, (err: { status_code: number }) => err.status_code);
const me = (token: string) => raw(server, 'GET', '/users/me', { token });
const db = () => (server.app.deps.store as SqlStore).db;
const setEnabled = (on: boolean) => admin.client.patchConfig({ ServiceSettings: { EnableOAuthServiceProvider: on } } as Partial<AdminConfig>);

const newApp = (client: TestUser, fields: Partial<OAuthApp> = {}): Promise<OAuthApp> =>
  client.client.createOAuthApp({ name: 'Client', description: 'd', homepage: 'https://client.example.com', callback_urls: [CALLBACK], icon_url: '', is_trusted: false, ...fields } as OAuthApp);

const pkcePair = (): { verifier: string; challenge: string } => {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

/** The user approves the app (as the consent page does) and gets the code from the redirect. */
async function approve(user: TestUser, app: OAuthApp, challenge = '', state = 'st'): Promise<string> {
  // Client4 types the answer as void; the server answers {redirect}.
  const { redirect } = (await user.client.authorizeOAuthApp('code', app.id, CALLBACK, state, '', undefined, challenge || undefined, challenge ? 'S256' : undefined)) as unknown as { redirect: string };
  const url = new URL(redirect);
  expect(url.origin + url.pathname).toBe(CALLBACK);
  expect(url.searchParams.get('state')).toBe(state);
  return url.searchParams.get('code') ?? '';
}

async function token(form: Record<string, string>): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const res = await fetch(`${server.url}/oauth/access_token`, { method: 'POST', body: new URLSearchParams(form) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

const codeGrant = (app: OAuthApp, code: string, extra: Record<string, string> = {}) =>
  token({ grant_type: 'authorization_code', client_id: app.id, client_secret: app.client_secret, code, redirect_uri: CALLBACK, ...extra });

const authorizePage = (app: OAuthApp, bearer?: string, redirectUri = CALLBACK) => fetch(
  `${server.url}/oauth/authorize?${new URLSearchParams({ response_type: 'code', client_id: app.id, redirect_uri: redirectUri, state: 's1' })}`,
  { redirect: 'manual', headers: bearer ? { Authorization: `Bearer ${bearer}` } : {} },
);

beforeAll(async () => {
  // The consent page is the web client's index.html: a stand-in shows that it is served.
  webDir = mkdtempSync(path.join(os.tmpdir(), 'parley-oauth-web-'));
  writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>web client</title>');
  server = await startTestServer({ webDir });
  admin = await createUser(server, 'oaadmin');
  ana = await createUser(server, 'oaana');
  bob = await createUser(server, 'oabob');
});
afterAll(async () => {
  await server?.close();
  rmSync(webDir, { recursive: true, force: true });
});

describe('OAuth apps', () => {
  it('are registered with manage_oauth only, and only system-wide managers mark them trusted', async () => {
    expect(await status(newApp(ana))).toBe(403);
    const role = await admin.client.getRoleByName('system_user');
    await admin.client.patchRole(role.id, { permissions: [...role.permissions, 'manage_oauth'] });

    const own = await newApp(ana, { is_trusted: true });
    expect(own).toMatchObject({ creator_id: ana.user.id, is_trusted: false, callback_urls: [CALLBACK] });
    expect(own.client_secret).toMatch(/^[a-z0-9]{26}$/);
    expect((await newApp(admin, { is_trusted: true })).is_trusted).toBe(true);

    const bad = await raw(server, 'POST', '/oauth/apps', { token: ana.token, body: { name: 'x', homepage: 'https://a.example', callback_urls: [] } });
    expect([bad.status, bad.body.id]).toEqual([400, 'model.oauth.is_valid.callback.app_error']);
    const badHome = await raw(server, 'POST', '/oauth/apps', { token: ana.token, body: { name: 'x', homepage: 'javascript:alert(1)', callback_urls: [CALLBACK] } });
    expect([badHome.status, badHome.body.id]).toEqual([400, 'model.oauth.is_valid.homepage.app_error']);
  });

  it('show their secret to the owner and system-wide managers only; others see the public info', async () => {
    const app = await newApp(ana);
    expect((await ana.client.getOAuthApp(app.id)).client_secret).toBe(app.client_secret);
    expect((await admin.client.getOAuthApp(app.id)).client_secret).toBe(app.client_secret);
    expect(await status(bob.client.getOAuthApp(app.id))).toBe(403);
    expect((await bob.client.getOAuthApps()).map((a) => a.id)).not.toContain(app.id);
    expect(new Set((await ana.client.getOAuthApps()).map((a) => a.creator_id))).toEqual(new Set([ana.user.id]));
    expect((await admin.client.getOAuthApps(0, 200)).map((a) => a.id)).toContain(app.id);

    const info = await bob.client.getOAuthAppInfo(app.id);
    expect(info).toMatchObject({ id: app.id, name: 'Client', homepage: 'https://client.example.com', client_secret: '' });
    expect((await raw(server, 'GET', `/oauth/apps/${app.id}/info`)).status).toBe(401);
    expect((await raw(server, 'GET', `/oauth/apps/${'x'.repeat(26)}/info`, { token: bob.token })).status).toBe(404);
  });

  it('are changed, re-keyed and deleted by their owner or a system-wide manager only', async () => {
    const app = await newApp(ana);
    expect(await status(bob.client.editOAuthApp({ ...app, name: 'Stolen' }))).toBe(403);
    expect(await status(bob.client.regenOAuthAppSecret(app.id))).toBe(403);
    expect(await status(bob.client.deleteOAuthApp(app.id))).toBe(403);

    const edited = await ana.client.editOAuthApp({ ...app, name: 'Renamed', is_trusted: true });
    expect(edited).toMatchObject({ name: 'Renamed', is_trusted: false, client_secret: app.client_secret, create_at: app.create_at });
    const mismatched = await raw(server, 'PUT', `/oauth/apps/${app.id}`, { token: ana.token, body: { ...app, id: bob.user.id } });
    expect(mismatched.status).toBe(400);

    const rekeyed = await ana.client.regenOAuthAppSecret(app.id);
    expect(rekeyed.client_secret).not.toBe(app.client_secret);
    expect((await admin.client.editOAuthApp({ ...app, is_trusted: true })).is_trusted).toBe(true);
    await admin.client.deleteOAuthApp(app.id);
    expect(await status(ana.client.getOAuthApp(app.id))).toBe(404);
  });

  it('answer 501 everywhere while EnableOAuthServiceProvider is off', async () => {
    const app = await newApp(ana);
    await setEnabled(false);
    try {
      expect(await status(ana.client.getOAuthApps())).toBe(501);
      expect(await status(newApp(ana))).toBe(501);
      expect(await status(ana.client.getOAuthApp(app.id))).toBe(501);
      expect(await status(bob.client.getOAuthAppInfo(app.id))).toBe(501);
      expect(await status(bob.client.authorizeOAuthApp('code', app.id, CALLBACK, '', ''))).toBe(501);
      expect((await authorizePage(app, bob.token)).status).toBe(501);
      const refused = await codeGrant(app, 'x');
      expect([refused.status, refused.body.error]).toEqual([501, 'server_error']);
      expect((await fetch(`${server.url}/.well-known/oauth-authorization-server`)).status).toBe(501);
      expect((await raw(server, 'GET', '/config/client?format=old')).body.EnableOAuthServiceProvider).toBe('false');
    } finally {
      await setEnabled(true);
    }
  });
});

describe('the authorization flow', () => {
  it('sends the signed-out to log in, the undecided to the consent page, and the trusted or approved back with a code', async () => {
    const app = await newApp(ana);
    const signedOut = await authorizePage(app);
    expect(signedOut.status).toBe(302);
    const login = new URL(signedOut.headers.get('location') ?? '', server.url);
    expect(login.pathname).toBe('/login');
    expect(login.searchParams.get('redirect_to')).toMatch(/^\/oauth\/authorize\?response_type=code&client_id=/);

    const consent = await authorizePage(app, bob.token);
    expect([consent.status, await consent.text()]).toEqual([200, '<!doctype html><title>web client</title>']);
    const wrongCallback = await authorizePage(app, bob.token, 'https://evil.example.com/callback');
    expect([wrongCallback.status, ((await wrongCallback.json()) as { id: string }).id]).toEqual([400, 'api.oauth.allow_oauth.redirect_callback.app_error']);

    await approve(bob, app);
    const again = await authorizePage(app, bob.token);
    expect(again.status).toBe(302);
    const back = new URL(again.headers.get('location') ?? '');
    expect([back.origin + back.pathname, back.searchParams.get('state'), back.searchParams.get('code')?.length]).toEqual([CALLBACK, 's1', 52]);
    expect((await bob.client.getAuthorizedOAuthApps(bob.user.id)).map((a) => [a.id, a.client_secret])).toEqual([[app.id, '']]);
    expect(await status(ana.client.getAuthorizedOAuthApps(bob.user.id))).toBe(403);

    const trusted = await newApp(admin, { is_trusted: true });
    expect((await authorizePage(trusted, bob.token)).status).toBe(302);
  });

  it('publishes its endpoints as RFC 8414 metadata', async () => {
    const meta = (await (await fetch(`${server.url}/.well-known/oauth-authorization-server`)).json()) as Record<string, unknown>;
    expect(meta).toMatchObject({
      issuer: server.url, authorization_endpoint: `${server.url}/oauth/authorize`, token_endpoint: `${server.url}/oauth/access_token`,
      code_challenge_methods_supported: ['S256'],
    });
  });

  it('exchanges a code once for a token of the approving user, and revokes that token when the code comes back', async () => {
    const app = await newApp(ana);
    const code = await approve(bob, app);
    const granted = await codeGrant(app, code);
    expect(granted.status).toBe(200);
    expect(granted.headers.get('cache-control')).toBe('no-store');
    expect(granted.body).toMatchObject({ token_type: 'bearer', scope: 'user' });
    expect(granted.body.expires_in).toBeGreaterThan(0);
    const accessToken = granted.body.access_token as string;
    expect((await me(accessToken)).body.id).toBe(bob.user.id);

    const replay = await codeGrant(app, code);
    expect([replay.status, replay.body.error, replay.body.id]).toEqual([400, 'invalid_grant', 'api.oauth.get_access_token.expired_code.app_error']);
    expect((await me(accessToken)).status).toBe(401);
  });

  it('refuses a wrong redirect_uri, secret, verifier, an expired code and an unknown grant', async () => {
    const app = await newApp(ana);
    const wrongUri = await codeGrant(app, await approve(bob, app), { redirect_uri: 'https://client.example.com/other' });
    expect([wrongUri.status, wrongUri.body.error]).toEqual([400, 'invalid_grant']);
    const wrongSecret = await codeGrant(app, await approve(bob, app), { client_secret: 'x'.repeat(26) });
    expect([wrongSecret.status, wrongSecret.body.error]).toEqual([401, 'invalid_client']);

    const { challenge } = pkcePair();
    const wrongVerifier = await codeGrant(app, await approve(bob, app, challenge), { code_verifier: pkcePair().verifier });
    expect([wrongVerifier.status, wrongVerifier.body.error, wrongVerifier.body.id]).toEqual([400, 'invalid_grant', 'api.oauth.get_access_token.code_verifier.app_error']);
    const missingVerifier = await codeGrant(app, await approve(bob, app, challenge));
    expect([missingVerifier.status, missingVerifier.body.error]).toEqual([400, 'invalid_grant']);

    const expiring = await approve(bob, app);
    await db().updateTable('oauth_auth_data').set({ create_at: Date.now() - 11 * 60_000 }).where('code', '=', expiring).execute();
    const expired = await codeGrant(app, expiring);
    expect([expired.status, expired.body.error]).toEqual([400, 'invalid_grant']);

    const unknown = await token({ grant_type: 'password', client_id: app.id, client_secret: app.client_secret });
    expect([unknown.status, unknown.body.error]).toEqual([400, 'unsupported_grant_type']);
    const badCode = await codeGrant(app, 'nope');
    expect([badCode.status, badCode.body.error]).toEqual([400, 'invalid_grant']);
    const badChallenge = bob.client.authorizeOAuthApp('code', app.id, CALLBACK, '', '', undefined, 'short', 'S256');
    await expect(badChallenge).rejects.toMatchObject({ status_code: 400, server_error_id: 'model.authorize.is_valid.code_challenge.app_error' });
  });

  it('lets a client without its secret in only with PKCE, and gives it no refresh token', async () => {
    const app = await newApp(ana);
    const noPkce = await codeGrant(app, await approve(bob, app), { client_secret: '' });
    expect([noPkce.status, noPkce.body.error]).toEqual([401, 'invalid_client']);

    const { verifier, challenge } = pkcePair();
    const publicGrant = await codeGrant(app, await approve(bob, app, challenge), { client_secret: '', code_verifier: verifier });
    expect(publicGrant.status).toBe(200);
    expect(publicGrant.body.refresh_token).toBeUndefined();
    expect((await me(publicGrant.body.access_token as string)).body.id).toBe(bob.user.id);
  });

  it('refreshes a token once, ending the old one', async () => {
    const app = await newApp(ana);
    const first = await codeGrant(app, await approve(bob, app));
    const refreshed = await token({ grant_type: 'refresh_token', client_id: app.id, client_secret: app.client_secret, refresh_token: first.body.refresh_token as string });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.access_token).not.toBe(first.body.access_token);
    expect((await me(refreshed.body.access_token as string)).body.id).toBe(bob.user.id);
    expect((await me(first.body.access_token as string)).status).toBe(401);
    const reused = await token({ grant_type: 'refresh_token', client_id: app.id, client_secret: app.client_secret, refresh_token: first.body.refresh_token as string });
    expect([reused.status, reused.body.error]).toEqual([400, 'invalid_grant']);
  });

  it('ends the tokens of an app when the user deauthorizes it or its owner deletes it; an app token cannot approve apps', async () => {
    const app = await newApp(ana);
    const granted = await codeGrant(app, await approve(bob, app));
    const appToken = granted.body.access_token as string;
    const viaApp = await fetch(`${server.url}/oauth/authorize`, {
      method: 'POST', headers: { Authorization: `Bearer ${appToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ response_type: 'code', client_id: app.id, redirect_uri: CALLBACK }),
    });
    expect(viaApp.status).toBe(403);

    await bob.client.deauthorizeOAuthApp(app.id);
    expect((await me(appToken)).status).toBe(401);
    expect((await bob.client.getAuthorizedOAuthApps(bob.user.id)).map((a) => a.id)).not.toContain(app.id);
    expect((await authorizePage(app, bob.token)).status).toBe(200);

    const other = await codeGrant(app, await approve(bob, app));
    await ana.client.deleteOAuthApp(app.id);
    expect((await me(other.body.access_token as string)).status).toBe(401);
    expect((await bob.client.getAuthorizedOAuthApps(bob.user.id)).map((a) => a.id)).not.toContain(app.id);
  });
});

describe('sessions held by OAuth apps', () => {
  it('are listed as OAuth sessions and cannot mint personal access tokens', async () => {
    await admin.client.patchConfig({ ServiceSettings: { EnableUserAccessTokens: true } } as Partial<AdminConfig>);
    try {
      const app = await newApp(ana);
      const appToken = (await codeGrant(app, await approve(admin, app))).body.access_token as string;
      const sessions = (await raw(server, 'GET', `/users/${admin.user.id}/sessions`, { token: admin.token })).body as { is_oauth: boolean }[];
      expect(sessions.filter((s) => s.is_oauth)).toHaveLength(1);
      expect(sessions.some((s) => !s.is_oauth)).toBe(true);

      const viaApp = await raw(server, 'POST', `/users/${admin.user.id}/tokens`, { token: appToken, body: { description: 'from the app' } });
      expect(viaApp.status).toBe(403);
      const own = await raw(server, 'POST', `/users/${admin.user.id}/tokens`, { token: admin.token, body: { description: 'mine' } });
      expect(own.status).toBe(200);
    } finally {
      await admin.client.patchConfig({ ServiceSettings: { EnableUserAccessTokens: false } } as Partial<AdminConfig>);
    }
  });
});
