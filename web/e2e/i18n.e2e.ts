import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apiClient, seedTeam, startServer, type RunningServer } from './server';
import { launchBrowser, logIn, newUserContext, screenshot, type TestBrowser, type UserContext } from './browser';

// One server and browser for the language tests; each language group has its own user, whose locale is theirs alone.
let server: RunningServer;
let chrome: TestBrowser;
const team = 'acme';
const password = 'correct-horse-9';

beforeAll(async () => {
  server = await startServer();
  chrome = await launchBrowser();
  await seedTeam(server, team, ['camille', 'yuki'], password);
});

afterAll(async () => {
  await chrome?.close();
  await server?.stop();
});

async function openSettings(page: Page, labels: { menu: string; settings: string; tab: string }) {
  await page.getByRole('button', { name: labels.menu }).click();
  await page.getByRole('menuitem', { name: labels.settings }).click();
  const dialog = page.getByRole('dialog', { name: labels.settings });
  await dialog.getByRole('tab', { name: labels.tab }).click();
  return dialog;
}

/**
 * Picks `language` in the open Settings dialog's language list, waits for the dialog to speak it (each catalogue
 * arrives as its own chunk) and for <html lang>, and returns the dialog under its new name.
 */
async function chooseLanguage(
  page: Page, dialog: Locator, picker: string, language: { label: string; dialog: string; tab: string; lang: string },
): Promise<Locator> {
  await dialog.getByRole('combobox', { name: picker }).selectOption({ label: language.label });
  const renamed = page.getByRole('dialog', { name: language.dialog });
  await expect.poll(() => renamed.getByRole('tab', { name: language.tab }).count(), { timeout: 10_000 }).toBe(1);
  expect(await page.evaluate(() => document.documentElement.lang)).toBe(language.lang);
  return renamed;
}

/** Posts `message` in Town Square as `username` and opens the web client signed in; returns the page and the post's time. */
async function signedInWithPost(username: string, message: string): Promise<{ user: UserContext; postedAt: number }> {
  const api = apiClient(server);
  await api.login(username, password);
  const acme = await api.getTeamByName(team);
  const townSquare = await api.getChannelByName(acme.id, 'town-square');
  const postedAt = (await api.createPost({ channel_id: townSquare.id, message } as never)).create_at;
  const user = await newUserContext(chrome.browser, server.url);
  await logIn(user.page, username, password, `**/${team}/channels/town-square`);
  return { user, postedAt };
}

/**
 * French and German in the browser: a user switches the language in Settings, the UI follows, and post times use
 * the language's own clock (fr/de 24-hour, en 12-hour) until the user picks a clock in Display settings.
 */
