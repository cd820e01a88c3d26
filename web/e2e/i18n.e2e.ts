import type { Team } from '@mattermost/types/teams';
import type { UserProfile } from '@mattermost/types/users';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apiClient, startServer, type RunningServer } from './server';
import { launchBrowser, logIn, newUserContext, screenshot, type TestBrowser, type UserContext } from './browser';

/**
 * French and German in the browser: a user switches the language in Settings, the UI follows, and post times use
 * the language's own clock (fr/de 24-hour, en 12-hour) until the user picks a clock in Display settings.
 */
describe('UI language and clock', () => {
  let server: RunningServer;
  let chrome: TestBrowser;
  let camille: UserContext;
  let postedAt = 0;
  const team = 'acme';
  const password = 'correct-horse-9';
  const message = 'Les notes de version sont prêtes';

  async function openSettings(page: Page, labels: { menu: string; settings: string; tab: string }) {
    await page.getByRole('button', { name: labels.menu }).click();
    await page.getByRole('menuitem', { name: labels.settings }).click();
    const dialog = page.getByRole('dialog', { name: labels.settings });
    await dialog.getByRole('tab', { name: labels.tab }).click();
    return dialog;
  }

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
    server = await startServer();
    chrome = await launchBrowser();
    const api = apiClient(server);
    await api.createUser({ username: 'camille', email: 'camille@example.com', password } as UserProfile, '', '');
    await api.login('camille', password);
    const acme = await api.createTeam({ name: team, display_name: 'Acme', type: 'O' } as Team);
    const townSquare = await api.getChannelByName(acme.id, 'town-square');
    postedAt = (await api.createPost({ channel_id: townSquare.id, message } as never)).create_at;
    camille = await newUserContext(chrome.browser, server.url);
    await logIn(camille.page, 'camille', password, `**/${team}/channels/town-square`);
  });

  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      await screenshot(camille.page, `failed-i18n-${task.name.replace(/\W+/g, '-')}`).catch(() => undefined);
    });
  });

  afterAll(async () => {
    await chrome?.close();
    await server?.stop();
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
    await picker.selectOption({ label: 'Français' });
    // The French catalogue arrives as its own chunk; then the open dialog itself speaks French.
    const french = page.getByRole('dialog', { name: 'Paramètres' });
    await expect.poll(() => french.getByRole('tab', { name: 'Langue' }).count(), { timeout: 10_000 }).toBe(1);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
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
    await fr.getByRole('combobox', { name: 'Langue d’affichage' }).selectOption({ label: 'Deutsch' });
    const german = page.getByRole('dialog', { name: 'Einstellungen' });
    await expect.poll(() => german.getByRole('tab', { name: 'Sprache' }).count(), { timeout: 10_000 }).toBe(1);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
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
