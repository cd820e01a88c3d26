import MarkdownIt, { type StateInline } from 'markdown-it';
import DOMPurify from 'dompurify';
import { shortcodeHtml, unicodeEmojiRule } from '../emoji/emojiMarkdown';
import { useEmojiData } from '../emoji/emojiStore';
import { customEmojiByName, customEmojiImageUrl, useCustomEmoji } from '../emoji/customEmoji';
import { externalImageSrc } from '../previews/image_proxy';
import { useStore } from '../../store/store';

/** Only these link/image targets survive; everything else (javascript:, data:, vbscript:, relative tricks) is dropped. */
const SAFE_URL = /^(?:https?:|mailto:)/i;

const md = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });
md.validateLink = (url: string): boolean => SAFE_URL.test(url.trim());

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const MENTION = /^@([a-z0-9][a-z0-9._-]*[a-z0-9_]|[a-z0-9])/i;
const CHANNEL = /^~([a-z0-9][a-z0-9_-]*)/i;
/** Mattermost's hashtags: a letter first, a letter, digit or _ last, at least three characters (its MinimumHashtagLength). */
const HASHTAG = /^#(\p{L}[\p{L}\p{N}_.-]*[\p{L}\p{N}_])/u;
const EMOJI = /^:([a-z0-9_+-]+):/i;

/** @user, ~channel, #hashtag and :emoji: as inline tokens; the text around them stays ordinary markdown. */
function specialInline(state: StateInline, silent: boolean): boolean {
  const ch = state.src[state.pos];
  if (ch !== '@' && ch !== '~' && ch !== ':' && ch !== '#') return false;
  const prev = state.pos > 0 ? state.src[state.pos - 1] : ' ';
  if (/[\p{L}\p{N}_]/u.test(prev)) return false;
  const rest = state.src.slice(state.pos);
  let html = '';
  let length = 0;
  if (ch === '@') {
    const m = MENTION.exec(rest);
    if (!m) return false;
    let name = m[1];
    while (name.endsWith('.')) name = name.slice(0, -1);
    length = name.length + 1;
    html = `<span class="mention" data-mention="${escapeHtml(name.toLowerCase())}">@${escapeHtml(name)}</span>`;
  } else if (ch === '#') {
    const m = HASHTAG.exec(rest);
    if (!m || m[1].length < 3) return false;
    length = m[0].length;
    html = `<span class="hashtag" data-hashtag="${escapeHtml(m[0])}">${escapeHtml(m[0])}</span>`;
  } else if (ch === '~') {
    const m = CHANNEL.exec(rest);
    if (!m) return false;
    length = m[0].length;
    html = `<span class="channel-mention" data-channel="${escapeHtml(m[1].toLowerCase())}">~${escapeHtml(m[1])}</span>`;
  } else {
    const m = EMOJI.exec(rest);
    if (!m) return false;
    const name = m[1].toLowerCase();
    const standard = shortcodeHtml(name);
    const custom = standard ? undefined : customEmojiByName(name);
    if (!standard && !custom) return false;
    length = m[0].length;
    html = custom
      ? `<img class="emoji custom-emoji" src="${escapeHtml(customEmojiImageUrl(custom.id))}" alt=":${escapeHtml(name)}:" title=":${escapeHtml(name)}:">`
      : (standard ?? '');
  }
  if (!silent) {
    const token = state.push('html_inline', '', 0);
    token.content = html;
  }
  state.pos += length;
  return true;
}
md.inline.ruler.before('emphasis', 'parley_special', specialInline);
md.core.ruler.push('parley_unicode_emoji', unicodeEmojiRule);

md.renderer.rules.fence = (tokens, idx) => {
  const token = tokens[idx];
  const lang = token.info.trim().split(/\s+/)[0].replace(/[^a-z0-9_+-]/gi, '');
  const cls = lang ? ` class="language-${lang}"` : '';
  return `<pre class="code-block"><code${cls}>${escapeHtml(token.content)}</code></pre>`;
};
md.renderer.rules.table_open = () => '<div class="md-table"><table>';
md.renderer.rules.table_close = () => '</table></div>';

const purifier = DOMPurify(window);
purifier.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A') {
    const href = node.getAttribute('href') ?? '';
    if (!SAFE_URL.test(href)) node.removeAttribute('href');
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
  if (node.tagName === 'IMG') {
    const src = node.getAttribute('src') ?? '';
    if (!/^https?:/i.test(src)) node.removeAttribute('src');
    else node.setAttribute('src', externalImageSrc(src));
    node.setAttribute('loading', 'lazy');
    node.setAttribute('referrerpolicy', 'no-referrer');
  }
});

const PURIFY_CONFIG = {
  ALLOWED_TAGS: [
    'p', 'br', 'strong', 'em', 's', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'h1', 'h2', 'h3', 'h4',
    'h5', 'h6', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'div', 'span', 'img',
  ],
  ALLOWED_ATTR: ['href', 'title', 'class', 'data-mention', 'data-channel', 'data-hashtag', 'start', 'src', 'alt', 'target', 'rel', 'loading', 'referrerpolicy', 'role', 'aria-label'],
  ALLOWED_URI_REGEXP: SAFE_URL,
};

/** Sanitises HTML: scripts, handlers (onerror…), and unsafe URLs come out inert. */
export function sanitize(html: string): string {
  // Fail closed: where DOMPurify cannot run, nothing is rendered as markup.
  if (!purifier.isSupported) return escapeHtml(html.replace(/<[^>]*>/g, ''));
  return purifier.sanitize(html, PURIFY_CONFIG) as unknown as string;
}

const cache = new Map<string, string>();
const CACHE_LIMIT = 2000;
// A message may name a custom emoji that was unknown when it was rendered.
useCustomEmoji.subscribe((next, prev) => {
  if (next.byName !== prev.byName) cache.clear();
});
// `:name:` and Unicode emoji render as text until the emoji data has loaded, then as images.
useEmojiData.subscribe((next, prev) => {
  if (next.index !== prev.index) cache.clear();
});
// Pictures are rendered through the image proxy or not, as the server's config says.
useStore.subscribe((next, prev) => {
  if (next.config.HasImageProxy !== prev.config.HasImageProxy) cache.clear();
});

/** Message markdown -> safe HTML (memoised: the same text renders many times while scrolling). */
export function renderMarkdown(text: string): string {
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const html = sanitize(md.render(text));
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(text, html);
  return html;
}

/** One-line rendering for channel headers and previews (no block elements). */
export function renderInlineMarkdown(text: string): string {
  return sanitize(md.renderInline(text));
}