describe('UI language and clock', () => {
  let camille: UserContext;
  let postedAt = 0;
  const message = 'Les notes de version sont prêtes';

  /** The post's time as shown, and the same instant formatted by the browser itself in `locale`. */
  async function postTime(page: Page, locale: string): Promise<{ shown: string; expected: string; title: string | null; expectedTitle: string }> {
    const time = page.locator('.channel-view article.post', { hasText: message }).locator('time.post-time');
    const shown = (await time.textContent()) ?? '';
    const title = await time.getAttribute('title');
    const [expected, expectedTitle] = await page.evaluate(([lang, at]) => [
      new Intl.DateTimeFormat(lang, { timeStyle: 'short' }).format(at),
      new Intl.DateTimeFormat(lang, { dateStyle: 'full', timeStyle: 'short' }).format(at),
    ], [locale, postedAt] as const);
    return { shown, expected, title, expectedTitle };
  }

  beforeAll(async () => {
    ({ user: camille, postedAt } = await signedInWithPost('camille', message));
  });

  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      await screenshot(camille.page, `failed-i18n-${task.name.replace(/\W+/g, '-')}`).catch(() => undefined);
    });
  });

  it('shows English post times on a 12-hour clock when the user never chose a clock', async () => {
    const { page } = camille;
    await expect.poll(async () => (await postTime(page, 'en')).shown).toMatch(/\d:\d\d\s(AM|PM)$/);
    const { shown, expected } = await postTime(page, 'en');
    expect(shown).toBe(expected);
  });

  it('switches the UI to French from Settings', async () => {
    const { page } = camille;
    const dialog = await openSettings(page, { menu: 'Account menu', settings: 'Settings', tab: 'Language' });
    const picker = dialog.getByRole('combobox', { name: 'Display language' });
    expect(await picker.locator('option').allTextContents()).toEqual(expect.arrayContaining(['Français', 'Español', 'Português (Brasil)']));
    const french = await chooseLanguage(page, dialog, 'Display language', { label: 'Français', dialog: 'Paramètres', tab: 'Langue', lang: 'fr' });
    await screenshot(page, 'i18n-01-settings-fr');
    await french.getByRole('button', { name: 'Fermer' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Menu du compte' }).count()).toBe(1);
    expect(await page.locator('.channel-view .composer textarea').getAttribute('placeholder')).toMatch(/^Écrire à /);
  });

  it('shows the post time the French way', async () => {
    const { page } = camille;
    await expect.poll(async () => (await postTime(page, 'fr')).shown).toMatch(/^\d\d:\d\d$/);
    const { shown, expected, title, expectedTitle } = await postTime(page, 'fr');
    expect(shown).toBe(expected);
    expect(title).toBe(expectedTitle);
    expect(title).toMatch(/^(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) /);
    await screenshot(page, 'i18n-02-post-fr');
  });

  it('switches to German: a 24-hour clock, until the user picks the 12-hour one', async () => {
    const { page } = camille;
    const fr = await openSettings(page, { menu: 'Menu du compte', settings: 'Paramètres', tab: 'Langue' });
    const german = await chooseLanguage(page, fr, 'Langue d’affichage', { label: 'Deutsch', dialog: 'Einstellungen', tab: 'Sprache', lang: 'de' });
    // With no clock chosen, Display settings show the clock in use: German's 24 hours.
    await german.getByRole('tab', { name: 'Anzeige' }).click();
    expect(await german.getByRole('radio', { name: '24 Stunden (16:00)' }).isChecked()).toBe(true);
    await german.getByRole('button', { name: 'Schließen' }).click();
    await expect.poll(async () => (await postTime(page, 'de')).shown).toMatch(/^\d\d:\d\d$/);
    expect((await postTime(page, 'de')).shown).toBe((await postTime(page, 'de')).expected);

    const display = await openSettings(page, { menu: 'Kontomenü', settings: 'Einstellungen', tab: 'Anzeige' });
    await display.getByRole('radio', { name: '12 Stunden (4:00 PM)' }).check();
    await display.getByRole('button', { name: 'Schließen' }).click();
    await expect.poll(async () => (await postTime(page, 'de')).shown).toMatch(/\d:\d\d\s(AM|PM)$/);
    await screenshot(page, 'i18n-03-post-de-12h');
  });
});

/**
 * Japanese, Chinese and Russian in the browser: a user picks the language in Settings, the whole UI switches
 * (lazily loaded catalogue, <html lang>), and dates are formatted the Japanese way.
 */
describe('Japanese, Chinese and Russian UI', () => {
  let yuki: UserContext;
  let postedAt = 0;
  const message = 'Release notes are ready';

  beforeAll(async () => {
    ({ user: yuki, postedAt } = await signedInWithPost('yuki', message));
  });

  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      await screenshot(yuki.page, `failed-i18n-cjk-${task.name.replace(/\W+/g, '-')}`).catch(() => undefined);
    });
  });

  it('switches the UI to Japanese from Settings', async () => {
    const { page } = yuki;
    const dialog = await openSettings(page, { menu: 'Account menu', settings: 'Settings', tab: 'Language' });
    const japanese = await chooseLanguage(page, dialog, 'Display language', { label: '日本語', dialog: '設定', tab: '言語', lang: 'ja' });
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
    const ja = await openSettings(page, { menu: 'アカウントメニュー', settings: '設定', tab: '言語' });
    const zh = await chooseLanguage(page, ja, '表示言語', { label: '中文 (简体)', dialog: '设置', tab: '语言', lang: 'zh-CN' });
    const ru = await chooseLanguage(page, zh, '显示语言', { label: 'Русский', dialog: 'Настройки', tab: 'Язык', lang: 'ru' });
    expect(await ru.getByRole('combobox', { name: 'Язык интерфейса' }).inputValue()).toBe('ru');
  });
});
