import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Client4 } from '@mattermost/client';
import type { AdminConfig } from '@mattermost/types/config';
import type { Channel } from '@mattermost/types/channels';
import type { Post } from '@mattermost/types/posts';
import type { Team } from '@mattermost/types/teams';
import type { UserProfile } from '@mattermost/types/users';
import { apiClient, startServer, type RunningServer } from './server';
import { launchBrowser, newUserContext, screenshot, type TestBrowser, type UserContext } from './browser';

type Body = Record<string, any>;

/**
 * An integration on loopback: answers the clicks of its buttons and menu, opens a dialog with the trigger id a
 * click gave it, and refuses a dialog's first name before accepting another. Records every request.
 */
class Integration {
  readonly received: { path: string; body: Body }[] = [];
  private server!: http.Server;
  base = '';

  constructor(private readonly parleyUrl: () => string) {}

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      let text = '';
      req.on('data', (chunk: Buffer) => { text += chunk.toString('utf8'); });
      req.on('end', () => {
        const body = JSON.parse(text || '{}') as Body;
        this.received.push({ path: req.url ?? '', body });
        void this.answer(req.url ?? '', body).then((answer) => {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify(answer));
        });
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private async answer(path: string, body: Body): Promise<Body> {
    if (path === '/approve') {
      return { update: { message: `Approved by @${body.user_name}`, props: { attachments: [{ color: 'good', title: 'Release 2.4', text: 'Approved.' }] } } };
    }
    if (path === '/env') return { ephemeral_text: `Environment set to **${body.context.selected_option}**` };
    if (path === '/ask') {
      const opened = await fetch(`${this.parleyUrl()}/api/v4/actions/dialogs/open`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          trigger_id: body.trigger_id, url: `${this.base}/submit`,
          dialog: {
            callback_id: 'rename', title: 'Name the release', submit_label: 'Save', state: 'r24', introduction_text: 'Pick a **short** name.',
            elements: [
              { display_name: 'Name', name: 'name', type: 'text', min_length: 3, max_length: 20, help_text: 'Three to twenty letters.' },
              { display_name: 'Notify the team', name: 'notify', type: 'bool', placeholder: 'Post an announcement', default: 'true' },
            ],
          },
        }),
      });
      if (!opened.ok) throw new Error(`open dialog: ${opened.status}`);
      return {};
    }
    if (path === '/submit') return body.submission.name === 'taken' ? { errors: { name: 'That name is taken.' } } : {};
    return {};
  }

  requests(path: string): Body[] {
    return this.received.filter((r) => r.path === path).map((r) => r.body);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/**
 * Message attachments and interactive messages in Chromium against a real server: an integration's post with a
 * colour bar, fields, buttons and a menu; a click that updates the post; a dialog the integration opens from the
 * click's trigger id, refused once with the integration's error under the field, then accepted.
 */
describe('interactive messages in the browser', () => {
  let server: RunningServer;
  let chrome: TestBrowser;
  let nina: UserContext;
  let omar: Client4;
  let ninaUser: UserProfile;
  let ops: Channel;
  let post: Post;
  const integration = new Integration(() => server.url);
  const password = 'correct-horse-9';
  const team = 'acme';

  beforeAll(async () => {
    server = await startServer();
    await integration.start();
    chrome = await launchBrowser();
    const api = apiClient(server);
    const user = (username: string) => api.createUser({ username, email: `${username}@example.com`, password } as UserProfile, '', '');
    await user('root');
    await api.login('root', password);
    // The integration listens on loopback, which the server refuses unless the admin allows it.
    await api.patchConfig({ ServiceSettings: { AllowedUntrustedInternalConnections: '127.0.0.1' } } as unknown as Partial<AdminConfig>);
    const created = await api.createTeam({ name: team, display_name: 'Acme', type: 'O' } as Team);
    ops = await api.createChannel({ team_id: created.id, name: 'ops', display_name: 'Ops', type: 'O' } as Channel);
    for (const name of ['nina', 'omar']) {
      const u = await user(name);
      if (name === 'nina') ninaUser = u;
      await api.addToTeam(created.id, u.id);
      await api.addToChannel(u.id, ops.id);
    }
    omar = apiClient(server);
    await omar.login('omar', password);

    nina = await newUserContext(chrome.browser, server.url);
    await nina.page.goto('/login');
    await nina.page.getByLabel('Email or username').fill('nina');
    await nina.page.getByLabel('Password').fill(password);
    await nina.page.getByRole('button', { name: 'Log in' }).click();
    await nina.page.waitForURL(`**/${team}/channels/town-square`);
    await nina.page.locator('.sidebar-item[data-channel-name="ops"]').click();
    await nina.page.waitForURL(`**/${team}/channels/ops`);
  });

  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      await screenshot(nina.page, `failed-interactive-${task.name.replace(/\W+/g, '-')}`).catch(() => undefined);
    });
  });

  afterAll(async () => {
    await chrome?.close();
    await server?.stop();
    await integration.close();
  });

  const postLocator = () => nina.page.locator(`article.post[data-post-id="${post.id}"]`);

  it('shows an attachment with its colour bar, author, title, fields and actions', async () => {
    // Attachments are props any poster may send (as in Mattermost); the integration of each action stays on the server.
    post = await omar.createPost({
      channel_id: ops.id, message: 'Release train is ready',
      props: {
        attachments: [{
          fallback: 'Release 2.4 needs approval', color: 'warning', pretext: 'Deployment request', author_name: 'CI',
          title: 'Release 2.4', title_link: 'https://example.com/releases/2.4', text: 'Ships **12** changes.',
          fields: [{ title: 'Environment', value: 'production', short: true }, { title: 'Owner', value: '@omar', short: true }, { title: 'Notes', value: 'No downtime expected.', short: false }],
          footer: 'Release bot', ts: 1_700_000_000,
          actions: [
            { id: 'approve', name: 'Approve', style: 'primary', integration: { url: `${integration.base}/approve`, context: { release: '2.4' } } },
            { id: 'ask', name: 'Rename…', integration: { url: `${integration.base}/ask` } },
            { id: 'env', type: 'select', name: 'Choose environment', options: [{ text: 'Production', value: 'prod' }, { text: 'Staging', value: 'staging' }], integration: { url: `${integration.base}/env` } },
          ],
        }],
      },
    } as unknown as Post);
    const attachment = postLocator().getByTestId('attachment');
    await attachment.waitFor();
    expect(await attachment.locator('.attachment-body').getAttribute('data-color')).toBe('#dede01');
    expect(await attachment.locator('.attachment-pretext').innerText()).toBe('Deployment request');
    expect(await attachment.getByRole('link', { name: 'Release 2.4' }).getAttribute('href')).toBe('https://example.com/releases/2.4');
    expect(await attachment.locator('.attachment-text strong').innerText()).toBe('12');
    const rows = attachment.locator('.attachment-field-row');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).locator('.attachment-field.short').count()).toBe(2);
    expect(await rows.nth(1).innerText()).toContain('No downtime expected.');
    expect(await attachment.locator('.attachment-footer').innerText()).toContain('Release bot');
    expect(await attachment.getByRole('button', { name: 'Approve' }).getAttribute('class')).toContain('action-button-primary');
    await screenshot(nina.page, 'interactive-attachment');
  });

  it('sends a button click to the integration and shows the post it updated', async () => {
    await postLocator().getByRole('button', { name: 'Approve' }).click();
    await expect.poll(async () => (await postLocator().locator('.post-message').innerText()).trim()).toBe('Approved by @nina');
    await expect.poll(() => postLocator().locator('.attachment-body').getAttribute('data-color')).toBe('#00c100');
    expect(await postLocator().getByRole('button', { name: 'Approve' }).count()).toBe(0);
    const [click] = integration.requests('/approve');
    expect(click).toMatchObject({ user_id: ninaUser.id, user_name: 'nina', channel_id: ops.id, post_id: post.id, type: 'button', context: { release: '2.4' } });
    await screenshot(nina.page, 'interactive-updated');
  });

  it('sends a menu pick with the chosen option', async () => {
    post = await omar.createPost({
      channel_id: ops.id, message: 'Where to?',
      props: { attachments: [{ actions: [{ id: 'env', type: 'select', name: 'Choose environment', options: [{ text: 'Production', value: 'prod' }, { text: 'Staging', value: 'staging' }], integration: { url: `${integration.base}/env` } }] }] },
    } as unknown as Post);
    const menu = postLocator().getByRole('combobox', { name: 'Choose environment' });
    await menu.click();
    await menu.fill('stag');
    await nina.page.getByRole('option', { name: 'Staging' }).click();
    await expect.poll(() => integration.requests('/env').length).toBe(1);
    expect(integration.requests('/env')[0]).toMatchObject({ type: 'select', context: { selected_option: 'staging' } });
    // The integration's answer to her alone, its Markdown drawn.
    const note = nina.page.locator('.system-message.ephemeral-note').filter({ hasText: 'Environment set to' });
    await note.locator('strong').getByText('staging').waitFor();
    expect(await note.innerText()).toContain('(Only visible to you)');
  });

  it('opens the dialog the integration asks for, shows its field error, and closes when it accepts', async () => {
    post = await omar.createPost({
      channel_id: ops.id, message: 'Name it',
      props: { attachments: [{ actions: [{ id: 'ask', name: 'Rename…', integration: { url: `${integration.base}/ask` } }] }] },
    } as unknown as Post);
    await postLocator().getByRole('button', { name: 'Rename…' }).click();
    const dialog = nina.page.getByRole('dialog', { name: 'Name the release' });
    await dialog.waitFor();
    expect(await dialog.locator('.dialog-intro strong').innerText()).toBe('short');
    expect(await dialog.getByRole('checkbox').isChecked()).toBe(true);

    // The client's own check first: too short, and nothing is sent.
    const name = dialog.getByLabel('Name');
    await name.fill('ab');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText('Enter at least 3 characters.').waitFor();
    expect(integration.requests('/submit')).toHaveLength(0);

    // The integration's error, under the field it names.
    await name.fill('taken');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.locator('[data-field="name"] .dialog-error').getByText('That name is taken.').waitFor();
    await screenshot(nina.page, 'interactive-dialog-error');

    await name.fill('fresh');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    const submissions = integration.requests('/submit');
    expect(submissions).toHaveLength(2);
    expect(submissions[1]).toEqual({
      type: 'dialog_submission', callback_id: 'rename', state: 'r24', user_id: ninaUser.id, channel_id: ops.id, team_id: ops.team_id,
      submission: { name: 'fresh', notify: true }, cancelled: false,
    });
  });
});
