import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Client4 } from '@mattermost/client';
import type { AdminConfig } from '@mattermost/types/config';
import type { Team } from '@mattermost/types/teams';
import type { UserProfile } from '@mattermost/types/users';
import { decodedMail, sinkSettings, startSmtpSink, waitForMail, type SmtpSink } from '../../server/test/smtp_sink.js';
import { apiClient, startServer, type RunningServer } from './server';
import { launchBrowser, newUserContext, screenshot, type TestBrowser, type UserContext } from './browser';

/** Team invitations by email and email verification in Chromium, against a real server mailing a real SMTP server. */
describe('email invitations and verification', () => {
  let server: RunningServer;
  let sink: SmtpSink;
  let chrome: TestBrowser;
  let api: Client4;
  const users: UserContext[] = [];
  const password = 'correct-horse-9';
  const team = 'acme';

  const newUser = async (): Promise<UserContext> => {
    const user = await newUserContext(chrome.browser, server.url);
    users.push(user);
    return user;
  };

  beforeAll(async () => {
    [server, sink, chrome] = await Promise.all([startServer(), startSmtpSink(), launchBrowser()]);
    api = apiClient(server);
    // The first account is the system admin, who points the server at the SMTP sink and turns invitations on.
    await api.createUser({ username: 'root', email: 'root@example.com', password } as UserProfile, '', '');
    await api.login('root', password);
    await api.patchConfig({
      EmailSettings: sinkSettings(sink),
      ServiceSettings: { SiteURL: server.url, EnableEmailInvitations: true },
    } as unknown as Partial<AdminConfig>);
    await api.createTeam({ name: team, display_name: 'Acme', type: 'I' } as Team);
  });

  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      for (const [i, user] of users.entries()) {
        await screenshot(user.page, `failed-email-links-${task.name.replace(/\W+/g, '-')}-${i}`).catch(() => undefined);
      }
    });
  });

  afterAll(async () => {
    await chrome?.close();
    await sink?.close();
    await server?.stop();
  });

  it('a member invites by email from the team menu; the invitee signs up with the link and lands in the team', async () => {
    const root = await newUser();
    await root.page.goto('/login');
    await root.page.getByLabel('Email or username').fill('root');
    await root.page.getByLabel('Password').fill(password);
    await root.page.getByRole('button', { name: 'Log in' }).click();
    await root.page.waitForURL(new RegExp(`/${team}/`));

    await root.page.getByRole('button', { name: 'Team menu' }).click();
    await root.page.getByRole('menuitem', { name: 'Invite people by email' }).click();
    const dialog = root.page.getByRole('dialog', { name: 'Invite people to Acme' });
    await dialog.getByLabel('Email addresses').fill('nina@example.com, not-an-address');
    const before = sink.received.length;
    await dialog.getByRole('button', { name: 'Send invitations' }).click();
    await dialog.locator('li[data-email="nina@example.com"]').filter({ hasText: 'Invitation sent' }).waitFor();
    await dialog.locator('li[data-email="not-an-address"]').filter({ hasText: 'not valid' }).waitFor();
    await screenshot(root.page, 'invite-by-email-results');

    const mail = await waitForMail(sink, 'nina@example.com', before);
    expect(mail.data).toMatch(/^Subject: .*invited you to join Acme/m);
    const link = /https?:\/\/\S+\/signup_user_complete\/\?d=\S+&t=[A-Za-z0-9_-]+/.exec(decodedMail(mail))?.[0];
    expect(link, mail.data).toBeDefined();

    const nina = await newUser();
    await nina.page.goto(link!);
    await nina.page.getByRole('heading', { name: 'You\'ve been invited to join Acme' }).waitFor();
    await nina.page.getByLabel('Email').fill('nina@example.com');
    await nina.page.getByLabel('Username').fill('nina');
    await nina.page.getByLabel('Password').fill(password);
    await nina.page.getByRole('button', { name: 'Create account' }).click();
    await nina.page.waitForURL(new RegExp(`/${team}/`));
    await screenshot(nina.page, 'invite-by-email-joined');
    const me = (await (await nina.page.request.get('/api/v4/users/me')).json()) as UserProfile & { email_verified: boolean };
    expect(me.email_verified).toBe(true);
  });

  it('with verification required: sign-up shows "Check your email", the link verifies, then the user logs in', async () => {
    await api.patchConfig({ EmailSettings: { RequireEmailVerification: true } } as unknown as Partial<AdminConfig>);
    const otto = await newUser();
    const page = otto.page;
    await page.goto('/signup_user_complete');
    await page.getByLabel('Email').fill('otto@example.com');
    await page.getByLabel('Username').fill('otto');
    await page.getByLabel('Password').fill(password);
    const before = sink.received.length;
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(/\/should_verify_email\?email=otto%40example\.com/);
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    await waitForMail(sink, 'otto@example.com', before);

    // Resending replaces the first link; the newest one is used.
    const resent = sink.received.length;
    await page.getByRole('button', { name: 'Resend email' }).click();
    await page.getByRole('status').filter({ hasText: 'a new link is on its way' }).waitFor();
    const mail = await waitForMail(sink, 'otto@example.com', resent);
    const link = /https?:\/\/\S+\/do_verify_email\?token=[A-Za-z0-9_-]+&email=\S+/.exec(decodedMail(mail))?.[0];
    expect(link, mail.data).toBeDefined();

    // Logging in before verifying leads back to the same page.
    await page.goto('/login');
    await page.getByLabel('Email or username').fill('otto@example.com');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/\/should_verify_email/);

    await page.goto(link!);
    await page.getByRole('heading', { name: 'Email verified' }).waitFor();
    await screenshot(page, 'email-verified');
    await page.getByRole('link', { name: 'Log in' }).click();
    await page.waitForURL(/\/login\?login_id=otto%40example\.com/);
    expect(await page.getByLabel('Email or username').inputValue()).toBe('otto@example.com');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/\/select_team/);

    // The used link says so, and offers to send a new one.
    await otto.context.clearCookies();
    await page.goto(link!);
    await page.getByRole('heading', { name: 'Email not verified' }).waitFor();
    expect(await page.getByRole('button', { name: 'Resend email' }).isVisible()).toBe(true);
  });
});
