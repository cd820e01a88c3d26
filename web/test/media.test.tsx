import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { IntlProvider } from 'react-intl';
import type { CustomEmoji } from '@mattermost/types/emojis';
import type { Post } from '@mattermost/types/posts';
import type { UserProfile } from '@mattermost/types/users';
import { en } from '../src/i18n/en';
import { initialState, setState } from '../src/store/store';
import { renderMarkdown } from '../src/features/markdown/markdown';
import { receivedCustomEmoji, removedCustomEmoji, searchCustomEmoji, useCustomEmoji } from '../src/features/emoji/customEmoji';
import { fitWithin, isLargeImage, openGraphImage, safeHttpUrl } from '../src/features/previews/embed';
import { LinkPreview } from '../src/features/previews/LinkPreview';
import { checkImageFile, formatBytes, maxFileSize } from '../src/features/pictures/imageFile';
import { post } from './fixtures';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const emoji = (name: string, id = `id${name.replace(/\W/g, '')}`): CustomEmoji => ({
  id, name, category: 'custom', create_at: 1, update_at: 1, delete_at: 0, creator_id: 'u1',
});

describe('custom emoji', () => {
  beforeEach(() => useCustomEmoji.setState({ byName: {} }));

  it('renders :name: of a known custom emoji as its image, and re-renders once it becomes known', () => {
    const text = 'ship it :parrot_party: now';
    expect(renderMarkdown(text)).not.toContain('<img');
    receivedCustomEmoji([emoji('parrot_party', 'abc123')]);
    const html = renderMarkdown(text);
    const el = document.createElement('div');
    el.innerHTML = html;
    const img = el.querySelector('img.custom-emoji');
    expect(img?.getAttribute('src')).toBe(`${window.location.origin}/api/v4/emoji/abc123/image`);
    expect(img?.getAttribute('alt')).toBe(':parrot_party:');
    expect(el.textContent).toContain('ship it');
  });

  it('leaves unknown names and code spans as text', () => {
    receivedCustomEmoji([emoji('known')]);
    expect(renderMarkdown(':unknown_one:')).not.toContain('<img');
    expect(renderMarkdown('`:known:`')).not.toContain('<img');
  });

  it('ignores deleted emoji and forgets removed ones', () => {
    receivedCustomEmoji([{ ...emoji('gone'), delete_at: 5 }, emoji('kept', 'k1')]);
    expect(Object.keys(useCustomEmoji.getState().byName)).toEqual(['kept']);
    removedCustomEmoji('k1');
    expect(useCustomEmoji.getState().byName).toEqual({});
  });

  it('searches names, those starting with the query first', () => {
    const byName = Object.fromEntries(['catjam', 'party_cat', 'cat', 'dog'].map((n) => [n, emoji(n)]));
    expect(searchCustomEmoji(byName, 'cat').map((e) => e.name)).toEqual(['cat', 'catjam', 'party_cat']);
    expect(searchCustomEmoji(byName, '').map((e) => e.name)).toEqual(['cat', 'catjam', 'dog', 'party_cat']);
  });
});

describe('image files and sizes', () => {
  it('formats byte counts', () => {
    expect(formatBytes(512 * 1024)).toBe('512 KB');
    expect(formatBytes(1.5 * 1024 * 1024)).toBe('1.5 MB');
    expect(formatBytes(100 * 1024 * 1024)).toBe('100 MB');
  });

  it('uses the published MaxFileSize, else the default', () => {
    expect(maxFileSize({ MaxFileSize: '1048576' })).toBe(1048576);
    expect(maxFileSize({ MaxFileSize: '0' })).toBe(100 * 1024 * 1024);
    expect(maxFileSize({})).toBe(100 * 1024 * 1024);
  });

  it('refuses non-images and files over the limit before upload', () => {
    expect(checkImageFile({ type: 'text/plain', size: 10 }, 100)).toBe('not-image');
    expect(checkImageFile({ type: 'image/png', size: 101 }, 100)).toBe('too-large');
    expect(checkImageFile({ type: 'image/png', size: 100 }, 100)).toBeNull();
  });

  it('fits sizes into a box without enlarging them', () => {
    expect(fitWithin({ width: 1200, height: 600 }, 400, 225)).toEqual({ width: 400, height: 200 });
    expect(fitWithin({ width: 50, height: 40 }, 80, 80)).toEqual({ width: 50, height: 40 });
    expect(fitWithin({ width: 0, height: 40 }, 80, 80)).toBeUndefined();
    expect(isLargeImage({ width: 1200, height: 600 })).toBe(true);
    expect(isLargeImage({ width: 100, height: 100 })).toBe(false);
  });

  it('takes an Open Graph image size from the server when the page gave none, and only http(s) images', () => {
    const og = { images: [{ url: 'javascript:alert(1)' }, { url: 'https://example.com/a.png' }] };
    expect(openGraphImage(og, { 'https://example.com/a.png': { width: 640, height: 320, format: 'png', frameCount: 0 } })).toEqual({
      url: 'https://example.com/a.png', width: 640, height: 320,
    });
    expect(safeHttpUrl('data:text/html,x')).toBeUndefined();
  });
});

