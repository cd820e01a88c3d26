import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer } from 'node:net';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { AdminConfig } from '@mattermost/types/config';
import type { Team } from '@mattermost/types/teams';
import type { UserProfile } from '@mattermost/types/users';
import { Secret, TOTP } from 'otpauth';
import { StandInIdentityProvider } from '../../server/test/oidc_provider.js';
import { apiClient, startServer, type RunningServer } from './server';
import { launchBrowser, logIn, newUserContext, screenshot, type TestBrowser, type UserContext } from './browser';

/**
 * Sign-in methods in Chromium against a real server: MFA enrolment from the account settings, the login's
 * second step, an admin removing a user's MFA, enforcement sending a user to the set-up page, and the System
 * Console's MFA, AD/LDAP, SAML and OpenID Connect pages (saved through the config document; their test buttons
 * show the server's own error for a peer that is not there).
 */
describe('identity: MFA, sign-in methods and their console pages', () => {
  let server: RunningServer;
  let chrome: TestBrowser;
  let admin: UserContext;
  const password = 'correct-horse-9';
  const team = 'acme';
  const api = () => apiClient(server);
  let root: ReturnType<typeof apiClient>;

  /** A port nothing listens on: bound once by us and released, so a connection there is refused. */
  const closedPort = (): Promise<number> =>
    new Promise((resolve, reject) => {
      const probe = createServer();
      probe.on('error', reject);
      probe.listen(0, '127.0.0.1', () => {
        const address = probe.address();
        const port = typeof address === 'object' && address ? address.port : 0;
        probe.close(() => resolve(port));
      });
    });

  const totp = (secret: string): TOTP => new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });
  /** The code an authenticator app would show `offsetMs` from now. */
  const code = (secret: string, offsetMs = 0): string => totp(secret).generate({ timestamp: Date.now() + offsetMs });
  /** A well-formed code that is wrong now: one from ten minutes ago, unless it happens to match a current one. */
  const wrongCode = (secret: string): string => {
    const valid = new Set([-30_000, 0, 30_000, 60_000].map((offset) => code(secret, offset)));
    for (let minutes = 10; ; minutes++) {
      const candidate = code(secret, -minutes * 60_000);
      if (!valid.has(candidate)) return candidate;
    }
  };

  const setting = (page: Page, path: string) => page.locator(`[data-setting="${path}"]`);
  const config = async (): Promise<AdminConfig> => root.getConfig();

  /** The message the server gives for a request, to compare with what the page shows. */
  const serverMessage = async (call: () => Promise<unknown>): Promise<string> => {
    try {
      await call();
    } catch (err) {
      return (err as { message: string }).message;
    }
    throw new Error('the server accepted a request it should have refused');
  };

  const openSecurity = async (page: Page) => {
    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('menuitem', { name: 'Profile' }).click();
    return page.getByRole('region', { name: 'Multi-factor Authentication' });
  };

  /** Reads the secret the set-up shows and activates MFA with the current code; returns the secret. */
  const enrol = async (page: Page): Promise<string> => {
    await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
    const secret = ((await page.getByLabel('Secret', { exact: true }).textContent()) ?? '').trim();
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    // The QR code is a real PNG the server drew, not a placeholder.
    const qr = await page.getByRole('img', { name: 'QR code for your authenticator app' }).getAttribute('src');
    expect(qr).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
    await page.getByLabel('Authenticator code').fill(code(secret));
    await page.getByRole('button', { name: 'Activate' }).click();
    return secret;
  };

  beforeAll(async () => {
    server = await startServer();
    chrome = await launchBrowser();
    // The first account on a new server is its system admin.
    root = api();
    await root.createUser({ username: 'root', email: 'root@example.com', password } as UserProfile, '', '');
    await root.login('root', password);
    const created = await root.createTeam({ name: team, display_name: 'Acme', type: 'O' } as Team);
    for (const username of ['ada', 'bo']) {
      const user = await root.createUser({ username, email: `${username}@example.com`, password } as UserProfile, '', '');
      await root.addToTeam(created.id, user.id);
    }
    await root.patchConfig({ ServiceSettings: { EnableMultifactorAuthentication: true } } as unknown as AdminConfig);
    admin = await newUserContext(chrome.browser, server.url);
    await logIn(admin.page, 'root', password, new RegExp(`/${team}/`));
  });

  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      await screenshot(admin.page, `failed-identity-${task.name.replace(/\W+/g, '-')}`).catch(() => undefined);
    });
  });

  afterAll(async () => {
    await chrome?.close();
    await server?.stop();
  });

  it('AD/LDAP page: saves through the config document, and Test connection shows the server\'s error for a closed port', async () => {
    const page = admin.page;
    const port = await closedPort();
    await page.goto('/admin_console/authentication/ldap');
    await page.getByRole('heading', { name: 'AD/LDAP' }).waitFor();
    await page.getByLabel('AD/LDAP server').fill('127.0.0.1');
    await page.getByLabel('AD/LDAP port').fill(String(port));
    await page.getByLabel('Base DN').fill('dc=example,dc=com');
    await page.getByLabel('Login field name').fill('Corp ID');

    const current = (await config()).LdapSettings;
    const expected = await serverMessage(() => root.testLdapConnection({ ...current, LdapServer: '127.0.0.1', LdapPort: port, BaseDN: 'dc=example,dc=com' }));
    await page.getByRole('button', { name: 'Test connection' }).click();
    const shown = page.getByRole('alert').filter({ hasText: expected });
    await shown.waitFor();
    expect(expected.length).toBeGreaterThan(0);
    await screenshot(page, 'identity-ldap-test-error');

    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).first().waitFor();
    const saved = (await config()).LdapSettings;
    expect(saved.LdapServer).toBe('127.0.0.1');
    expect(saved.LdapPort).toBe(port);
    expect(saved.BaseDN).toBe('dc=example,dc=com');
    expect(saved.LoginFieldName).toBe('Corp ID');
    // The page shows what the server kept after a reload.
    await page.reload();
    await expect.poll(() => page.getByLabel('AD/LDAP server').inputValue()).toBe('127.0.0.1');

    // Enabled: a sync runs as a job the page follows to its end (it fails: nothing listens on the port).
    await setting(page, 'LdapSettings.Enable').getByLabel('True').check();
    await page.getByLabel('ID attribute', { exact: true }).fill('entryUUID');
    await page.getByLabel('Login ID attribute').fill('uid');
    await page.getByLabel('Username attribute').fill('uid');
    await page.getByLabel('Email attribute').fill('mail');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).first().waitFor();
    expect((await config()).LdapSettings.Enable).toBe(true);
    await page.getByRole('button', { name: 'Synchronize now' }).click();
    const jobStatus = page.getByRole('status', { name: 'Synchronize' });
    await expect.poll(() => jobStatus.textContent(), { timeout: 30_000 }).toMatch(/Last synchronization: (failed|succeeded|finished with warnings)/);
    const [job] = await root.getJobsByType('ldap_sync', 0, 1);
    const words: Record<string, string> = { error: 'failed', success: 'succeeded', warning: 'finished with warnings' };
    expect(await jobStatus.textContent()).toContain(`Last synchronization: ${words[job.status]}`);
    await screenshot(page, 'identity-ldap-sync-job');

    // The login page names the directory's login field.
    const visitor = await newUserContext(chrome.browser, server.url);
    try {
      await visitor.page.goto('/login');
      await visitor.page.getByLabel('Email or username or Corp ID').waitFor();
    } finally {
      await visitor.context.close();
    }
    await setting(page, 'LdapSettings.Enable').getByLabel('False').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).first().waitFor();
    expect((await config()).LdapSettings.Enable).toBe(false);
  });

  it('SAML page: Get SAML metadata shows the server\'s error for an unreachable IdP, and a setting round-trips', async () => {
    const page = admin.page;
    const port = await closedPort();
    const metadataUrl = `http://127.0.0.1:${port}/metadata`;
    await page.goto('/admin_console/authentication/saml');
    await page.getByRole('heading', { name: 'SAML 2.0' }).waitFor();
    // The certificate rows load their state from GET /saml/certificate/status.
    await page.getByRole('group', { name: 'Service provider private key' }).getByText('Not uploaded', { exact: true }).waitFor();
    await page.getByLabel('Identity provider metadata URL').fill(metadataUrl);
    const expected = await serverMessage(() => root.getSamlMetadataFromIdp(metadataUrl));
    await page.getByRole('button', { name: 'Get SAML metadata from IdP' }).click();
    await page.getByRole('alert').filter({ hasText: expected }).waitFor();
    await screenshot(page, 'identity-saml-metadata-error');

    await page.getByLabel('Service provider identifier').fill('parley-sp');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).first().waitFor();
    const saved = (await config()).SamlSettings;
    expect(saved.ServiceProviderIdentifier).toBe('parley-sp');
    expect(saved.IdpMetadataURL).toBe(metadataUrl);
  });

  it('SAML page: metadata from a real IdP fills the URLs and installs its certificate; SP certificate files upload and go', async () => {
    const page = admin.page;
    const idpKeys = await generate([{ name: 'commonName', value: 'idp.acme.test' }], { keySize: 2048, algorithm: 'sha256' });
    const spKeys = await generate([{ name: 'commonName', value: 'parley.acme.test' }], { keySize: 2048, algorithm: 'sha256' });
    const body = idpKeys.cert.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
    // An identity provider's metadata endpoint: a real HTTP peer serving what an IdP publishes.
    const idp: Server = createHttpServer((request, response) => {
      if (request.url !== '/metadata') return void response.writeHead(404).end();
      const base = `http://127.0.0.1:${(idp.address() as { port: number }).port}`;
      response.writeHead(200, { 'Content-Type': 'application/samlmetadata+xml' }).end(
        `<?xml version="1.0"?><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${base}/entity">` +
          '<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">' +
          `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${body}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>` +
          `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${base}/sso"/>` +
          '</md:IDPSSODescriptor></md:EntityDescriptor>',
      );
    });
    await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(idp.address() as { port: number }).port}`;
    try {
      await page.goto('/admin_console/authentication/saml');
      await page.getByRole('heading', { name: 'SAML 2.0' }).waitFor();
      const idpRow = page.getByRole('group', { name: 'Identity provider public certificate' });
      await idpRow.getByText('Not uploaded', { exact: true }).waitFor();
      await page.getByLabel('Identity provider metadata URL').fill(`${base}/metadata`);
      await page.getByRole('button', { name: 'Get SAML metadata from IdP' }).click();
      await page.getByRole('status').filter({ hasText: 'certificate was found and installed' }).waitFor();
      expect(await page.getByLabel('SAML SSO URL').inputValue()).toBe(`${base}/sso`);
      expect(await page.getByLabel('Identity provider issuer URL').inputValue()).toBe(`${base}/entity`);
      await idpRow.getByText('Uploaded', { exact: true }).waitFor();
      expect((await root.getSamlCertificateStatus()).idp_certificate_file).toBe(true);

      const spRow = page.getByRole('group', { name: 'Service provider public certificate' });
      await spRow.locator('input[type=file]').setInputFiles({ name: 'sp.crt', mimeType: 'application/x-x509-ca-cert', buffer: Buffer.from(spKeys.cert) });
      await spRow.getByRole('status').filter({ hasText: 'Service provider public certificate uploaded.' }).waitFor();
      await spRow.getByText('Uploaded', { exact: true }).waitFor();
      expect((await root.getSamlCertificateStatus()).public_certificate_file).toBe(true);
      await screenshot(page, 'identity-saml-certificates');
      await spRow.getByRole('button', { name: 'Remove Service provider public certificate' }).click();
      await spRow.getByText('Not uploaded', { exact: true }).waitFor();
      expect((await root.getSamlCertificateStatus()).public_certificate_file).toBe(false);

      // The filled-in URLs are saved with the form.
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('status').filter({ hasText: 'Saved' }).first().waitFor();
      const saved = (await config()).SamlSettings;
      expect(saved.IdpURL).toBe(`${base}/sso`);
      expect(saved.IdpDescriptorURL).toBe(`${base}/entity`);
    } finally {
      await new Promise((resolve) => idp.close(resolve));
    }
  });

  it('OpenID Connect page: the provider choice shows its fields, Test connection shows the server\'s error, and the login page offers the button', async () => {
    const page = admin.page;
    const port = await closedPort();
    const discovery = `http://127.0.0.1:${port}/.well-known/openid-configuration`;
    await page.goto('/admin_console/authentication/openid');
    await page.getByRole('heading', { name: 'OpenID Connect' }).waitFor();
    expect(await page.getByLabel('Discovery endpoint').count()).toBe(0);
    await page.getByLabel('Select service provider').selectOption({ label: 'OpenID Connect (Other)' });
    await page.getByLabel('Discovery endpoint').fill(discovery);
    await page.getByLabel('Client ID').fill('parley-client');
    await page.getByLabel('Client secret').fill('parley-secret');
    await page.getByLabel('Button name').fill('Acme ID');

    const draft = { ...(await config()).OpenIdSettings, Enable: true, DiscoveryEndpoint: discovery, Id: 'parley-client', Secret: 'parley-secret' };
    const expected = await serverMessage(async () => {
      const res = await fetch(`${server.url}/api/v4/sso/openid/test`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${root.getToken()}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(draft),
      });
      const body = (await res.json()) as { status?: string; message?: string };
      if (res.ok) return body;
      throw new Error(body.message);
    });
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByRole('alert').filter({ hasText: expected }).waitFor();
    await screenshot(page, 'identity-openid-test-error');

    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).first().waitFor();
    const saved = await config();
    expect(saved.OpenIdSettings.Enable).toBe(true);
    expect(saved.OpenIdSettings.DiscoveryEndpoint).toBe(discovery);
    expect(saved.OpenIdSettings.ButtonText).toBe('Acme ID');
    expect(saved.GitLabSettings.Enable).toBe(false);

    // Signed out, the login page offers the provider, carrying where the user wanted to go.
    const visitor = await newUserContext(chrome.browser, server.url);
    try {
      await visitor.page.goto(`/${team}/channels/off-topic`);
      await visitor.page.waitForURL(/\/login\?redirect_to=/);
      const button = visitor.page.getByRole('link', { name: 'Acme ID', exact: true });
      expect(await button.getAttribute('href')).toBe(`/oauth/openid/login?redirect_to=${encodeURIComponent(`/${team}/channels/off-topic`)}`);
      await screenshot(visitor.page, 'identity-login-sso-buttons');
      // An SSO failure the server sends back is shown on the page.
      await visitor.page.goto('/error?message=The+provider+refused+the+sign-in.');
      await visitor.page.getByRole('alert').filter({ hasText: 'The provider refused the sign-in.' }).waitFor();
      await screenshot(visitor.page, 'identity-login-sso-error');
      await visitor.page.goto('/error?type=oauth_access_denied&service=Openid');
      await visitor.page.getByRole('alert').filter({ hasText: 'You must allow access at Openid to log in with it.' }).waitFor();
      await visitor.page.getByRole('link', { name: 'Back to log in' }).click();
      await visitor.page.waitForURL(/\/login$/);
      // Mattermost's ?extra= notes on the login page.
      await visitor.page.goto('/login?extra=signin_change');
      await visitor.page.getByRole('status').filter({ hasText: 'Sign-in method changed.' }).waitFor();
    } finally {
      await visitor.context.close();
    }

    // Back to no provider: every provider's Enable goes off again.
    await page.getByLabel('Select service provider').selectOption({ label: 'None' });
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).first().waitFor();
    expect((await config()).OpenIdSettings.Enable).toBe(false);
  });

  it('a person signed in through OpenID Connect sees that method in Security, with no password form and no MFA', async () => {
    const idp = await StandInIdentityProvider.listen();
    const visitor = await newUserContext(chrome.browser, server.url);
    try {
      idp.configure([`${server.url}/signup/openid/complete`]);
      idp.accounts.set('grace', { email: 'grace@example.com', email_verified: true, given_name: 'Grace', family_name: 'Hopper' });
      await root.patchConfig({
        OpenIdSettings: { Enable: true, Id: idp.clientId, Secret: idp.clientSecret, DiscoveryEndpoint: idp.discoveryUrl, ButtonText: 'Acme ID' },
      } as unknown as AdminConfig);
      const page = visitor.page;
      await page.goto('/login');
      await page.getByRole('link', { name: 'Acme ID', exact: true }).click();
      await page.getByPlaceholder('Enter any login').fill('grace');
      await page.getByPlaceholder('and password').fill('anything');
      await page.getByRole('button', { name: 'Sign-in' }).click();
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.waitForURL(/\/select_team|\/create_team/);
      const grace = await root.getUserByUsername('grace');
      expect(grace.auth_service).toBe('openid');
      await root.addToTeam((await root.getTeamByName(team)).id, grace.id);
      await page.goto(`/${team}`);
      await page.waitForURL(new RegExp(`/${team}/`));

      await page.getByRole('button', { name: 'Account menu' }).click();
      await page.getByRole('menuitem', { name: 'Profile' }).click();
      const security = page.getByRole('region', { name: 'Security' });
      await security.getByText('OpenID Connect').waitFor();
      await page.getByText('Your password is managed by OpenID Connect; change it there.').waitFor();
      expect(await page.getByLabel('Current password').count()).toBe(0);
      // MFA is on for the server, but a provider's account proves itself at the provider.
      expect(await page.getByRole('region', { name: 'Multi-factor Authentication' }).count()).toBe(0);
      await screenshot(page, 'identity-security-sso-account');
    } finally {
      await visitor.context.close();
      await root.patchConfig({ OpenIdSettings: { Enable: false } } as unknown as AdminConfig);
      await idp.close();
    }
  });

  it('a user enrols in MFA from the account settings, then logging in asks for the code and refuses a wrong one', async () => {
    const ada = await newUserContext(chrome.browser, server.url);
    try {
      const page = ada.page;
      await logIn(page, 'ada', password, new RegExp(`/${team}/`));
      const mfa = await openSecurity(page);
      await mfa.waitFor();
      // The sign-in method is shown; a password account keeps its password form.
      await page.getByRole('region', { name: 'Security' }).getByText('Email and Password').waitFor();
      expect(await page.getByLabel('Current password').count()).toBe(1);
      await mfa.getByRole('button', { name: 'Add MFA to account' }).click();
      const secret = await enrol(page);
      await mfa.getByRole('status').filter({ hasText: 'MFA is active on your account.' }).waitFor();
      await mfa.getByRole('button', { name: 'Remove MFA from account' }).waitFor();
      await screenshot(page, 'identity-mfa-enrolled');
      const me = await root.getUserByUsername('ada');
      expect(me.mfa_active).toBe(true);

      await page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: 'Close' }).first().click();
      await page.getByRole('button', { name: 'Account menu' }).click();
      await page.getByRole('menuitem', { name: 'Log out' }).click();
      await page.waitForURL(/\/login/);

      await page.getByLabel('Email or username').fill('ada');
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Log in' }).click();
      const token = page.getByLabel('MFA token');
      await token.waitFor();
      expect(await token.getAttribute('autocomplete')).toBe('one-time-code');
      await screenshot(page, 'identity-mfa-login-step');

      await token.fill(wrongCode(secret));
      await page.getByRole('button', { name: 'Verify' }).click();
      await page.getByRole('alert').filter({ hasText: 'Invalid MFA token.' }).waitFor();
      expect(page.url()).toMatch(/\/login/);

      // The next step's code: the one used to activate is spent (the server refuses a code twice).
      await token.fill(code(secret, 30_000));
      await page.getByRole('button', { name: 'Verify' }).click();
      await page.waitForURL(new RegExp(`/${team}/`));
    } finally {
      await ada.context.close();
    }
  });

  it('an admin removes a user\'s MFA in the System Console', async () => {
    const page = admin.page;
    const ada = await root.getUserByUsername('ada');
    expect(ada.mfa_active).toBe(true);
    await page.goto(`/admin_console/user_management/users/${ada.id}`);
    await page.getByRole('heading', { name: 'Multi-factor authentication' }).waitFor();
    await page.getByRole('button', { name: 'Remove MFA' }).click();
    await page.getByRole('dialog', { name: 'Remove MFA' }).getByRole('button', { name: 'Remove MFA' }).click();
    await page.getByRole('status').filter({ hasText: 'MFA removed.' }).waitFor();
    await screenshot(page, 'identity-admin-removed-mfa');
    expect((await root.getUserByUsername('ada')).mfa_active).toBe(false);
    // Her password alone signs her in again.
    const client = api();
    await client.login('ada', password);
    expect((await client.getMe()).username).toBe('ada');
  });

  it('with MFA enforced (saved on the console\'s MFA page), a user without MFA is sent to /mfa/setup and can finish it', async () => {
    const page = admin.page;
    await page.goto('/admin_console/authentication/mfa');
    await page.getByRole('heading', { name: 'Multi-factor Authentication' }).waitFor();
    expect(await setting(page, 'ServiceSettings.EnableMultifactorAuthentication').getByLabel('True').isChecked()).toBe(true);
    await setting(page, 'ServiceSettings.EnforceMultifactorAuthentication').getByLabel('True').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).first().waitFor();
    // The admin has no MFA either: the server now refuses their calls until it is set up (its 403 is the proof it was saved).
    const refused = await fetch(`${server.url}/api/v4/users/me/teams`, { headers: { Authorization: `Bearer ${root.getToken()}` } });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { id: string }).id).toBe('api.context.mfa_required.app_error');
    await page.reload();
    await page.waitForURL(/\/mfa\/setup$/);

    const bo = await newUserContext(chrome.browser, server.url);
    try {
      const p = bo.page;
      await logIn(p, 'bo', password, /\/mfa\/setup$/);
      await p.getByRole('heading', { name: 'Set up multi-factor authentication' }).waitFor();
      await screenshot(p, 'identity-mfa-enforced-setup');
      await enrol(p);
      await p.waitForURL(/\/mfa\/confirm$/);
      await p.getByRole('heading', { name: 'Multi-factor authentication set up' }).waitFor();
      await p.getByRole('button', { name: 'Continue' }).click();
      await p.waitForURL(new RegExp(`/${team}/`));
      // In the app now: the channel list loaded, which the server refused before set-up.
      await expect.poll(() => p.locator('.channel-title').first().textContent()).toMatch(/Town Square|Off-Topic/);
    } finally {
      await bo.context.close();
    }
  });
});
