import { describe, expect, it } from 'vitest';
import { firstLink, isPermalink, isRestricted } from '../../src/app/link_previews/first_link.js';
import { OpenGraphReader } from '../../src/app/link_previews/open_graph.js';

describe('firstLink', () => {
  it('takes the first http(s) or www. link, without the punctuation that ends a sentence', () => {
    expect(firstLink('see https://example.com/a, and http://example.org')).toBe('https://example.com/a');
    expect(firstLink('(at https://example.com/wiki/A_(b)).')).toBe('https://example.com/wiki/A_(b)');
    expect(firstLink('[docs](https://example.com/docs) here')).toBe('https://example.com/docs');
    expect(firstLink('<https://example.com/x>')).toBe('https://example.com/x');
    expect(firstLink('go to www.example.com!')).toBe('http://www.example.com');
    expect(firstLink('nothing here')).toBeUndefined();
    expect(firstLink('http:// alone')).toBeUndefined();
  });

  it('ignores links in inline code, fenced and indented blocks', () => {
    expect(firstLink('`https://a.example` then https://b.example')).toBe('https://b.example');
    expect(firstLink('```\nhttps://a.example\n```\nhttps://b.example')).toBe('https://b.example');
    expect(firstLink('~~~js\nhttps://a.example\n~~~\ntext')).toBeUndefined();
    expect(firstLink('    https://a.example\nplain https://b.example')).toBe('https://b.example');
  });

  it('knows permalinks to this server and restricted domains', () => {
    const id = 'a'.repeat(26);
    expect(isPermalink(`https://chat.example.com/team/pl/${id}`, 'https://chat.example.com')).toBe(true);
    expect(isPermalink(`https://chat.example.com/sub/team/pl/${id}`, 'https://chat.example.com/sub/')).toBe(true);
    expect(isPermalink(`https://other.example.com/team/pl/${id}`, 'https://chat.example.com')).toBe(false);
    expect(isPermalink('https://chat.example.com/team/channels/town-square', 'https://chat.example.com')).toBe(false);
    expect(isRestricted('https://cdn.tracker.example/x', 'tracker.example, other.example')).toBe(true);
    expect(isRestricted('https://tracker.example/x', 'tracker.example')).toBe(true);
    expect(isRestricted('https://nottracker.example/x', 'tracker.example')).toBe(false);
    expect(isRestricted('https://example.com', '')).toBe(false);
  });
});

function read(html: string, url = 'https://site.example/page'): ReturnType<OpenGraphReader['result']> {
  const reader = new OpenGraphReader(url);
  // Fed in small chunks, as a page arrives.
  for (let i = 0; i < html.length; i += 7) if (reader.write(Buffer.from(html.slice(i, i + 7)))) break;
  return reader.result();
}

describe('OpenGraphReader', () => {
  it('reads og tags, the first image with its properties, and resolves relative URLs', () => {
    expect(read(`<html><head><meta property="og:title" content="T &amp; U"><meta property="og:type" content="video">
      <meta property="og:image" content="/a.png"><meta property="og:image:secure_url" content="https://cdn.example/a.png">
      <meta property="og:image:width" content="640"><meta property="og:image:height" content="nope">
      <meta property="og:image" content="/b.png"><meta property="og:url" content="javascript:alert(1)"></head></html>`)).toEqual({
      type: 'video', title: 'T & U', url: 'https://site.example/page',
      images: [{ url: 'https://site.example/a.png', secure_url: 'https://cdn.example/a.png', width: 640 }],
    });
  });

  it('falls back to twitter tags, the description and the title element', () => {
    expect(read('<head><title> Page  title </title><meta name="twitter:description" content="D"><meta name="twitter:image" content="i.png"></head>'))
      .toEqual({ type: 'website', title: 'Page title', description: 'D', url: 'https://site.example/page', images: [{ url: 'https://site.example/i.png' }] });
    expect(read('<head><meta name="twitter:title" content="TT"><meta name="description" content="plain"></head>'))
      .toMatchObject({ title: 'TT', description: 'plain' });
  });

  it('stops at the end of the head and cuts long texts', () => {
    const reader = new OpenGraphReader('https://site.example/');
    expect(reader.write(Buffer.from(`<head><title>${'x'.repeat(500)}</title></head>`))).toBe(true);
    expect(reader.write(Buffer.from('<meta property="og:title" content="in the body">'))).toBe(true);
    const result = reader.result();
    expect(result?.title).toHaveLength(300);
    expect(result?.title?.endsWith('...')).toBe(true);
    expect(read('<html><body><meta property="og:title" content="body only"></body></html>')).toBeUndefined();
  });
});
