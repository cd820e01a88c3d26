import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { startServer, type RunningServer } from './server';
import { launchBrowser, newUserContext, screenshot, type TestBrowser, type UserContext } from './browser';

/**
 * Emoji as images in Chromium against a real server: `:shortcode:` and Unicode emoji in messages, the picker's
 * categories, search, skin tone and recently used (both saved as preferences, so they survive a reload), reactions.
 */
describe('emoji', () => {
  let server: RunningServer;
  let chrome: TestBrowser;
  let ana: UserContext;
  let page: Page;
  const team = 'emojis';

  const post = (text: string) => page.locator('.channel-view article.post', { hasText: text });
  const composer = () => page.locator('.channel-view .composer');
  const openPicker = async (): Promise<Locator> => {
    await composer().getByRole('button', { name: 'Emoji', exact: true }).click();
    const picker = page.getByRole('dialog', { name: 'Emoji picker' });
    await picker.getByRole('group', { name: 'Smileys & Emotion' }).waitFor();
    return picker;
  };

  /** The URL inside the element's computed background image (the 1x sheet of the image-set). */
  const backgroundUrl = (el: Locator): Promise<string> =>
    el.evaluate((node) => /url\("?([^")]+)"?\)/.exec(getComputedStyle(node).backgroundImage)?.[1] ?? '');

  beforeAll(async () => {
    server = await startServer();
    chrome = await launchBrowser();
    ana = await newUserContext(chrome.browser, server.url);
    page = ana.page;
    await page.goto('/');
    await page.waitForURL(/\/login/);
    await page.getByRole('link', { name: 'Create account' }).click();
    await page.getByLabel('Email').fill('ana@example.com');
    await page.getByLabel('Username').fill('ana');
    await page.getByLabel('Password').fill('correct-horse-9');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByLabel('Team name').fill('Emojis');
    await page.getByRole('button', { name: 'Create team' }).click();
    await page.waitForURL(`**/${team}/channels/town-square`);
  });

  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      await screenshot(page, `emoji-failed-${task.name.replace(/\W+/g, '-')}`).catch(() => undefined);
    });
  });

  afterAll(async () => {
    await chrome?.close();
    await server?.stop();
  });

  it('draws :tada: and a raw 🎉 from the sprite sheet, keeping the text for copy and screen readers', async () => {
    const box = composer().locator('textarea');
    await box.fill('Shipped :tada: and 🎉 today');
    await box.press('Enter');
    const images = post('Shipped').locator('.post-message .emoji-sprite');
    await expect.poll(() => images.count(), { timeout: 10_000 }).toBe(2);
    expect(await images.nth(0).getAttribute('role')).toBe('img');
    expect(await images.nth(0).getAttribute('aria-label')).toBe(':tada:');
    expect(await images.nth(1).getAttribute('aria-label')).toBe('🎉');
    expect(await images.nth(0).textContent()).toBe('🎉');
    // Copying the message keeps the emoji as text.
    // Polled: the pending post is replaced by the server's copy right after sending, and the old node reads empty.
    await expect.poll(() => post('Shipped').locator('.post-message').innerText()).toContain('🎉');

    const url = await backgroundUrl(images.nth(0));
    expect(url).toMatch(/\/assets\/32-[\w-]+\.png$/);
    const sheet = await fetch(url);
    expect(sheet.status).toBe(200);
    expect(sheet.headers.get('content-type')).toBe('image/png');
    // The same image both emoji, at the same cell; the glyph itself is out of sight.
    const positions = await images.evaluateAll((els) => els.map((el) => `${getComputedStyle(el).backgroundPosition} ${getComputedStyle(el).width}`));
    expect(positions[0]).toBe(positions[1]);
    // The sheet has really been loaded by the page.
    await expect.poll(() => page.evaluate((u) => performance.getEntriesByName(u).length, url)).toBeGreaterThan(0);
    await screenshot(page, 'emoji-message');
  });

  it('shows a message of emoji only larger', async () => {
    const box = composer().locator('textarea');
    await box.fill(':pizza: 🎉');
    await box.press('Enter');
    // The saved post replaces the pending one (a new element), so measure the saved one, and poll:
    // an element swapped out between finding and measuring measures 0.
    const message = page.locator('.channel-view article.post:not(.pending) .post-message.emoji-only');
    await message.waitFor({ timeout: 10_000 });
    const width = (locator: Locator) => locator.locator('.emoji-sprite').first().evaluate((el) => el.getBoundingClientRect().width);
    const normal = await width(post('Shipped'));
    expect(normal).toBeGreaterThan(0);
    await expect.poll(() => width(message)).toBeGreaterThan(normal);
  });

  it('completes :piz with a sprite image', async () => {
    const box = composer().locator('textarea');
    await box.pressSequentially('yum :piz');
    const option = page.getByRole('listbox', { name: 'Suggestions' }).getByRole('option', { name: /:pizza:/ });
    await option.locator('.emoji-sprite').waitFor();
    await box.press('Enter');
    expect(await box.inputValue()).toBe('yum :pizza: ');
    await box.fill('');
  });

  it('offers categories with a bar to jump, and search', async () => {
    const picker = await openPicker();
    const bar = picker.getByRole('toolbar', { name: 'Emoji categories' });
    for (const name of ['Smileys & Emotion', 'People & Body', 'Animals & Nature', 'Food & Drink', 'Travel & Places', 'Activities', 'Objects', 'Symbols', 'Flags']) {
      expect(await bar.getByRole('button', { name, exact: true }).count(), name).toBe(1);
    }
    await bar.getByRole('button', { name: 'Flags', exact: true }).click();
    await picker.getByRole('group', { name: 'Flags' }).getByRole('option', { name: 'checkered_flag' }).waitFor();
    // Only what is in view is drawn: far fewer cells than the ~1,900 emoji.
    expect(await picker.getByRole('option').count()).toBeLessThan(400);
    expect(await picker.locator('.emoji-sprite').first().evaluate((el) => getComputedStyle(el).backgroundImage)).toContain('.png');
    await screenshot(page, 'emoji-picker-flags');

    await picker.getByRole('textbox', { name: 'Search emoji' }).fill('pizza');
    await picker.getByRole('option', { name: 'pizza', exact: true }).click();
    expect(await composer().locator('textarea').inputValue()).toBe(':pizza: ');
    await composer().locator('textarea').fill('');
  });

  it('applies the chosen skin tone to hands, and keeps it after a reload', async () => {
    let picker = await openPicker();
    await picker.getByRole('textbox', { name: 'Search emoji' }).fill('thumbsup');
    const plain = picker.getByRole('option', { name: '+1', exact: true });
    const plainCell = await plain.locator('.emoji-sprite').getAttribute('class');
    await picker.getByRole('button', { name: /^Skin tone/ }).click();
    await picker.getByRole('radio', { name: 'Medium skin tone' }).click();
    const toned = picker.getByRole('option', { name: '+1_medium_skin_tone', exact: true });
    await toned.waitFor();
    // Another image: another cell of the sheet.
    expect(await toned.locator('.emoji-sprite').getAttribute('class')).not.toBe(plainCell);
    await screenshot(page, 'emoji-picker-skin-tone');
    await page.keyboard.press('Escape');

    await page.reload();
    await page.waitForURL(`**/${team}/channels/town-square`);
    picker = await openPicker();
    await picker.getByRole('textbox', { name: 'Search emoji' }).fill('thumbsup');
    await picker.getByRole('option', { name: '+1_medium_skin_tone', exact: true }).waitFor();
    expect(await picker.getByRole('option', { name: '+1', exact: true }).count()).toBe(0);
    await page.keyboard.press('Escape');
  });

  it('lists a used emoji under Recently used after a reload', async () => {
    let picker = await openPicker();
    await picker.getByRole('textbox', { name: 'Search emoji' }).fill('avocado');
    await picker.getByRole('option', { name: 'avocado', exact: true }).click();
    await composer().locator('textarea').fill('');
    await page.reload();
    await page.waitForURL(`**/${team}/channels/town-square`);
    picker = await openPicker();
    const recent = picker.getByRole('group', { name: 'Recently used' });
    await recent.getByRole('option', { name: 'avocado', exact: true }).waitFor();
    // Recently used comes first, before the smileys.
    const groups = await picker.getByRole('group').evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')));
    expect(groups.slice(0, 2)).toEqual(['Recently used', 'Smileys & Emotion']);
    await page.keyboard.press('Escape');
  });

  it('reacts with a picked emoji, shown as an image in the reaction', async () => {
    const item = post('Shipped');
    await item.hover();
    await item.getByRole('button', { name: 'Add reaction' }).click();
    const picker = item.getByRole('dialog', { name: 'Emoji picker' });
    await picker.getByRole('textbox', { name: 'Search emoji' }).fill('rocket');
    await picker.getByRole('option', { name: 'rocket', exact: true }).click();
    const pill = item.locator('.reactions button.reaction.mine');
    await pill.locator('.emoji-sprite[aria-label=":rocket:"]').waitFor({ timeout: 10_000 });
    expect(await pill.locator('.reaction-count').textContent()).toBe('1');
    expect(await backgroundUrl(pill.locator('.emoji-sprite'))).toMatch(/\.png$/);
    // The quick reactions on the toolbar are images too.
    await item.hover();
    expect(await item.locator('.post-actions .emoji-quick .emoji-sprite').count()).toBeGreaterThan(0);
    await screenshot(page, 'emoji-reaction');
  });

  it('broke no Content-Security-Policy rule', () => {
    expect(ana.cspViolations).toEqual([]);
  });
});
