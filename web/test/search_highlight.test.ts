import { describe, expect, it } from 'vitest';
import { highlightHtml, splitMatches } from '../src/features/search/highlight';
import { renderMarkdown } from '../src/features/markdown/markdown';

const marked = (text: string, words: string[]): string[] => splitMatches(text, words).filter((s) => s.match).map((s) => s.text);

function dom(html: string): HTMLElement {
  const el = document.createElement('div');
  el.innerHTML = html;
  return el;
}

describe('search highlighting', () => {
  it('marks whole words, case-insensitively, and keeps the text intact', () => {
    const segments = splitMatches('Launch the launcher at LAUNCH time', ['launch']);
    expect(segments.map((s) => s.text).join('')).toBe('Launch the launcher at LAUNCH time');
    expect(segments.filter((s) => s.match).map((s) => s.text)).toEqual(['Launch', 'LAUNCH']);
  });

  it('extends prefix* matches to the end of the word', () => {
    expect(marked('deploy deployment redeploy', ['deploy*'])).toEqual(['deploy', 'deployment']);
  });

  it('matches phrases across any spacing, preferring them over their own words', () => {
    expect(marked('the big  launch, a big day', ['big launch', 'big'])).toEqual(['big  launch', 'big']);
  });

  it('ignores accents both ways and cuts the original characters', () => {
    expect(marked('Un café à Zürich', ['cafe', 'zurich'])).toEqual(['café', 'Zürich']);
    expect(marked('a cafe here', ['café'])).toEqual(['cafe']);
  });

  it('marks hashtags and @mentions with their sign, and CJK inside a run', () => {
    expect(marked('see #release and #releases', ['#release'])).toEqual(['#release']);
    expect(marked('ping @ana and @anabel', ['@ana'])).toEqual(['@ana']);
    expect(marked('我们明天发布新版本', ['发布'])).toEqual(['发布']);
  });

  it('treats regex characters in words literally', () => {
    expect(marked('costs (a+b) and ab', ['(a+b)'])).toEqual(['(a+b)']);
    expect(marked('nothing here', ['.*'])).toEqual([]);
  });

  it('wraps matches of rendered markdown in <mark> without creating markup from text', () => {
    const html = highlightHtml(renderMarkdown('**Launch** day: <img src=x onerror=alert(1)> launch'), ['launch']);
    const el = dom(html);
    expect([...el.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['Launch', 'launch']);
    expect(el.querySelector('strong mark')?.textContent).toBe('Launch');
    expect(el.querySelector('img')).toBeNull();
    expect(el.textContent).toContain('<img src=x onerror=alert(1)>');
  });

  it('keeps a word that looks like markup as text when it matches', () => {
    const html = highlightHtml(renderMarkdown('say <b>hi</b> now'), ['<b>hi</b>']);
    const el = dom(html);
    expect(el.querySelector('b')).toBeNull();
    expect(el.querySelector('mark')?.textContent).toBe('<b>hi</b>');
  });

  it('returns the HTML unchanged when there is nothing to mark', () => {
    const html = renderMarkdown('plain words');
    expect(highlightHtml(html, [])).toBe(html);
    expect(highlightHtml(html, ['absent'])).toBe(html);
  });
});
