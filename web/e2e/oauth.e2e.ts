import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OAuthApp } from '@mattermost/types/integrations';
import type { UserProfile } from '@mattermost/types/users';
import { startOAuthClientApp, type OAuthClientApp } from '../../server/test/oauth_client_app.js';
import { apiClient, startServer, type RunningServer } from './server';
import { launchBrowser, newUserContext, screenshot, type TestBrowser, type UserContext } from './browser';

/**
 * Parley as an OAuth 2.0 provider, end to end: a client app driven by openid-client (server/test/oauth_client_app.ts)
 * sends the browser to authorize with PKCE, the user logs in and approves in Chromium, and the app's tokens act as them.
 */
describe('OAuth 2.0 authorization code flow with PKCE', () => {
  let server: RunningServer;
  let chrome: TestBrowser;
  let clientApp: OAuthClientApp;
  let visitor: UserContext;
  let app: OAuthApp;
  let lea: UserProfile;
  const password = 'correct-horse-9';
  const leaApi = () => apiClient(server);

  beforeAll(async () => {
    [server, chrome] = await Promise.all([startServer(), launchBrowser()]);
    clientApp = await startOAuthClientApp(server.url);
    const api = apiClient(server);
    // The first account is the system admin, who registers the client app.
    await api.createUser({ username: 'root', email: 'root@example.com', password } as UserProfile, '', '');
    await api.login('root', password);
    lea = await api.createUser({ username: 'lea', email: 'lea@example.com', password } as UserProfile, '', '');
    app = await api.createOAuthApp({
      name: 'Timesheets', description: 'Logs the hours you post.', homepage: 'https://timesheets.example.com',
      icon_url: `${server.url}/favicon.svg`, callback_urls: [clientApp.redirectUri], is_trusted: false,
    } as OAuthApp);
    await clientApp.connect(app.id, app.client_secret);
    visitor = await newUserContext(chrome.browser, server.url);
  });

  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      await screenshot(visitor.page, `failed-oauth-${task.name.replace(/\W+/g, '-')}`).catch(() => undefined);
    });
  });

  afterAll(async () => {
    await chrome?.close();
    await clientApp?.close();
    await server?.stop();
  });

  it('the user logs in and allows the app, whose tokens then act as the user until they are refreshed or withdrawn', async () => {
    const page = visitor.page;
    await page.goto(await clientApp.authorizationUrl());
    await page.waitForURL(/\/login\?redirect_to=%2Foauth%2Fauthorize/);
    await page.getByLabel('Email or username').fill('lea');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Log in' }).click();

    await page.getByRole('heading', { name: 'Authorize app' }).waitFor();
    const card = page.getByRole('region', { name: 'Timesheets' });
    await card.getByRole('heading', { name: 'Timesheets' }).waitFor();
    expect(await card.getByText('Logs the hours you post.').isVisible()).toBe(true);
    expect(await card.getByRole('link', { name: 'https://timesheets.example.com' }).getAttribute('href')).toBe('https://timesheets.example.com');
    expect(await card.locator('img.oauth-app-icon').getAttribute('src')).toBe(`${server.url}/favicon.svg`);
    await screenshot(page, 'oauth-consent');

    const landed = clientApp.nextCallback();
    await page.getByRole('button', { name: 'Allow' }).click();
    const callback = await landed;
    await page.getByRole('heading', { name: 'Back at the client app' }).waitFor();

    const tokens = await clientApp.exchange(callback);
    expect(tokens.token_type).toBe('bearer');
    const me = await clientApp.fetchWithToken(tokens.access_token, '/api/v4/users/me');
    expect(((await me.json()) as UserProfile).id).toBe(lea.id);

    const refreshed = await clientApp.refresh(tokens.refresh_token!);
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    expect(((await (await clientApp.fetchWithToken(refreshed.access_token, '/api/v4/users/me')).json()) as UserProfile).id).toBe(lea.id);
    expect((await fetch(`${server.url}/api/v4/users/me`, { headers: { Authorization: `Bearer ${tokens.access_token}` } })).status).toBe(401);

    // Lea withdraws the app's access: its token stops working and the next request asks her again.
    const api = leaApi();
    await api.login('lea', password);
    await api.deauthorizeOAuthApp(app.id);
    expect((await fetch(`${server.url}/api/v4/users/me`, { headers: { Authorization: `Bearer ${refreshed.access_token}` } })).status).toBe(401);
    expect(visitor.cspViolations).toEqual([]);
  });

  it('a user who denies sends the app back with access_denied', async () => {
    const page = visitor.page;
    await page.goto(await clientApp.authorizationUrl());
    await page.getByRole('heading', { name: 'Authorize app' }).waitFor();
    const landed = clientApp.nextCallback();
    await page.getByRole('button', { name: 'Deny' }).click();
    const callback = await landed;
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('code')).toBeNull();
    await expect(clientApp.exchange(callback)).rejects.toMatchObject({ error: 'access_denied' });
  });
});
