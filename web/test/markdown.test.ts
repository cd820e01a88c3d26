import { describe, expect, it } from 'vitest';
import { renderInlineMarkdown, renderMarkdown, sanitize } from '../src/features/markdown/markdown';
import { externalImageSrc } from '../src/features/previews/image_proxy';
import { setState } from '../src/store/store';
import { loadTestEmojiData } from './emojiFixture';

/** Parses rendered HTML into a detached tree so tests can look at real attributes. */
function dom(html: string): HTMLElement {
  const el = document.createElement('div');
  el.innerHTML = html;
  return el;
}

function assertInert(html: string): void {
  const el = dom(html);
  expect(el.querySelectorAll('script, iframe, object, embed, style, svg, math, form').length).toBe(0);
  for (const node of el.querySelectorAll('*')) {
    for (const attr of node.getAttributeNames()) {
      expect(attr.startsWith('on'), `${node.tagName} has ${attr}`).toBe(false);
    }
    for (const attr of ['href', 'src', 'action', 'xlink:href', 'formaction']) {
      const value = node.getAttribute(attr);
      if (value !== null) expect(value).toMatch(/^(https?:|mailto:)/i);
    }
  }
}

describe('markdown rendering', () => {
  it('renders the everyday formatting', () => {
    const el = dom(renderMarkdown('**bold** _it_ ~~gone~~ `code`\n\n> quote\n\n- one\n- two\n\n# Title\n\n| a | b |\n|---|---|\n| 1 | 2 |'));
    expect(el.querySelector('strong')?.textContent).toBe('bold');
    expect(el.querySelector('em')?.textContent).toBe('it');
    expect(el.querySelector('s')?.textContent).toBe('gone');
    expect(el.querySelector('code')?.textContent).toBe('code');
    expect(el.querySelector('blockquote')?.textContent?.trim()).toBe('quote');
    expect(el.querySelectorAll('li')).toHaveLength(2);
    expect(el.querySelector('h1')?.textContent).toBe('Title');
    expect(el.querySelectorAll('td')).toHaveLength(2);
  });

  it('marks fenced code with its language for highlighting and keeps the code as text', () => {
    const el = dom(renderMarkdown('```ts\nconst a = "<b>";\n```'));
    const code = el.querySelector('pre.code-block code');
    expect(code?.className).toBe('language-ts');
    expect(code?.textContent).toBe('const a = "<b>";\n');
    expect(el.querySelector('b')).toBeNull();
  });

  it('opens links in a new tab without handing over window.opener', () => {
    const a = dom(renderMarkdown('[site](https://example.com) and https://auto.example.org')).querySelectorAll('a');
    expect(a).toHaveLength(2);
    for (const link of a) {
      expect(link.getAttribute('target')).toBe('_blank');
      expect(link.getAttribute('rel')).toContain('noopener');
    }
    expect(a[1].getAttribute('href')).toBe('https://auto.example.org');
  });

  it('turns @mentions, ~channels and :emoji: into their own elements', () => {
    loadTestEmojiData();
    const el = dom(renderMarkdown('hi @ana.b, see ~town-square :tada: but not mail@host.com or :nope:'));
    expect(el.querySelector('[data-mention]')?.getAttribute('data-mention')).toBe('ana.b');
    expect(el.querySelectorAll('[data-mention]')).toHaveLength(1);
    expect(el.querySelector('[data-channel]')?.getAttribute('data-channel')).toBe('town-square');
    expect(el.querySelector('.emoji')?.textContent).toBe('🎉');
    expect(el.textContent).toContain(':nope:');
  });

  it('keeps inline rendering to one line for headers', () => {
    const el = dom(renderInlineMarkdown('**Release** [notes](https://example.com)'));
    expect(el.querySelector('p')).toBeNull();
    expect(el.querySelector('strong')).not.toBeNull();
  });
});

describe('hostile markdown comes out inert', () => {
  const attacks: Array<[string, string]> = [
    ['script tag', '<script>alert(1)</script>'],
    ['img onerror', '<img src=x onerror=alert(1)>'],
    ['svg onload', '<svg onload=alert(1)><circle/></svg>'],
    ['javascript: link', '[click](javascript:alert(1))'],
    ['encoded javascript: link', '[click](jav&#x61;script:alert(1))'],
    ['javascript: link with spaces', '[click]( javascript:alert(1) )'],
    ['vbscript: link', '[x](vbscript:msgbox(1))'],
    ['data: link', '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
    ['data: image', '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)'],
    ['markdown image with onerror in title', '![a" onerror="alert(1)](https://example.com/x.png "t\\" onerror=\\"alert(1)")'],
    ['iframe', '<iframe src="https://evil.example"></iframe>'],
    ['autolink javascript', '<javascript:alert(1)>'],
    ['html in mention position', '@<img src=x onerror=alert(1)>'],
    ['style injection', '<style>body{display:none}</style>'],
    ['form', '<form action="https://evil.example"><button>go</button></form>'],
  ];
  it.each(attacks)('%s', (_name, input) => {
    assertInert(renderMarkdown(input));
    assertInert(renderInlineMarkdown(input));
  });

  it('escapes raw HTML into visible text rather than dropping the words', () => {
    const el = dom(renderMarkdown('<b>not bold</b>'));
    expect(el.querySelector('b')).toBeNull();
    expect(el.textContent).toContain('<b>not bold</b>');
  });

  it('strips handlers and unsafe URLs from HTML given straight to the sanitiser', () => {
    const html = sanitize('<a href="javascript:alert(1)" onclick="x()">a</a><img src="data:image/png;base64,AAAA" onerror="x()"><p onmouseover="x()">p</p>');
    assertInert(html);
    expect(dom(html).querySelector('a')?.hasAttribute('href')).toBe(false);
  });
});

describe('pictures from other sites', () => {
  it('load from the site itself, or through the server image proxy when the server has one', () => {
    const text = '![chart](http://charts.example.com/q3.png?a=1&b=2) ![mine](https://example.org/x.png)';
    const direct = [...dom(renderMarkdown(text)).querySelectorAll('img')].map((img) => img.getAttribute('src'));
    expect(direct).toEqual(['http://charts.example.com/q3.png?a=1&b=2', 'https://example.org/x.png']);

    setState({ config: { HasImageProxy: 'true' } });
    const proxied = [...dom(renderMarkdown(text)).querySelectorAll('img')].map((img) => img.getAttribute('src'));
    expect(proxied).toEqual([
      `${window.location.origin}/api/v4/image?url=${encodeURIComponent('http://charts.example.com/q3.png?a=1&b=2')}`,
      `${window.location.origin}/api/v4/image?url=${encodeURIComponent('https://example.org/x.png')}`,
    ]);
    expect(externalImageSrc(`${window.location.origin}/api/v4/emoji/abc/image`)).toBe(`${window.location.origin}/api/v4/emoji/abc/image`);
    setState({ config: {} });
  });
});
