import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Team } from '@mattermost/types/teams';
import type { UserProfile } from '@mattermost/types/users';
import { StandInIdentityProvider } from '../../server/test/oidc_provider.js';
import { apiClient, startServer, type RunningServer } from './server';
import { launchBrowser, logIn, newUserContext, screenshot, type TestBrowser, type UserContext } from './browser';

const BUTTON_TEXT = 'Sign in with Acme ID';

/**
 * Single sign-on through an OpenID Connect provider, end to end: the login page's button sends Chromium to a real
 * oidc-provider (server/test/oidc_provider.ts), the person signs in and consents there, and lands signed in on Parley.
 */
describe('OpenID Connect single sign-on in the browser', () => {
  let server: RunningServer;
  let chrome: TestBrowser;
  let idp: StandInIdentityProvider;
  let visitor: UserContext;
  let team: Team;
  const password = 'correct-horse-9';
  const settings = (): Record<string, string> => ({
    MM_OPENIDSETTINGS_ENABLE: 'true',
    MM_OPENIDSETTINGS_ID: idp.clientId,
    MM_OPENIDSETTINGS_SECRET: idp.clientSecret,
    MM_OPENIDSETTINGS_DISCOVERYENDPOINT: idp.discoveryUrl,
    MM_OPENIDSETTINGS_BUTTONTEXT: BUTTON_TEXT,
  });

  beforeAll(async () => {
    // The provider listens first: the server's settings (taken from its environment) name it.
    [idp, chrome] = await Promise.all([StandInIdentityProvider.listen(), launchBrowser()]);
    const env = settings();
    Object.assign(process.env, env);
    try {
      server = await startServer();
    } finally {
      for (const key of Object.keys(env)) delete process.env[key];
    }
    idp.configure([`${server.url}/signup/openid/complete`]);
    idp.accounts.set('grace', { email: 'grace@example.com', email_verified: true, given_name: 'Grace', family_name: 'Hopper' });
    const api = apiClient(server);
    await api.createUser({ username: 'root', email: 'root@example.com', password } as UserProfile, '', '');
    await api.login('root', password);
    team = await api.createTeam({ name: 'navy', display_name: 'Navy', type: 'O' } as Team);
    visitor = await newUserContext(chrome.browser, server.url);
  });

  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      await screenshot(visitor.page, `failed-sso-${task.name.replace(/\W+/g, '-')}`).catch(() => undefined);
    });
  });

  afterAll(async () => {
    await chrome?.close();
    await server?.stop();
    await idp?.close();
  });

  const signedInAs = async (): Promise<string> => {
    const response = await visitor.page.request.get('/api/v4/users/me');
    return response.ok() ? ((await response.json()) as UserProfile).username : '';
  };

  it('a new person signs in at the provider from the login page and lands signed in', async () => {
    const page = visitor.page;
    await page.goto('/login');
    const button = page.getByRole('link', { name: BUTTON_TEXT });
    await expect(button.getAttribute('href')).resolves.toMatch(/^\/oauth\/openid\/login(\?redirect_to=.*)?$/);
    await button.click();

    await page.waitForURL((url) => url.origin === idp.issuer);
    await page.getByPlaceholder('Enter any login').fill('grace');
    await page.getByPlaceholder('and password').fill('anything');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();

    // Back on Parley, signed in: with no team yet, the team page.
    await page.waitForURL((url) => url.origin === server.url && !url.pathname.startsWith('/login') && !url.pathname.startsWith('/signup'));
    await page.waitForURL(/\/select_team|\/create_team/);
    expect(await signedInAs()).toBe('grace');
    const cookies = await visitor.context.cookies(server.url);
    expect(cookies.find((c) => c.name === 'MMAUTHTOKEN')?.httpOnly).toBe(true);
    expect(cookies.find((c) => c.name === 'MMOAUTH')).toBeUndefined();
  });

  it('a returning person who opened a channel link signs in again and lands in that channel', async () => {
    const page = visitor.page;
    const api = apiClient(server);
    await api.login('root', password);
    const grace = await api.getUserByUsername('grace');
    await api.addToTeam(team.id, grace.id);
    // Signed out of Parley only: the provider (same host, other port, so the same cookie jar) still knows them.
    for (const name of ['MMAUTHTOKEN', 'MMUSERID', 'MMCSRF']) await visitor.context.clearCookies({ name });
    await page.goto('/navy/channels/town-square');
    await page.waitForURL(/\/login\?redirect_to=%2Fnavy%2Fchannels%2Ftown-square/);
    await page.getByRole('link', { name: BUTTON_TEXT }).click();

    await page.waitForURL((url) => url.origin === idp.issuer || url.pathname.startsWith('/navy/channels/town-square'));
    if (new URL(page.url()).origin === idp.issuer) {
      await page.getByPlaceholder('Enter any login').fill('grace');
      await page.getByPlaceholder('and password').fill('anything');
      await page.getByRole('button', { name: 'Sign-in' }).click();
    }
    await page.waitForURL(/\/navy\/channels\/town-square$/);
    expect(await signedInAs()).toBe('grace');
    expect((await api.getUserByUsername('grace')).id).toBe(grace.id);
  });

  it('a callback whose state was tampered with signs nobody in and shows why', async () => {
    const page = visitor.page;
    await visitor.context.clearCookies();
    // The state Parley sent the browser off with is swapped on the way to the provider, which echoes it back. (The
    // provider's redirect to the callback cannot be rewritten: Playwright routes only the first request of a chain.)
    await page.route(/\/oauth\/openid\/login/, async (route) => {
      const response = await route.fetch({ maxRedirects: 0 });
      const location = new URL(response.headers().location ?? '');
      expect(location.searchParams.get('state')).toBeTruthy();
      location.searchParams.set('state', 'forged-state');
      await route.fulfill({ response, headers: { ...response.headers(), location: location.href } });
    });
    try {
      await page.goto('/login');
      await page.getByRole('link', { name: BUTTON_TEXT }).click();
      await page.waitForURL((url) => url.origin === idp.issuer);
      await page.getByPlaceholder('Enter any login').fill('mallory');
      await page.getByPlaceholder('and password').fill('anything');
      await page.getByRole('button', { name: 'Sign-in' }).click();
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.waitForURL(/\/error\?/);
      await expect(page.getByRole('alert').textContent()).resolves.toContain('Invalid state');
      expect(await signedInAs()).toBe('');
      const cookies = await visitor.context.cookies(server.url);
      expect(cookies.find((c) => c.name === 'MMAUTHTOKEN')).toBeUndefined();
    } finally {
      await page.unroute(/\/oauth\/openid\/login/);
    }
  });
  it('the sign-up page offers the provider\'s sign-up, and a provider account can move to a password of its own', async () => {
    const page = visitor.page;
    await visitor.context.clearCookies();
    await page.goto('/signup_user_complete');
    const signUp = page.getByRole('navigation', { name: 'or create an account with' }).getByRole('link', { name: BUTTON_TEXT });
    await expect(signUp.getAttribute('href')).resolves.toBe('/oauth/openid/signup');

    // Signed in through the provider, grace sets a password in Security and signs in with it from then on.
    await page.goto('/navy/channels/town-square');
    await page.getByRole('link', { name: BUTTON_TEXT }).click();
    await page.waitForURL((url) => url.origin === idp.issuer);
    await page.getByPlaceholder('Enter any login').fill('grace');
    await page.getByPlaceholder('and password').fill('anything');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.waitForURL((url) => url.origin === server.url || url.origin === idp.issuer);
    if (new URL(page.url()).origin === idp.issuer) await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(/\/navy\/channels\/town-square$/);
    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('menuitem', { name: 'Profile' }).click();
    const change = page.getByRole('region', { name: 'Change how you sign in' });
    await change.getByRole('button', { name: 'Switch to Email and Password' }).click();
    await change.getByLabel('New password').fill('graces-own-password-1');
    await screenshot(page, 'sso-switch-to-password');
    await change.getByRole('button', { name: 'Switch to Email and Password' }).last().click();
    await page.waitForURL(/\/login\?extra=signin_change/);
    expect(await signedInAs()).toBe('');

    await logIn(page, 'grace', 'graces-own-password-1', /\/navy\/channels\//);
    expect(await signedInAs()).toBe('grace');
    const api = apiClient(server);
    await api.login('root', password);
    expect((await api.getUserByUsername('grace')).auth_service).toBe('');
  });
});
