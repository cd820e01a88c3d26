import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { apiClient, repoRoot, startServer, type RunningServer } from './server';
import { launchBrowser, screenshot, type TestBrowser } from './browser';

/**
 * Keyboard and screen-reader access: axe-core finds no serious or critical violation on the main screens and dialogs,
 * dialogs keep focus, the skip link and F6 reach the regions, and posts are one tab stop until one is focused.
 */
const AXE = path.join(repoRoot, 'node_modules/axe-core/axe.min.js');

interface AxeResult {
  violations: Array<{ id: string; impact?: string | null; nodes: Array<{ target: unknown[] }> }>;
}

/** "rule: target, target" for every serious or critical violation on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<AxeResult> } }).axe;
    return axe.run(document);
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
}

/** A description of the focused element: its tag, label and text, or "body". */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'body';
    return `${el.tagName.toLowerCase()}|${el.getAttribute('aria-label') ?? ''}|${(el.textContent ?? '').trim().slice(0, 40)}`;
  });
}

const focusInDialog = (page: Page): Promise<boolean> => page.evaluate(() => Boolean(document.activeElement?.closest('[role="dialog"]')));

describe('Keyboard and screen-reader access', () => {
  let server: RunningServer;
  let chrome: TestBrowser;
  let context: BrowserContext;
  let page: Page;
  const team = 'acme';
  const password = 'correct-horse-9';

  beforeAll(async () => {
    server = await startServer();
    chrome = await launchBrowser();
    // axe is injected as a script tag, which the app's Content-Security-Policy would refuse.
    context = await chrome.browser.newContext({ baseURL: server.url, viewport: { width: 1440, height: 900 }, locale: 'en-US', bypassCSP: true });
    context.setDefaultTimeout(20_000);
    page = await context.newPage();
    page.on('pageerror', (err) => console.error(`[page error] ${err.message}`));
  });

  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      await screenshot(page, `a11y-failed-${task.name.replace(/\W+/g, '-')}`).catch(() => undefined);
    });
  });

  afterAll(async () => {
    await chrome?.close();
    await server?.stop();
  });

  it('login and sign-up pages have no serious violations', async () => {
    await page.goto('/login');
    await page.getByLabel('Email or username').waitFor();
    expect.soft(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Create account' }).click();
    await page.getByLabel('Username').waitFor();
    expect.soft(await seriousViolations(page)).toEqual([]);
  });

  it('the main screen has no serious violations', async () => {
    await page.goto('/login');
    await page.getByRole('link', { name: 'Create account' }).click();
    await page.getByLabel('Email').fill('ana@example.com');
    await page.getByLabel('Username').fill('ana');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByLabel('Team name').fill('Acme');
    await page.getByRole('button', { name: 'Create team' }).click();
    await page.waitForURL(`**/${team}/channels/town-square`);
    // A second member who mentions ana, reacts and replies, so mentions, reactions and threads are on screen.
    const admin = apiClient(server);
    await admin.login('ana', password);
    const ben = await admin.createUser({ email: 'ben@example.com', username: 'ben', password } as never, '', '');
    const acme = await admin.getTeamByName(team);
    await admin.addToTeam(acme.id, ben.id);
    const townSquare = await admin.getChannelByName(acme.id, 'town-square');
    const benApi = apiClient(server);
    await benApi.login('ben', password);
    const root = await benApi.createPost({ channel_id: townSquare.id, message: 'Morning @ana, the **launch** is on' } as never);
    await benApi.createPost({ channel_id: townSquare.id, message: 'Notes are at https://example.com/notes' } as never);
    await admin.createPost({ channel_id: townSquare.id, message: 'Thanks, I will read them', root_id: root.id } as never);
    await admin.addReaction((await admin.getMe()).id, root.id, '+1');
    for (let i = 1; i <= 6; i += 1) await admin.createPost({ channel_id: townSquare.id, message: `Status update number ${i}` } as never);
    await page.reload();
    await page.locator('article.post', { hasText: 'Status update number 6' }).waitFor();
    expect.soft(await seriousViolations(page)).toEqual([]);
  });

  it('the main screen with a thread open has no serious violations', async () => {
    await page.locator('article.post', { hasText: 'Morning' }).hover();
    await page.locator('article.post', { hasText: 'Morning' }).getByRole('button', { name: 'Reply', exact: true }).click();
    await page.locator('.rhs article.post', { hasText: 'Thanks, I will read them' }).waitFor();
    expect.soft(await seriousViolations(page)).toEqual([]);
    await page.locator('.rhs').getByRole('button', { name: 'Close' }).click();
  });

  it('the account settings have no serious violations', async () => {
    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('menuitem', { name: 'Profile' }).click();
    await page.getByRole('dialog').waitFor();
    expect.soft(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  });

  /** Opens a dialog through the "Add channels" menu (or the channel menu), checks it with axe, closes it with Esc. */
  async function checkMenuDialog(menu: string, item: string): Promise<void> {
    await page.getByRole('button', { name: menu }).click();
    await page.getByRole('menuitem', { name: item }).click();
    await page.getByRole('dialog').waitFor();
    expect.soft(await seriousViolations(page), item).toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  }

  it('the dialogs have no serious violations', async () => {
    await checkMenuDialog('Add channels', 'Browse channels');
    await checkMenuDialog('Add channels', 'Create new channel');
    await checkMenuDialog('Add channels', 'Open a direct message');
    await checkMenuDialog('Channel menu', 'Edit header');
    await checkMenuDialog('Channel menu', 'Notification preferences');
    await page.locator('.composer textarea').click();
    await page.keyboard.press('Control+k');
    await page.getByRole('dialog').waitFor();
    expect.soft(await seriousViolations(page), 'switcher').toEqual([]);
    await page.keyboard.press('Escape');
    const mine = page.locator('article.post', { hasText: 'Status update number 6' });
    await mine.hover();
    await mine.getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    await page.getByRole('dialog').waitFor();
    expect.soft(await seriousViolations(page), 'delete post').toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  });

  /** Tabs `presses` times (Shift+Tab when `back`), failing if focus ever leaves the dialog. */
  async function tabInside(presses: number, back = false): Promise<void> {
    for (let i = 0; i < presses; i += 1) {
      await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
      expect(await focusInDialog(page), `after ${i + 1} presses`).toBe(true);
    }
  }

  async function checkTrap(menu: string, item: string): Promise<void> {
    const opener = page.getByRole('button', { name: menu });
    await opener.click();
    await page.getByRole('menuitem', { name: item }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const stops = await dialog.evaluate((el) => el.querySelectorAll('button:not([disabled]), input:not([disabled]), textarea, select, a[href]').length);
    await tabInside(stops + 2);
    // From the first control, Shift+Tab wraps to the last one.
    await dialog.locator('.modal-close').focus();
    await page.keyboard.press('Shift+Tab');
    expect(await focusInDialog(page), item).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('modal-close'))).toBe(false);
    await tabInside(stops + 2, true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await opener.evaluate((el) => el === document.activeElement), `focus back on "${menu}"`).toBe(true);
  }

  it('dialogs keep focus inside, close on Esc and give focus back to the opener', async () => {
    await checkTrap('Add channels', 'Browse channels');
    await checkTrap('Add channels', 'Create new channel');
    await checkTrap('Channel menu', 'Edit header');
  });

  it('Esc in the channel switcher gives focus back', async () => {
    const composer = page.locator('.channel-view .composer textarea');
    await composer.click();
    await page.keyboard.press('Control+k');
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(await composer.evaluate((el) => el === document.activeElement)).toBe(true);
    // Opened from a button, it goes back to that button.
    const favorite = page.locator('.channel-header').getByRole('button', { name: /favorite/i });
    await favorite.focus();
    await page.keyboard.press('Control+k');
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(await favorite.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('reaches the message box in at most three key presses from a fresh page', async () => {
    await page.reload();
    await page.locator('article.post', { hasText: 'Status update number 6' }).waitFor();
    // Start where a fresh page starts: nothing focused, Tab goes to the first control.
    await page.evaluate(() => {
      document.body.tabIndex = -1;
      document.body.focus();
      document.body.removeAttribute('tabindex');
    });
    let presses = 0;
    const inComposer = (): Promise<boolean> => page.evaluate(() => Boolean(document.activeElement?.closest('.channel-view .composer')));
    while (!(await inComposer()) && presses < 60) {
      const onSkipLink = await page.evaluate(() => document.activeElement?.classList.contains('skip-link') ?? false);
      await page.keyboard.press(onSkipLink ? 'Enter' : 'Tab');
      presses += 1;
    }
    expect(presses).toBeLessThanOrEqual(3);
  });

  it('the message list is one tab stop; arrow keys move between posts and expose their actions', async () => {
    const composer = page.locator('.channel-view .composer textarea');
    await composer.focus();
    await page.keyboard.press('Shift+Tab');
    const onPost = await page.evaluate(() => document.activeElement?.matches('article.post') ?? false);
    expect(onPost, await focused(page)).toBe(true);
    expect(await focused(page)).toContain('Status update number 6');
    await page.keyboard.press('ArrowUp');
    expect(await focused(page)).toContain('Status update number 5');
    // The focused post's actions are reachable with Tab.
    const labels: string[] = [];
    while (!labels.includes('More actions') && labels.length < 10) {
      await page.keyboard.press('Tab');
      labels.push(await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? ''));
      expect(await page.evaluate(() => document.activeElement?.closest('article.post')?.textContent ?? ''), labels.join(' / ')).toContain('Status update number 5');
    }
    expect(labels).toContain('More actions');
    // From the message list region, Shift+Tab leaves the list in one press (no other post is a tab stop).
    await page.locator('article.post', { hasText: 'Status update number 5' }).focus();
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('.post-list')))).toBe(false);
  });

  it('F6 and Shift+F6 move between the regions', async () => {
    await page.locator('.channel-view .composer textarea').focus();
    const region = (): Promise<string> =>
      page.evaluate(() => {
        const el = document.activeElement;
        if (el?.closest('.channel-sidebar')) return 'sidebar';
        if (el?.closest('.center .channel-header, .center .post-list')) return 'channel';
        if (el?.closest('.center .composer-area')) return 'composer';
        if (el?.closest('.rhs')) return 'rhs';
        return 'none';
      });
    const seen: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      await page.keyboard.press('F6');
      seen.push(await region());
    }
    expect(new Set(seen).size).toBeGreaterThanOrEqual(3);
    expect(seen).not.toContain('none');
    const forward = await region();
    await page.keyboard.press('F6');
    await page.keyboard.press('Shift+F6');
    expect(await region()).toBe(forward);
  });

  it('the main screen at phone size has no serious violations', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.locator('article.post', { hasText: 'Status update number 6' }).waitFor();
    expect.soft(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Open sidebar' }).click();
    await page.locator('.channel-sidebar').getByText('Town Square').waitFor();
    expect.soft(await seriousViolations(page), 'sidebar drawer').toEqual([]);
    await page.setViewportSize({ width: 1440, height: 900 });
  });
});