describe('LinkPreview', () => {
  let host: HTMLDivElement;
  let root: Root;
  const me = { id: 'me', username: 'me' } as UserProfile;

  const ogPost = (over: Partial<Post> = {}): Post =>
    post({
      id: 'p1',
      user_id: 'me',
      message: 'see https://example.com/page',
      metadata: {
        embeds: [{ type: 'opengraph', url: 'https://example.com/page', data: { type: 'website', url: 'https://example.com/page', title: 'Example page', description: 'About it', site_name: 'Example', images: [{ url: 'https://example.com/wide.png' }] } }],
        images: { 'https://example.com/wide.png': { width: 1200, height: 600, format: 'png', frameCount: 0 } },
        emojis: [], files: [],
      },
      ...over,
    });

  function render(p: Post): void {
    act(() => {
      root.render(
        <IntlProvider locale="en" messages={en}>
          <LinkPreview post={p} />
        </IntlProvider>,
      );
    });
  }

  beforeEach(() => {
    setState({ ...initialState, me, config: { EnableLinkPreviews: 'true' } });
    host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
  });

  afterEach(() => {
    act(() => root.unmount());
    host.remove();
  });

  it('shows a card: site, title as a safe new-tab link, description, image sized from metadata', () => {
    render(ogPost());
    expect(host.querySelector('.link-preview-site')?.textContent).toBe('Example');
    const title = host.querySelector<HTMLAnchorElement>('a.link-preview-title');
    expect(title?.textContent).toBe('Example page');
    expect(title?.getAttribute('href')).toBe('https://example.com/page');
    expect(title?.target).toBe('_blank');
    expect(title?.rel).toBe('noopener noreferrer');
    expect(host.querySelector('.link-preview-description')?.textContent).toBe('About it');
    const img = host.querySelector('img');
    expect([img?.getAttribute('width'), img?.getAttribute('height')]).toEqual(['400', '200']);
    expect(host.querySelector('button[aria-label="Remove link preview"]')).not.toBeNull();
  });

  it('offers removal to the author only', () => {
    render(ogPost({ user_id: 'someone-else' }));
    expect(host.querySelector('.link-preview')).not.toBeNull();
    expect(host.querySelector('button[aria-label="Remove link preview"]')).toBeNull();
  });

  it('is hidden when the server disables previews, the reader turned them off, or the author removed it', () => {
    act(() => setState({ config: { EnableLinkPreviews: 'false' } }));
    render(ogPost());
    expect(host.innerHTML).toBe('');
    act(() => setState({ config: { EnableLinkPreviews: 'true' }, prefs: { 'display_settings:link_previews': 'false' } }));
    render(ogPost());
    expect(host.innerHTML).toBe('');
    act(() => setState({ prefs: {} }));
    render(ogPost({ props: { remove_link_preview: 'true' } }));
    expect(host.innerHTML).toBe('');
  });

  it('shows an image link as the image with its measured size', () => {
    const url = 'https://example.com/cat.jpg';
    render(post({ id: 'p2', user_id: 'me', message: url, metadata: { embeds: [{ type: 'image', url }], images: { [url]: { width: 960, height: 720, format: 'jpeg', frameCount: 0 } }, emojis: [], files: [] } }));
    const img = host.querySelector('.link-preview-image img');
    expect(img?.getAttribute('src')).toBe(url);
    expect([img?.getAttribute('width'), img?.getAttribute('height')]).toEqual(['480', '360']);
  });

  it('renders nothing for an unsafe link', () => {
    render(ogPost({ metadata: { embeds: [{ type: 'opengraph', url: 'javascript:alert(1)', data: { url: 'javascript:alert(1)', title: 'x', images: [] } }], images: {}, emojis: [], files: [] } }));
    expect(host.querySelector('a')).toBeNull();
  });
});
