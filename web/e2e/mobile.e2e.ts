import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Client4 } from '@mattermost/client';
import type { Channel } from '@mattermost/types/channels';
import type { Post } from '@mattermost/types/posts';
import type { Team } from '@mattermost/types/teams';
import type { UserProfile } from '@mattermost/types/users';
import type { Locator, Page } from 'playwright-core';
import { apiClient, startServer, type RunningServer } from './server';
import { launchBrowser, logIn, newUserContext, screenshot, type Device, type TestBrowser, type UserContext } from './browser';
import { expectNoSidewaysScroll, expectSeparateAndOnScreen, widthShare } from './layout';

/**
 * The day-one flow on a phone (390×844, touch) and on a tablet (768×1024): sign in, switch team,
 * switch channel (through the drawer on the phone), read, post, reply in a thread, react, open a DM,
 * with bounding-box checks that the header and composer keep their controls apart and on screen.
 */
const phone: Device = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const tablet: Device = { viewport: { width: 768, height: 1024 }, hasTouch: true };
const password = 'correct-horse-9';
const longChannel = 'Quarterly planning for the northern region launch';

describe('Parley on phones and tablets', () => {
  let server: RunningServer;
  let chrome: TestBrowser;
  let ben: Client4;
  let planning: Channel;

  beforeAll(async () => {
    server = await startServer();
    chrome = await launchBrowser();
    const root = apiClient(server);
    // The first account is the system admin; it sets up two teams both people belong to.
    const ana = await root.createUser({ username: 'ana', email: 'ana@example.com', password } as UserProfile, '', '');
    await root.login('ana', password);
    const benUser = await root.createUser({ username: 'ben', email: 'ben@example.com', password } as UserProfile, '', '');
    const acme = await root.createTeam({ name: 'acme', display_name: 'Acme', type: 'O' } as Team);
    const beta = await root.createTeam({ name: 'beta', display_name: 'Beta', type: 'O' } as Team);
    for (const team of [acme, beta]) await root.addToTeam(team.id, benUser.id);
    planning = await root.createChannel({ team_id: beta.id, name: 'quarterly-planning', display_name: longChannel, type: 'O' } as Channel);
    await root.addToChannel(benUser.id, planning.id);
    expect(ana.id).not.toBe(benUser.id);
    ben = apiClient(server);
    await ben.login('ben', password);
  });

  afterAll(async () => {
    await chrome?.close();
    await server?.stop();
  });

  /** The same steps on each screen; `name` keeps screenshots and message texts apart. */
  function dayOne(name: 'phone' | 'tablet', device: Device): void {
    const isPhone = name === 'phone';
    let user: UserContext;
    let page: Page;
    const shot = (step: string) => screenshot(page, `mobile-${name}-${step}`);
    const header = () => page.locator('.channel-view .channel-header');
    const composer = () => page.locator('.channel-view .composer');
    const toggle = () => page.getByRole('button', { name: 'Open sidebar' });
    const post = (text: string) => page.locator('.channel-view article.post', { hasText: text });

    /** The channel header's controls and the channel name (the name sits inside the channel menu's button). */
    const headerParts = (): Locator[] => [
      header().locator('.channel-title > span'),
      header().locator('.drawer-toggle, .channel-title-row > button, .channel-header-actions button'),
    ];
    const composerParts = (scope: Locator): Locator[] => [scope.locator('textarea, button')];

    /** On the phone the sidebar lives in the drawer: open it first. On the tablet it is always there. */
    async function showSidebar(): Promise<void> {
      if (!isPhone) return;
      // Switching team leaves it open.
      if ((await toggle().getAttribute('aria-expanded')) !== 'true') await toggle().tap();
      await expect.poll(() => toggle().getAttribute('aria-expanded')).toBe('true');
      // It slides in: measure it once it is in place.
      await expect.poll(async () => (await page.locator('.drawer').boundingBox())?.x).toBe(0);
    }

    async function expectChannelLayout(): Promise<void> {
      await expectSeparateAndOnScreen(page, headerParts(), 3);
      await expectSeparateAndOnScreen(page, composerParts(composer()), 3);
      await expectSeparateAndOnScreen(page, [page.locator('.top-bar').locator('button, input, a')], 2);
      await expectNoSidewaysScroll(page);
      if (isPhone) {
        expect(await widthShare(page, page.locator('main.center'))).toBeGreaterThanOrEqual(0.9);
        expect(await widthShare(page, composer().locator('textarea'))).toBeGreaterThanOrEqual(0.7);
      } else {
        // Beside the sidebars (which leave the column 60 % of the screen) the textbox still takes most of the column.
        const column = (await page.locator('main.center').boundingBox())?.width ?? 0;
        const box = (await composer().locator('textarea').boundingBox())?.width ?? 0;
        expect(box / column).toBeGreaterThanOrEqual(0.6);
      }
    }

    async function send(scope: Locator, text: string): Promise<void> {
      await scope.locator('textarea').fill(text);
      await scope.getByRole('button', { name: 'Send' }).tap();
    }

    describe(`on a ${name} (${device.viewport.width}×${device.viewport.height})`, () => {
      beforeAll(async () => {
        user = await newUserContext(chrome.browser, server.url, device);
        page = user.page;
      });

      beforeEach(({ task, onTestFailed }) => {
        onTestFailed(async () => {
          await screenshot(page, `failed-mobile-${name}-${task.name.replace(/\W+/g, '-')}`).catch(() => undefined);
        });
      });

      afterAll(async () => {
        await user?.context.close();
      });

      it('signs in on a login page that fits the screen', async () => {
        await page.goto('/login');
        await page.getByLabel('Email or username').waitFor();
        await expectSeparateAndOnScreen(page, [page.locator('.auth-card').locator('input, button')], 3);
        await expectNoSidewaysScroll(page);
        await shot('01-login');
        await logIn(page, 'ana', password, /\/acme\/channels\/town-square$/);
        await expect.poll(() => page.locator('.channel-view .channel-title').textContent()).toContain('Town Square');
      });

      it('gives the channel the width of the screen and keeps header and composer controls apart', async () => {
        await expectChannelLayout();
        if (isPhone) {
          // The sidebars are off screen until the drawer opens.
          expect(await page.locator('nav.channel-sidebar').isVisible()).toBe(false);
          expect(await toggle().getAttribute('aria-expanded')).toBe('false');
        } else {
          expect(await toggle().isVisible()).toBe(false);
          expect(await page.locator('nav.channel-sidebar').isVisible()).toBe(true);
        }
        await shot('02-town-square');
      });

      if (isPhone) {
        it('opens the drawer from the header and closes it with Esc and with a tap beside it', async () => {
          await showSidebar();
          const drawer = page.locator('.drawer');
          await expectSeparateAndOnScreen(page, [drawer.locator('nav.channel-sidebar'), drawer.locator('nav.team-sidebar')], 2);
          // Focus moves into the drawer.
          expect(await page.evaluate(() => document.querySelector('.drawer')?.contains(document.activeElement))).toBe(true);
          await shot('03-drawer');
          await page.keyboard.press('Escape');
          await expect.poll(() => toggle().getAttribute('aria-expanded')).toBe('false');
          await expect.poll(() => page.locator('nav.channel-sidebar').isVisible()).toBe(false);
          // Esc gives focus back to the button that opened the drawer.
          expect(await toggle().evaluate((el) => el === document.activeElement)).toBe(true);

          await showSidebar();
          // The scrim is what lies to the right of the drawer.
          await page.touchscreen.tap(device.viewport.width - 10, device.viewport.height / 2);
          await expect.poll(() => toggle().getAttribute('aria-expanded')).toBe('false');
          await expect.poll(() => page.locator('nav.channel-sidebar').isVisible()).toBe(false);
        });
      }

      it('switches team', async () => {
        await showSidebar();
        await page.locator('nav.team-sidebar').getByRole('button', { name: 'Beta' }).tap();
        await page.waitForURL(/\/beta\/channels\/town-square$/);
        await expect.poll(() => page.locator('.sidebar-header .team-name').textContent()).toContain('Beta');
        // A new team's channels are what one picks next, so the drawer stays open.
        if (isPhone) expect(await toggle().getAttribute('aria-expanded')).toBe('true');
      });

      it('switches channel and reads what was posted there', async () => {
        await ben.createPost({ channel_id: planning.id, message: `Agenda for the ${name}: budget, dates, venue` } as Post);
        await showSidebar();
        await page.locator(`.sidebar-item[data-channel-name="${planning.name}"]`).tap();
        await page.waitForURL(/\/beta\/channels\/quarterly-planning$/);
        if (isPhone) {
          // Choosing a channel closes the drawer.
          await expect.poll(() => toggle().getAttribute('aria-expanded')).toBe('false');
          await expect.poll(() => page.locator('nav.channel-sidebar').isVisible()).toBe(false);
        }
        await expect.poll(() => post(`Agenda for the ${name}`).count(), { timeout: 10_000 }).toBe(1);
        // The long name fits on neither screen: it is cut with an ellipsis rather than pushing the header's buttons.
        const title = header().locator('.channel-title > span');
        const clipped = await title.evaluate((el) => el.scrollWidth > el.clientWidth && getComputedStyle(el).textOverflow === 'ellipsis');
        expect(clipped).toBe(true);
        await expectChannelLayout();
        await shot('04-long-channel');
      });

      it('posts a message', async () => {
        await send(composer(), `Posting from the ${name}`);
        await expect.poll(() => page.locator('.channel-view article.post:not(.pending)', { hasText: `Posting from the ${name}` }).count(), { timeout: 10_000 }).toBe(1);
        expect(await composer().locator('textarea').inputValue()).toBe('');
      });

      it('replies in a thread in a panel that fits the screen', async () => {
        const root = post(`Agenda for the ${name}`);
        await root.tap();
        await root.getByRole('button', { name: 'Reply' }).tap();
        const panel = page.locator('aside.rhs');
        await expect.poll(() => panel.locator('article.post').count()).toBe(1);
        const box = await panel.boundingBox();
        expect(box).not.toBeNull();
        if (isPhone && box) {
          // Full screen on the phone.
          expect([box.x, box.y, box.width, box.height]).toEqual([0, 0, device.viewport.width, device.viewport.height]);
        }
        await expectSeparateAndOnScreen(page, [panel.locator('.rhs-header h2, .rhs-header button'), ...composerParts(panel.locator('.composer'))], 4);
        await send(panel.locator('.composer'), `Reply from the ${name}`);
        await expect.poll(() => panel.locator('article.post', { hasText: `Reply from the ${name}` }).count(), { timeout: 10_000 }).toBe(1);
        await shot('05-thread');
        await panel.getByRole('button', { name: 'Close panel' }).tap();
        await expect.poll(() => panel.count()).toBe(0);
      });

      it('reacts to a message', async () => {
        const target = post(`Agenda for the ${name}`);
        await target.tap();
        await target.getByRole('button', { name: 'React with +1' }).tap();
        await expect.poll(() => target.locator('.reaction').count(), { timeout: 10_000 }).toBe(1);
        // The reaction shows at once and is saved after; wait for the server to have it.
        const postId = (await target.getAttribute('data-post-id')) ?? '';
        await expect.poll(async () => (await ben.getReactionsForPost(postId)).map((r) => r.emoji_name), { timeout: 10_000 }).toEqual(['+1']);
      });

      it('searches from the icon in the top bar', async () => {
        const search = page.getByRole('combobox', { name: 'Search messages' });
        await search.tap();
        await search.fill('budget');
        // Opened, the field is wide enough to type in.
        expect(await widthShare(page, search)).toBeGreaterThanOrEqual(isPhone ? 0.5 : 0.25);
        await search.press('Enter');
        const results = page.locator('aside.rhs .search-result');
        await expect.poll(() => results.count(), { timeout: 10_000 }).toBeGreaterThan(0);
        await expectSeparateAndOnScreen(page, [page.locator('aside.rhs .rhs-header').locator('h2, button')], 2);
        await shot('06-search');
        await page.locator('aside.rhs').getByRole('button', { name: 'Close panel' }).tap();
        await expectChannelLayout();
      });

      it('opens a direct message from a dialog that fits the screen', async () => {
        await showSidebar();
        await page.getByRole('button', { name: 'Open a direct message' }).first().tap();
        const dialog = page.getByRole('dialog', { name: 'Direct messages' });
        await dialog.getByLabel('Search people').fill('ben');
        await dialog.locator('.picker-item', { hasText: 'ben' }).tap();
        await expectSeparateAndOnScreen(page, [dialog.locator('button, input')], 3);
        await shot('07-direct-dialog');
        await dialog.getByRole('button', { name: 'Go' }).tap();
        await page.waitForURL(/\/beta\/messages\/@ben$/);
        if (isPhone) await expect.poll(() => toggle().getAttribute('aria-expanded')).toBe('false');
        await send(composer(), `Direct from the ${name}`);
        await expect.poll(() => post(`Direct from the ${name}`).count(), { timeout: 10_000 }).toBe(1);
        await expectChannelLayout();
        await shot('08-direct');
      });

      it('opens Settings in a dialog that fits the screen', async () => {
        await page.getByRole('button', { name: 'Account menu' }).tap();
        await page.getByRole('menuitem', { name: 'Settings' }).tap();
        const dialog = page.getByRole('dialog', { name: 'Settings' });
        await dialog.waitFor();
        await expectSeparateAndOnScreen(page, [dialog], 1);
        // Nothing inside it needs sideways scrolling.
        const body = dialog.locator('.modal-body');
        expect(await body.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
        await shot('09-settings');
        await dialog.getByRole('button', { name: 'Close' }).tap();
      });
    });
  }

  dayOne('phone', phone);
  dayOne('tablet', tablet);
});
