import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { deflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import type { Team } from '@mattermost/types/teams';
import type { UserProfile } from '@mattermost/types/users';
import { apiClient, startServer, type RunningServer } from './server';
import { launchBrowser, newUserContext, screenshot, type TestBrowser, type UserContext } from './browser';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A solid-colour RGB PNG, so the test needs no image files or libraries. */
function solidPng(width: number, height: number, [r, g, b]: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => [r, g, b]).flat())]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * Profile pictures, custom emoji and link previews in Chromium against a real server; the page the link
 * points to is served on loopback by the test.
 */
describe('pictures, custom emoji and link previews', () => {
  let server: RunningServer;
  let site: Server;
  let siteUrl = '';
  let chrome: TestBrowser;
  let ana: UserContext;
  let ben: UserContext;
  const password = 'correct-horse-9';
  const team = 'acme';

  async function send(page: Page, text: string): Promise<void> {
    const box = page.locator('.channel-view .composer textarea');
    await box.fill(text);
    await box.press('Enter');
  }

  const post = (page: Page, text: string) => page.locator('.channel-view article.post', { hasText: text });

  beforeAll(async () => {
    site = createServer((req, res) => {
      if (req.url === '/article') {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end(`<!doctype html><html><head><title>fallback</title>
          <meta property="og:site_name" content="Loopback News">
          <meta property="og:title" content="Parley ships link previews">
          <meta property="og:description" content="A card under the message with the site, the title and this description.">
          <meta property="og:image" content="${siteUrl}/wide.png">
          </head><body>article</body></html>`);
      } else if (req.url === '/wide.png') {
        res.writeHead(200, { 'Content-Type': 'image/png' });
        res.end(solidPng(320, 160, [20, 120, 200]));
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    const address = site.address();
    siteUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

    server = await startServer();
    chrome = await launchBrowser();
    // The first account on a new server is its system admin; it turns the features on through the config API.
    const api = apiClient(server);
    await api.createUser({ username: 'ana', email: 'ana@example.com', password } as UserProfile, '', '');
    await api.login('ana', password);
    const acme = await api.createTeam({ name: team, display_name: 'Acme', type: 'O' } as Team);
    const benUser = await api.createUser({ username: 'ben', email: 'ben@example.com', password } as UserProfile, '', '');
    await api.addToTeam(acme.id, benUser.id);
    await api.patchConfig({
      ServiceSettings: { EnableCustomEmoji: true, EnableLinkPreviews: true, AllowedUntrustedInternalConnections: '127.0.0.1' },
      ImageProxySettings: { Enable: true, ImageProxyType: 'local' },
    });
    ana = await newUserContext(chrome.browser, server.url);
    ben = await newUserContext(chrome.browser, server.url);
    for (const [user, name] of [[ana, 'ana'], [ben, 'ben']] as const) {
      await user.page.goto('/login');
      await user.page.getByLabel('Email or username').fill(name);
      await user.page.getByLabel('Password').fill(password);
      await user.page.getByRole('button', { name: 'Log in' }).click();
      await user.page.waitForURL(`**/${team}/channels/town-square`);
    }
  });

  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      await screenshot(ana.page, `failed-media-${task.name.replace(/\W+/g, '-')}-ana`).catch(() => undefined);
      await screenshot(ben.page, `failed-media-${task.name.replace(/\W+/g, '-')}-ben`).catch(() => undefined);
    });
  });

  afterAll(async () => {
    await chrome?.close();
    await server?.stop();
    await new Promise((resolve) => site?.close(resolve));
  });

  it('uploads a profile picture in account settings and the avatar in the post list changes, for others too', async () => {
    const page = ana.page;
    await send(page, 'Picture check');
    const avatar = post(page, 'Picture check').locator('.post-gutter .avatar img');
    const seenByBen = post(ben.page, 'Picture check').locator('.post-gutter .avatar img');
    await avatar.waitFor();
    await seenByBen.waitFor();
    const before = await avatar.getAttribute('src');
    expect(await seenByBen.getAttribute('src')).toBe(before);

    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('menuitem', { name: 'Profile' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByLabel('Upload picture').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: solidPng(96, 96, [220, 30, 30]) });
    // A preview before anything is saved.
    await dialog.getByRole('img', { name: 'Preview of the new picture' }).waitFor();
    expect(await avatar.getAttribute('src')).toBe(before);
    await dialog.getByRole('group', { name: 'Profile picture' }).getByRole('button', { name: 'Save', exact: true }).click();
    await dialog.getByRole('status').filter({ hasText: 'Picture saved' }).waitFor();
    await screenshot(page, 'media-profile-picture');
    await page.keyboard.press('Escape');

    await expect.poll(() => avatar.getAttribute('src')).not.toBe(before);
    const after = (await avatar.getAttribute('src')) ?? '';
    // The picture served now is the uploaded one: its centre is the red uploaded. (Comparing sizes with the generated
    // picture was not enough: a solid square and an identicon can compress to the same number of bytes.)
    const afterImage = await page.evaluate(async (src) => {
      const res = await fetch(src);
      const bitmap = await createImageBitmap(await res.blob());
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
      context.drawImage(bitmap, 0, 0);
      const [r, g, b] = context.getImageData(bitmap.width >> 1, bitmap.height >> 1, 1, 1).data;
      return { type: res.headers.get('content-type'), centre: [r, g, b] };
    }, after);
    expect(afterImage.type).toMatch(/^image\//);
    afterImage.centre.forEach((channel, i) => expect(Math.abs(channel - [220, 30, 30][i])).toBeLessThanOrEqual(3));
    await expect.poll(() => avatar.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    // Ben's client learns of the change from user_updated, without reloading.
    await expect.poll(() => seenByBen.getAttribute('src')).toBe(after);

    // Remove goes back to the default picture, for both.
    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('menuitem', { name: 'Profile' }).click();
    await dialog.getByRole('button', { name: 'Remove picture' }).click();
    await dialog.getByRole('status').filter({ hasText: 'Picture removed' }).waitFor();
    expect(await dialog.getByRole('button', { name: 'Remove picture' }).count()).toBe(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => avatar.getAttribute('src')).toBe(before);
    await expect.poll(() => seenByBen.getAttribute('src')).toBe(before);
  });

  it('adds a custom emoji in the UI, uses it in a message (picked in the emoji picker) and a reaction, then deletes it', async () => {
    const page = ana.page;
    const composer = page.locator('.channel-view .composer');
    await composer.getByRole('button', { name: 'Emoji', exact: true }).click();
    await page.getByRole('button', { name: 'Add custom emoji' }).click();
    const dialog = page.getByRole('dialog', { name: 'Custom emoji' });
    await dialog.getByLabel('Name').fill('parley_blue');
    await dialog.getByLabel('Image').setInputFiles({ name: 'blue.png', mimeType: 'image/png', buffer: solidPng(64, 64, [30, 60, 220]) });
    await dialog.getByRole('button', { name: 'Save emoji' }).click();
    await dialog.getByRole('status').filter({ hasText: 'Added :parley_blue:' }).waitFor();
    await dialog.locator('.custom-emoji-list li', { hasText: ':parley_blue:' }).waitFor();
    await screenshot(page, 'media-custom-emoji-dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    await composer.locator('textarea').fill('Look ');
    await composer.getByRole('button', { name: 'Emoji', exact: true }).click();
    const picker = page.getByRole('dialog', { name: 'Emoji picker' });
    await picker.getByLabel('Search emoji').fill('parley');
    await picker.getByRole('group', { name: 'Custom' }).getByRole('option', { name: 'parley_blue' }).click();
    await expect.poll(() => composer.locator('textarea').inputValue()).toContain(':parley_blue:');
    await composer.locator('textarea').press('Enter');

    const image = post(page, 'Look').locator('.post-message img.custom-emoji');
    await image.waitFor();
    expect(await image.getAttribute('alt')).toBe(':parley_blue:');
    expect(await image.getAttribute('src')).toMatch(/\/api\/v4\/emoji\/[a-z0-9]+\/image$/);
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);

    // Ben loaded the (empty) list before the emoji existed: emoji_added told his client about it.
    await post(ben.page, 'Look').locator('.post-message img.custom-emoji[alt=":parley_blue:"]').waitFor();

    // The composer's :emoji completion offers custom emoji too, with their image.
    const box = composer.locator('textarea');
    await box.pressSequentially('again :parley_b');
    const option = page.getByRole('listbox', { name: 'Suggestions' }).getByRole('option', { name: /:parley_blue:/ });
    await option.locator('img.custom-emoji').waitFor();
    await box.press('Enter');
    expect(await box.inputValue()).toBe('again :parley_blue: ');
    await box.fill('');

    // The same emoji as a reaction: the pill shows its image.
    const item = post(page, 'Look');
    await item.hover();
    await item.getByRole('button', { name: 'Add reaction' }).click();
    const reactionPicker = item.getByRole('dialog', { name: 'Emoji picker' });
    await reactionPicker.getByLabel('Search emoji').fill('parley_blue');
    await reactionPicker.getByRole('option', { name: 'parley_blue' }).click();
    const pill = item.locator('.reactions button.reaction.mine');
    await pill.locator('img.custom-emoji[alt=":parley_blue:"]').waitFor();
    expect(await pill.locator('.reaction-count').textContent()).toBe('1');

    // Its creator deletes it from the dialog: the list empties and messages fall back to the text.
    await composer.getByRole('button', { name: 'Emoji', exact: true }).click();
    await page.getByRole('button', { name: 'Add custom emoji' }).click();
    await dialog.getByRole('button', { name: 'Delete :parley_blue:' }).click();
    await dialog.getByText('No custom emoji yet.').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => post(page, 'Look').locator('.post-message').textContent()).toContain(':parley_blue:');
    expect(await post(page, 'Look').locator('.post-message img.custom-emoji').count()).toBe(0);
  });

  it('shows the preview card of a linked page and the author can remove it', async () => {
    const page = ana.page;
    await send(page, `Read this ${siteUrl}/article`);
    const item = post(page, 'Read this');
    const card = item.locator('.link-preview');
    // The server fetches the page after the post is created; the preview arrives as post_edited.
    await card.waitFor({ timeout: 15_000 });
    expect(await card.locator('.link-preview-site').textContent()).toBe('Loopback News');
    const title = card.getByRole('link', { name: 'Parley ships link previews' });
    expect(await title.getAttribute('href')).toBe(`${siteUrl}/article`);
    expect(await title.getAttribute('target')).toBe('_blank');
    expect(await title.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await card.locator('.link-preview-description').textContent()).toContain('A card under the message');
    // The page's http: picture comes through the server's image proxy (the page's policy would refuse it from the site).
    const picture = card.locator('.link-preview-thumb img');
    expect(await picture.getAttribute('src')).toBe(`${server.url}/api/v4/image?url=${encodeURIComponent(`${siteUrl}/wide.png`)}`);
    await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(320);
    await screenshot(page, 'media-link-preview');

    await item.hover();
    await card.getByRole('button', { name: 'Remove link preview' }).click();
    await card.waitFor({ state: 'detached' });
    // Removed for good: the post carries the author's choice.
    await page.reload();
    await post(page, 'Read this').waitFor();
    expect(await post(page, 'Read this').locator('.link-preview').count()).toBe(0);
  });
});
