import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AdminConfig } from '@mattermost/types/config';
import type { Team } from '@mattermost/types/teams';
import type { UserProfile } from '@mattermost/types/users';
import { decodedMail, sinkSettings, startSmtpSink, waitForMail, type SmtpSink } from '../../server/test/smtp_sink.js';
import { apiClient, startServer, type RunningServer } from './server';
import { launchBrowser, newUserContext, screenshot, type TestBrowser, type UserContext } from './browser';

/** Forgot password in Chromium against a real server that sends its email to a real SMTP server. */
describe('password reset by email', () => {
  let server: RunningServer;
  let sink: SmtpSink;
  let chrome: TestBrowser;
  let visitor: UserContext;
  const password = 'correct-horse-9';
  const team = 'acme';

  beforeAll(async () => {
    [server, sink, chrome] = await Promise.all([startServer(), startSmtpSink(), launchBrowser()]);
    const api = apiClient(server);
    // The first account is the system admin, who points the server at the SMTP sink.
    await api.createUser({ username: 'root', email: 'root@example.com', password } as UserProfile, '', '');
    await api.login('root', password);
    await api.patchConfig({
      EmailSettings: sinkSettings(sink),
      ServiceSettings: { SiteURL: server.url },
    } as unknown as Partial<AdminConfig>);
    const created = await api.createTeam({ name: team, display_name: 'Acme', type: 'O' } as Team);
    const lea = await api.createUser({ username: 'lea', email: 'lea@example.com', password } as UserProfile, '', '');
    await api.addToTeam(created.id, lea.id);
    visitor = await newUserContext(chrome.browser, server.url);
  });

  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      await screenshot(visitor.page, `failed-password-reset-${task.name.replace(/\W+/g, '-')}`).catch(() => undefined);
    });
  });

  afterAll(async () => {
    await chrome?.close();
    await sink?.close();
    await server?.stop();
  });

  it('a user asks for a link on the login page, sets a new password with it and logs in', async () => {
    const page = visitor.page;
    await page.goto('/login');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.waitForURL(/\/reset_password$/);
    await page.getByLabel('Email').fill('lea@example.com');
    const before = sink.received.length;
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await page.getByRole('status').filter({ hasText: 'If an account exists for lea@example.com, we sent a link to reset its password.' }).waitFor();

    const mail = await waitForMail(sink, 'lea@example.com', before);
    const link = /https?:\/\/\S+\/reset_password_complete\?token=[A-Za-z0-9_-]+/.exec(decodedMail(mail))?.[0];
    expect(link, mail.data).toBeDefined();
    await page.goto(link!);
    await page.getByLabel(/^New password/).fill('a-fresh-password-7');
    await page.getByLabel('Confirm new password').fill('a-fresh-password-7');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Your password has been changed.').waitFor();
    await screenshot(page, 'password-reset-done');

    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/\/login/);
    await page.getByLabel('Email or username').fill('lea');
    await page.getByLabel('Password').fill('a-fresh-password-7');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(new RegExp(`/${team}/`));

    // The link was used up: opened again, it says so and offers a new one.
    await visitor.context.clearCookies();
    await page.goto(link!);
    await page.getByLabel(/^New password/).fill('another-password-8');
    await page.getByLabel('Confirm new password').fill('another-password-8');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('alert').filter({ hasText: 'invalid or has already been used' }).waitFor();
    expect(await page.getByRole('link', { name: 'Request a new link' }).isVisible()).toBe(true);
  });
});
