import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startServer, type RunningServer } from './server';
import { launchBrowser, newUserContext, screenshot, type TestBrowser, type UserContext } from './browser';

/**
 * Search in the browser against a real server: the top bar's box with its hints and from:
 * completion, highlighted results, Jump to the post, recent mentions, and a clicked #hashtag.
 */
describe('search in the browser', () => {
  let server: RunningServer;
  let chrome: TestBrowser;
  let ana: UserContext;
  let ben: UserContext;
  const team = 'orbit';
  const password = 'correct-horse-9';

  async function signUp(page: Page, username: string): Promise<void> {
    await page.goto('/');
    await page.waitForURL(/\/login/);
    await page.getByRole('link', { name: 'Create account' }).click();
    await page.getByLabel('Email').fill(`${username}@example.com`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();
  }

  async function send(page: Page, text: string): Promise<void> {
    const box = page.locator('.channel-view .composer textarea');
    await box.fill(text);
    await box.press('Enter');
    await expect.poll(() => page.locator('.channel-view article.post:not(.pending)', { hasText: text }).count(), { timeout: 10_000 }).toBe(1);
  }

  const searchBox = (page: Page) => page.getByRole('combobox', { name: 'Search messages' });
  const results = (page: Page) => page.locator('aside.rhs .search-result');

  beforeAll(async () => {
    server = await startServer();
    chrome = await launchBrowser();
    ana = await newUserContext(chrome.browser, server.url);
    ben = await newUserContext(chrome.browser, server.url);
    await signUp(ana.page, 'ana');
    await ana.page.getByLabel('Team name').fill('Orbit');
    await ana.page.getByRole('button', { name: 'Create team' }).click();
    await ana.page.waitForURL(`**/${team}/channels/town-square`);
    await signUp(ben.page, 'ben');
    await ben.page.getByRole('button', { name: 'Join' }).click();
    await ben.page.waitForURL(`**/${team}/channels/town-square`);
  });

  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      const name = `failed-search-${task.name.replace(/\W+/g, '-')}`;
      await screenshot(ana.page, `${name}-ana`).catch(() => undefined);
      await screenshot(ben.page, `${name}-ben`).catch(() => undefined);
    });
  });

  afterAll(async () => {
    await chrome?.close();
    await server?.stop();
  });

  it('finds a word, highlights it, and jumps to the post', async () => {
    await send(ana.page, 'The quarterly rocket launch is on Friday #liftoff');
    for (let i = 0; i < 30; i++) await send(ana.page, `filler message number ${i}`);
    await ana.page.goto(`/${team}/channels/off-topic`);
    await expect.poll(() => ana.page.locator('.channel-title').textContent()).toContain('Off-Topic');

    await searchBox(ana.page).click();
    // Focus shows the syntax hints.
    await expect.poll(() => ana.page.locator('.search-hints').textContent()).toContain('from:');
    await searchBox(ana.page).fill('rocket');
    await searchBox(ana.page).press('Enter');
    await expect.poll(() => results(ana.page).count(), { timeout: 10_000 }).toBe(1);
    const result = results(ana.page).first();
    expect(await result.locator('mark').allTextContents()).toEqual(['rocket']);
    expect(await ana.page.locator('aside.rhs .search-group-channel').first().textContent()).toContain('Town Square');
    await screenshot(ana.page, 'search-01-results');

    const postId = await result.getAttribute('data-post-id');
    await result.hover();
    await result.getByRole('button', { name: 'Jump' }).click();
    await ana.page.waitForURL(`**/${team}/channels/town-square`);
    const target = ana.page.locator(`.channel-view article.post[data-post-id="${postId}"]`);
    await expect.poll(() => target.count(), { timeout: 10_000 }).toBe(1);
    expect(await target.getAttribute('class')).toContain('highlighted');
    await expect.poll(() => target.isVisible(), { timeout: 5_000 }).toBe(true);
    // The results stay open next to the channel.
    expect(await results(ana.page).count()).toBe(1);
    await screenshot(ana.page, 'search-02-jump');
  });

  it('loads more results page by page', async () => {
    await searchBox(ana.page).fill('filler');
    await searchBox(ana.page).press('Enter');
    await expect.poll(() => results(ana.page).count(), { timeout: 10_000 }).toBe(20);
    // Newest first: the last filler message heads the list.
    expect(await results(ana.page).first().textContent()).toContain('filler message number 29');
    await ana.page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => results(ana.page).count(), { timeout: 10_000 }).toBe(30);
    expect(await results(ana.page).last().textContent()).toContain('filler message number 0');
    expect(await ana.page.getByRole('button', { name: 'Load more' }).count()).toBe(0);
  });

  it('completes from: with people and searches their messages', async () => {
    await ben.page.goto(`/${team}/channels/town-square`);
    await send(ben.page, 'ben says the rocket needs fuel');
    await searchBox(ana.page).fill('');
    await searchBox(ana.page).pressSequentially('from:be');
    const option = ana.page.getByRole('option', { name: /@ben/ });
    await expect.poll(() => option.count(), { timeout: 10_000 }).toBe(1);
    await searchBox(ana.page).press('Enter');
    expect(await searchBox(ana.page).inputValue()).toBe('from:ben ');
    await searchBox(ana.page).pressSequentially('rocket');
    await searchBox(ana.page).press('Enter');
    await expect.poll(() => results(ana.page).allTextContents(), { timeout: 10_000 }).toEqual([expect.stringContaining('ben says the rocket needs fuel')]);
  });

  it('finds attached files in the Files tab with a working download link', async () => {
    // Attach through the REST API (the composer's upload UI is another feature's test).
    await ana.page.evaluate(async ({ teamName }) => {
      const csrf = /(?:^|;\s*)MMCSRF=([^;]+)/.exec(document.cookie)?.[1] ?? '';
      const headers = { 'X-CSRF-Token': csrf, 'X-Requested-With': 'XMLHttpRequest' };
      const channel = await (await fetch(`/api/v4/teams/name/${teamName}/channels/name/town-square`)).json() as { id: string };
      const form = new FormData();
      form.append('channel_id', channel.id);
      form.append('files', new Blob(['fuel: 42 tonnes\n'], { type: 'text/plain' }), 'propellant-report.txt');
      const upload = await (await fetch('/api/v4/files', { method: 'POST', body: form, headers })).json() as { file_infos: { id: string }[] };
      const post = await fetch('/api/v4/posts', {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: JSON.stringify({ channel_id: channel.id, message: 'numbers attached', file_ids: upload.file_infos.map((f) => f.id) }),
      });
      if (!post.ok) throw new Error(`post failed: ${post.status}`);
    }, { teamName: team });
    await searchBox(ana.page).fill('propellant');
    await searchBox(ana.page).press('Enter');
    await ana.page.getByRole('tab', { name: 'Files' }).click();
    const file = ana.page.locator('aside.rhs .file-result');
    await expect.poll(() => file.count(), { timeout: 10_000 }).toBe(1);
    expect(await file.locator('.file-result-name').textContent()).toBe('propellant-report.txt');
    expect(await file.locator('.file-result-meta').textContent()).toContain('Town Square');
    const href = await file.getByRole('link', { name: 'Download propellant-report.txt' }).getAttribute('href');
    expect(href).toMatch(/^\/api\/v4\/files\/\w+\?download=1$/);
    expect(await ana.page.evaluate(async (url) => (await fetch(url)).text(), href ?? '')).toBe('fuel: 42 tonnes\n');
    await screenshot(ana.page, 'search-03-files');
    await ana.page.getByRole('tab', { name: 'Messages' }).click();
  });

  it('shows recent mentions from the @ button', async () => {
    await send(ben.page, 'hey @ana please review the checklist');
    await ana.page.getByRole('button', { name: 'Recent mentions' }).click();
    const panel = ana.page.locator('aside.rhs');
    await expect.poll(() => panel.getAttribute('aria-label')).toBe('Recent mentions');
    await expect.poll(() => results(ana.page).allTextContents(), { timeout: 10_000 }).toEqual([expect.stringContaining('please review the checklist')]);
    await screenshot(ana.page, 'search-04-mentions');
  });

  it('searches a hashtag when it is clicked in a message', async () => {
    await ana.page.goto(`/${team}/channels/town-square`);
    await send(ana.page, 'second stage ready #liftoff');
    await ana.page.locator('.channel-view article.post', { hasText: 'second stage ready' }).locator('[data-hashtag="#liftoff"]').click();
    await expect.poll(() => ana.page.locator('aside.rhs').getAttribute('aria-label')).toBe('Search results');
    expect(await searchBox(ana.page).inputValue()).toBe('#liftoff');
    await expect.poll(() => results(ana.page).count(), { timeout: 10_000 }).toBe(2);
    const texts = await results(ana.page).allTextContents();
    expect(texts[0]).toContain('second stage ready');
    expect(texts[1]).toContain('quarterly rocket launch');
    await screenshot(ana.page, 'search-05-hashtag');
  });
});
