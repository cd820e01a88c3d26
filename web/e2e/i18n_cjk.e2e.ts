import type { Team } from '@mattermost/types/teams';
import type { UserProfile } from '@mattermost/types/users';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apiClient, startServer, type RunningServer } from './server';
import { launchBrowser, logIn, newUserContext, screenshot, type TestBrowser, type UserContext } from './browser';

/**
 * Japanese, Chinese and Russian in the browser: a user picks the language in Settings, the whole UI switches
 * (lazily loaded catalogue, <html lang>), and dates are formatted the Japanese way.
 */
describe('Japanese, Chinese and Russian UI', () => {
  let server: RunningServer;
  let chrome: TestBrowser;
  let yuki: UserContext;
  let postedAt = 0;
  const team = 'acme';
  const password = 'correct-horse-9';
  const message = 'Release notes are ready';

  async function openSettings(page: Page, menuName: string, settingsName: string, languageTab: string) {
    await page.getByRole('button', { name: menuName }).click();
    await page.getByRole('menuitem', { name: settingsName }).click();
    const dialog = page.getByRole('dialog', { name: settingsName });
    await dialog.getByRole('tab', { name: languageTab }).click();
    return dialog;
  }

  beforeAll(async () => {
    server = await startServer();
    chrome = await launchBrowser();
    const api = apiClient(server);
    await api.createUser({ username: 'yuki', email: 'yuki@example.com', password } as UserProfile, '', '');
    await api.login('yuki', password);
    const acme = await api.createTeam({ name: team, display_name: 'Acme', type: 'O' } as Team);
    const townSquare = await api.getChannelByName(acme.id, 'town-square');
    postedAt = (await api.createPost({ channel_id: townSquare.id, message } as never)).create_at;
    yuki = await newUserContext(chrome.browser, server.url);
    await logIn(yuki.page, 'yuki', password, `**/${team}/channels/town-square`);
  });

  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      await screenshot(yuki.page, `failed-i18n-cjk-${task.name.replace(/\W+/g, '-')}`).catch(() => undefined);
    });
  });

  afterAll(async () => {
    await chrome?.close();
    await server?.stop();
  });

  it('switches the UI to Japanese from Settings', async () => {
    const { page } = yuki;
    const dialog = await openSettings(page, 'Account menu', 'Settings', 'Language');
    await dialog.getByRole('combobox', { name: 'Display language' }).selectOption({ label: '日本語' });
    // The catalogue arrives as its own chunk; then the open dialog itself speaks Japanese.
    const japanese = page.getByRole('dialog', { name: '設定' });
    await expect.poll(() => japanese.getByRole('tab', { name: '言語' }).count(), { timeout: 10_000 }).toBe(1);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ja');
    await screenshot(page, 'i18n-cjk-01-settings-ja');
    await japanese.getByRole('button', { name: '閉じる' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'アカウントメニュー' }).count()).toBe(1);
    expect(await page.locator('.channel-view .composer textarea').getAttribute('placeholder')).toMatch(/へのメッセージを入力$/);
  });

  it('formats the date separator the Japanese way and keeps the language after a reload', async () => {
    const { page } = yuki;
    // Three days on, the post is no longer "today": its separator shows the date itself, e.g. 12月4日(金).
    await page.clock.setFixedTime(postedAt + 3 * 24 * 3600 * 1000);
    await page.reload();
    await expect.poll(() => page.locator('.channel-view article.post', { hasText: message }).count(), { timeout: 10_000 }).toBe(1);
    const posted = new Date(postedAt);
    const separator = page.locator('.channel-view .date-separator span').first();
    await expect.poll(() => separator.textContent()).toContain(`${posted.getMonth() + 1}月${posted.getDate()}日`);
    expect(await separator.textContent()).toMatch(/^(\d{4}年)?\d{1,2}月\d{1,2}日\([月火水木金土日]\)$/);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ja');
    await screenshot(page, 'i18n-cjk-02-date-ja');
  });

  it('switches on to Simplified Chinese and Russian', async () => {
    const { page } = yuki;
    const ja = await openSettings(page, 'アカウントメニュー', '設定', '言語');
    await ja.getByRole('combobox', { name: '表示言語' }).selectOption({ label: '中文 (简体)' });
    await expect.poll(() => page.getByRole('dialog', { name: '设置' }).getByRole('tab', { name: '语言' }).count(), { timeout: 10_000 }).toBe(1);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await page.getByRole('dialog', { name: '设置' }).getByRole('combobox', { name: '显示语言' }).selectOption({ label: 'Русский' });
    const ru = page.getByRole('dialog', { name: 'Настройки' });
    await expect.poll(() => ru.getByRole('tab', { name: 'Язык' }).count(), { timeout: 10_000 }).toBe(1);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ru');
    expect(await ru.getByRole('combobox', { name: 'Язык интерфейса' }).inputValue()).toBe('ru');
  });
});
