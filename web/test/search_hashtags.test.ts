import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../src/features/markdown/markdown';

function hashtags(text: string): string[] {
  const el = document.createElement('div');
  el.innerHTML = renderMarkdown(text);
  return [...el.querySelectorAll<HTMLElement>('[data-hashtag]')].map((h) => h.dataset.hashtag ?? '');
}

describe('hashtags in messages', () => {
  it('renders Mattermost hashtags as clickable spans', () => {
    expect(hashtags('shipping #release-2 and #café today')).toEqual(['#release-2', '#café']);
  });

  it('needs a leading letter, three characters and no word before the #', () => {
    expect(hashtags('#ab #1abc issue#abc # heading')).toEqual([]);
  });

  it('leaves trailing punctuation out and ignores code and links', () => {
    expect(hashtags('done: #launch.')).toEqual(['#launch']);
    expect(hashtags('`#notatag` https://example.com/#anchor')).toEqual([]);
  });

  it('escapes what it renders', () => {
    const el = document.createElement('div');
    el.innerHTML = renderMarkdown('#tag"><img src=x onerror=alert(1)>');
    expect(el.querySelector('img')).toBeNull();
    expect(el.querySelector('[data-hashtag]')?.getAttribute('data-hashtag')).toBe('#tag');
  });
});
