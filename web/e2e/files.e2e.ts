import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import type { Client4 } from '@mattermost/client';
import type { AdminConfig } from '@mattermost/types/config';
import type { Team } from '@mattermost/types/teams';
import type { UserProfile } from '@mattermost/types/users';
import { apiClient, startServer, type RunningServer } from './server';
import { launchBrowser, newUserContext, screenshot, type TestBrowser, type UserContext, logIn } from './browser';

/**
 * Files in Chromium against a real server: drop an image on the channel, watch it upload, send it, see the
 * thumbnail (for the other member too, live) and open it in the viewer; attach a text file with the button;
 * cancel an upload; a file over MaxFileSize is refused before it is sent.
 */
describe('files in the browser', () => {
  let server: RunningServer;
  let chrome: TestBrowser;
  let ana: UserContext;
  let ben: UserContext;
  let cdp: CDPSession;
  let api: Client4;
  const password = 'correct-horse-9';
  const team = 'acme';
  const maxFileSize = 5 * 1024 * 1024;

  /** Slows ana's uploads (Chromium's network emulation), so an upload in progress can be seen and cancelled. */
  async function throttleUploads(bytesPerSecond: number): Promise<void> {
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: bytesPerSecond });
  }

  /**
   * Drops a file built in the page on the channel's message list, as a drag from the desktop would: a PNG of random
   * pixels (noise does not compress, so its size is known) or `size` zero bytes.
   */
  async function dropFile(page: Page, file: { name: string; png?: { width: number; height: number }; size?: number }): Promise<void> {
    await page.evaluate(async ({ name, png, size }) => {
      let blob = new Blob([new Uint8Array(size ?? 0)], { type: 'application/octet-stream' });
      if (png) {
        const canvas = document.createElement('canvas');
        canvas.width = png.width;
        canvas.height = png.height;
        const g = canvas.getContext('2d') as CanvasRenderingContext2D;
        const pixels = g.createImageData(png.width, png.height);
        for (let i = 0; i < pixels.data.length; i++) pixels.data[i] = i % 4 === 3 ? 255 : Math.floor(Math.random() * 256);
        g.putImageData(pixels, 0, 0);
        blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b as Blob), 'image/png'));
      }
      const data = new DataTransfer();
      data.items.add(new File([blob], name, { type: blob.type }));
      // On a child of the channel view: the events bubble up to it, as they do from wherever the pointer is.
      const target = document.querySelector('.channel-view .post-list') as HTMLElement;
      target.dispatchEvent(new DragEvent('dragenter', { bubbles: true, cancelable: true, dataTransfer: data }));
      target.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: data }));
      Object.assign(window, { dropped: { data, target } });
    }, file);
    // The overlay is up while files hover over the view, and goes with the drop.
    await expect.poll(() => page.getByText('Drop files to upload').isVisible()).toBe(true);
    await page.evaluate(() => {
      const { data, target } = (window as unknown as { dropped: { data: DataTransfer; target: HTMLElement } }).dropped;
      target.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: data }));
    });
    await expect.poll(() => page.getByText('Drop files to upload').count()).toBe(0);
  }

  const composer = (page: Page) => page.locator('.channel-view .composer');
  const upload = (page: Page, name: string) => composer(page).locator('.pending-upload', { hasText: name });
  const post = (page: Page, text: string) => page.locator('.channel-view article.post', { hasText: text });

  beforeAll(async () => {
    server = await startServer();
    chrome = await launchBrowser();
    api = apiClient(server);
    // The first account on a new server is its system admin: it sets the file settings this test relies on.
    await api.createUser({ username: 'ana', email: 'ana@example.com', password } as UserProfile, '', '');
    await api.login('ana', password);
    const config = await api.getConfig();
    await api.updateConfig({ ...config, FileSettings: { ...config.FileSettings, EnableFileAttachments: true, MaxFileSize: maxFileSize } } as AdminConfig);
    const created = await api.createTeam({ name: team, display_name: 'Acme', type: 'O' } as Team);
    const benUser = await api.createUser({ username: 'ben', email: 'ben@example.com', password } as UserProfile, '', '');
    await api.addToTeam(created.id, benUser.id);
    ana = await newUserContext(chrome.browser, server.url);
    ben = await newUserContext(chrome.browser, server.url);
    await logIn(ana.page, 'ana', password, `**/${team}/channels/town-square`);
    await logIn(ben.page, 'ben', password, `**/${team}/channels/town-square`);
    cdp = await ana.context.newCDPSession(ana.page);
    await cdp.send('Network.enable');
  });

  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      const name = `failed-files-${task.name.replace(/\W+/g, '-')}`;
      await screenshot(ana.page, `${name}-ana`).catch(() => undefined);
      await screenshot(ben.page, `${name}-ben`).catch(() => undefined);
    });
  });

  afterAll(async () => {
    await chrome?.close();
    await server?.stop();
  });

  it('uploads a dropped image with progress, sends it without text, and shows its thumbnail to both members', async () => {
    await throttleUploads(256 * 1024);
    await dropFile(ana.page, { name: 'noise.png', png: { width: 400, height: 300 } });
    const row = upload(ana.page, 'noise.png');
    const bar = row.getByRole('progressbar', { name: 'Uploading noise.png' });
    // Part of the bytes are sent: the bar moves before the upload ends.
    await expect.poll(async () => Number(await bar.getAttribute('value')), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await row.getAttribute('data-status')).toBe('uploading');
    expect(await composer(ana.page).getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);
    await throttleUploads(-1);
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 15_000 }).toBe('done');
    await screenshot(ana.page, 'files-01-pending');

    await composer(ana.page).getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => upload(ana.page, 'noise.png').count()).toBe(0);
    for (const page of [ana.page, ben.page]) {
      const image = page.locator('.channel-view article.post .file-image img[alt="noise.png"]');
      await expect.poll(() => image.count(), { timeout: 10_000 }).toBe(1);
      // The box is sized from the file's dimensions before the image arrives, and the image really loads.
      expect(await image.getAttribute('width')).toBe('400');
      expect(await image.getAttribute('height')).toBe('300');
      await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 10_000 }).toBeGreaterThan(0);
    }
    await screenshot(ben.page, 'files-02-thumbnail');
  });

  it('opens the image in the viewer, and Esc closes it and returns focus', async () => {
    const open = ben.page.getByRole('button', { name: 'Open noise.png' });
    await open.click();
    const viewer = ben.page.getByRole('dialog', { name: 'noise.png' });
    await expect.poll(() => viewer.isVisible()).toBe(true);
    const shown = viewer.locator('img.file-viewer-image');
    await expect.poll(() => shown.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await viewer.getByRole('link', { name: 'Download noise.png' }).getAttribute('href')).toMatch(/\/api\/v4\/files\/\w+\?download=1$/);
    // Tab stays inside the dialog.
    for (let i = 0; i < 5; i++) await ben.page.keyboard.press('Tab');
    expect(await viewer.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    await screenshot(ben.page, 'files-03-viewer');
    await ben.page.keyboard.press('Escape');
    await expect.poll(() => viewer.count()).toBe(0);
    expect(await open.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('attaches a text file with the button: a card with name and size, readable in the viewer', async () => {
    const text = 'line one\nline two: über\n'.repeat(60);
    const chooser = ana.page.waitForEvent('filechooser');
    await composer(ana.page).getByRole('button', { name: 'Attach files' }).click();
    await (await chooser).setFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from(text) });
    await expect.poll(() => upload(ana.page, 'notes.txt').getAttribute('data-status'), { timeout: 10_000 }).toBe('done');
    const box = composer(ana.page).locator('textarea');
    await box.fill('Meeting notes attached');
    await box.press('Enter');

    // 60 lines of 25 bytes ("ü" is two): 1,500 bytes.
    const size = '1.5 KB';
    for (const page of [ana.page, ben.page]) {
      const card = post(page, 'Meeting notes attached').locator('.file-card');
      await expect.poll(() => card.count(), { timeout: 10_000 }).toBe(1);
      expect(await card.locator('.file-card-name').textContent()).toBe('notes.txt');
      expect(await card.locator('.file-card-meta').textContent()).toBe(`TXT · ${size}`);
    }
    await post(ben.page, 'Meeting notes attached').getByRole('button', { name: 'Open notes.txt' }).click();
    const viewer = ben.page.getByRole('dialog', { name: 'notes.txt' });
    await expect.poll(() => viewer.locator('pre').textContent(), { timeout: 10_000 }).toBe(text);
    await ben.page.keyboard.press('Escape');
    await expect.poll(() => viewer.count()).toBe(0);
  });

  it('steps through a post\'s files with the arrow keys: a PDF in the browser\'s viewer, then a download card', async () => {
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
        '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
    );
    const chooser = ana.page.waitForEvent('filechooser');
    await composer(ana.page).getByRole('button', { name: 'Attach files' }).click();
    // Two files in one pick upload side by side.
    await (await chooser).setFiles([
      { name: 'plan.pdf', mimeType: 'application/pdf', buffer: pdf },
      { name: 'archive.zip', mimeType: 'application/zip', buffer: Buffer.from('PK\x05\x06'.padEnd(22, '\0')) },
    ]);
    for (const name of ['plan.pdf', 'archive.zip']) {
      await expect.poll(() => upload(ana.page, name).getAttribute('data-status'), { timeout: 10_000 }).toBe('done');
    }
    const box = composer(ana.page).locator('textarea');
    await box.fill('Plan and archive');
    await box.press('Enter');

    await expect.poll(() => post(ben.page, 'Plan and archive').locator('.file-card').count(), { timeout: 10_000 }).toBe(2);
    await post(ben.page, 'Plan and archive').getByRole('button', { name: 'Open plan.pdf' }).click();
    const viewer = ben.page.getByRole('dialog');
    await expect.poll(() => viewer.getAttribute('aria-label')).toBe('plan.pdf');
    expect(await viewer.locator('.file-viewer-meta').textContent()).toContain('1 of 2');
    // The server lets its own pages frame an inline PDF, and the browser's viewer takes the frame.
    const frame = viewer.locator('iframe.file-viewer-pdf');
    await expect.poll(() => frame.evaluate((f: HTMLIFrameElement) => f.contentDocument?.contentType), { timeout: 10_000 }).toBe('application/pdf');
    await screenshot(ben.page, 'files-04-pdf');

    await viewer.focus();
    await ben.page.keyboard.press('ArrowRight');
    await expect.poll(() => viewer.getAttribute('aria-label')).toBe('archive.zip');
    expect(await viewer.getByText('This file has no preview.').count()).toBe(1);
    expect(await viewer.locator('.file-viewer-meta').textContent()).toContain('2 of 2');
    await ben.page.keyboard.press('ArrowRight');
    await expect.poll(() => viewer.getAttribute('aria-label')).toBe('plan.pdf');
    await ben.page.keyboard.press('Escape');
    await expect.poll(() => viewer.count()).toBe(0);
  });

  it('uploads a pasted screenshot in a thread reply and shows it in the thread panel', async () => {
    const root = post(ben.page, 'ana');
    await root.first().hover();
    await root.first().getByRole('button', { name: 'Reply' }).click();
    const panel = ben.page.locator('aside.rhs');
    const box = panel.locator('.composer textarea');
    await box.focus();
    await ben.page.evaluate(async () => {
      const canvas = document.createElement('canvas');
      canvas.width = 120;
      canvas.height = 80;
      const g = canvas.getContext('2d') as CanvasRenderingContext2D;
      g.fillStyle = '#1c58d9';
      g.fillRect(0, 0, 120, 80);
      const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b as Blob), 'image/png'));
      const data = new DataTransfer();
      data.items.add(new File([blob], 'image.png', { type: 'image/png' }));
      const textarea = document.querySelector('aside.rhs .composer textarea') as HTMLTextAreaElement;
      textarea.dispatchEvent(new ClipboardEvent('paste', { bubbles: true, cancelable: true, clipboardData: data }));
    });
    const row = panel.locator('.pending-upload', { hasText: /^Pasted image .*\.png/ });
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 10_000 }).toBe('done');
    await box.fill('Screenshot for the thread');
    await box.press('Enter');
    const image = panel.locator('article.post', { hasText: 'Screenshot for the thread' }).locator('.file-image img');
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 10_000 }).toBe(120);
    expect(await image.getAttribute('alt')).toMatch(/^Pasted image .*\.png$/);
    await panel.getByRole('button', { name: 'Close panel' }).click();
  });

  it('cancels an upload in progress', async () => {
    await throttleUploads(64 * 1024);
    await dropFile(ana.page, { name: 'slow.png', png: { width: 600, height: 400 } });
    const row = upload(ana.page, 'slow.png');
    await expect.poll(() => row.getAttribute('data-status')).toBe('uploading');
    const aborted = ana.page.waitForEvent('requestfailed', (r) => r.url().endsWith('/api/v4/files'));
    await row.getByRole('button', { name: 'Cancel upload of slow.png' }).click();
    expect((await aborted).failure()?.errorText).toContain('ABORTED');
    await throttleUploads(-1);
    expect(await row.count()).toBe(0);
    expect(await composer(ana.page).getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);
  });

  it('refuses a file over MaxFileSize without uploading it', async () => {
    let uploads = 0;
    ana.page.on('request', (r) => {
      if (r.url().endsWith('/api/v4/files')) uploads++;
    });
    await dropFile(ana.page, { name: 'huge.bin', size: maxFileSize + 1 });
    const row = upload(ana.page, 'huge.bin');
    await expect.poll(() => row.getAttribute('data-status')).toBe('tooLarge');
    expect(await row.getByRole('alert').textContent()).toBe('Larger than the limit of 5 MB');
    expect(uploads).toBe(0);
    await row.getByRole('button', { name: 'Remove huge.bin' }).click();
    expect(await row.count()).toBe(0);
  });

  it('hides the upload controls and ignores dropped files when the server turns attachments off', async () => {
    const config = await api.getConfig();
    await api.updateConfig({ ...config, FileSettings: { ...config.FileSettings, EnableFileAttachments: false } } as AdminConfig);
    await ben.page.reload();
    await ben.page.locator('.channel-view .composer textarea').waitFor();
    // Files already posted still show (waited for: after the reload the channel's posts arrive after the composer).
    await post(ben.page, 'Meeting notes attached').locator('.file-card').waitFor();
    expect(await composer(ben.page).getByRole('button', { name: 'Attach files' }).count()).toBe(0);
    await ben.page.evaluate(() => {
      const data = new DataTransfer();
      data.items.add(new File(['x'], 'ignored.txt', { type: 'text/plain' }));
      const target = document.querySelector('.channel-view .post-list') as HTMLElement;
      for (const type of ['dragenter', 'dragover', 'drop']) target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data }));
    });
    expect(await ben.page.getByText('Drop files to upload').count()).toBe(0);
    expect(await upload(ben.page, 'ignored.txt').count()).toBe(0);
    expect(await post(ben.page, 'Meeting notes attached').locator('.file-card').count()).toBe(1);
  });
});
