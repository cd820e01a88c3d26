import { afterEach, describe, expect, it } from 'vitest';
import { focusableElements, tabbableElements, trapFocus, wrapTarget } from '../src/ui/focusTrap';
import { postForKey } from '../src/features/posts/postRoving';
import { contrastRatio, readableOn, readableTextColors } from '../src/features/settings/readableColors';
import { THEMES } from '../src/features/settings/theme';

function dialog(html: string): HTMLElement {
  const el = document.createElement('div');
  el.tabIndex = -1;
  el.innerHTML = html;
  document.body.append(el);
  return el;
}

function pressTab(shiftKey = false): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key: 'Tab', shiftKey, bubbles: true, cancelable: true });
  (document.activeElement ?? document.body).dispatchEvent(event);
  return event;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('focus trap', () => {
  it('lists the controls Tab visits, leaving out tabindex=-1, disabled and hidden ones', () => {
    const el = dialog('<button id="a">a</button><button disabled>b</button><input id="c"><a>no href</a><a id="d" href="#">d</a><span tabindex="-1">e</span><div hidden><button>f</button></div><span id="g" tabindex="0">g</span>');
    expect(tabbableElements(el).map((e) => e.id)).toEqual(['a', 'c', 'd', 'g']);
    expect(focusableElements(el).map((e) => e.id)).toEqual(['a', 'c', 'd', '', 'g']);
  });

  it('wraps only at the edges', () => {
    const [a, b, c] = ['a', 'b', 'c'].map((id) => Object.assign(document.createElement('button'), { id }));
    expect(wrapTarget([a, b, c], c, false)).toBe(a);
    expect(wrapTarget([a, b, c], a, true)).toBe(c);
    expect(wrapTarget([a, b, c], b, false)).toBeNull();
    expect(wrapTarget([a, b, c], b, true)).toBeNull();
    expect(wrapTarget([a, b, c], document.body, false)).toBe(a);
    expect(wrapTarget([a, b, c], document.body, true)).toBe(c);
    expect(wrapTarget([], a, false)).toBeNull();
  });

  it('cycles Tab and Shift+Tab inside the trapped container and pulls stray focus back', () => {
    const outside = dialog('<button id="outside">out</button>');
    const el = dialog('<button id="first">1</button><button id="last">2</button>');
    const release = trapFocus(el);
    el.querySelector<HTMLElement>('#last')?.focus();
    expect(pressTab().defaultPrevented).toBe(true);
    expect(document.activeElement?.id).toBe('first');
    pressTab(true);
    expect(document.activeElement?.id).toBe('last');
    outside.querySelector<HTMLElement>('#outside')?.focus();
    expect(document.activeElement?.id).toBe('first');
    release();
    outside.querySelector<HTMLElement>('#outside')?.focus();
    expect(document.activeElement?.id).toBe('outside');
  });

  it('lets only the most recent trap act, and gives control back when it is released', () => {
    const lower = dialog('<button id="l1">1</button><button id="l2">2</button>');
    const upper = dialog('<button id="u1">1</button><button id="u2">2</button>');
    const releaseLower = trapFocus(lower);
    const releaseUpper = trapFocus(upper);
    upper.querySelector<HTMLElement>('#u2')?.focus();
    pressTab();
    expect(document.activeElement?.id).toBe('u1');
    releaseUpper();
    lower.querySelector<HTMLElement>('#l2')?.focus();
    pressTab();
    expect(document.activeElement?.id).toBe('l1');
    releaseLower();
  });
});

describe('post list keys', () => {
  const posts = ['p1', 'p2', 'p3'].map((id) => Object.assign(document.createElement('article'), { id }));
  it('moves with the arrows, Home and End, and stops at the ends', () => {
    expect(postForKey(posts, posts[1], 'ArrowUp')?.id).toBe('p1');
    expect(postForKey(posts, posts[1], 'ArrowDown')?.id).toBe('p3');
    expect(postForKey(posts, posts[0], 'ArrowUp')).toBeNull();
    expect(postForKey(posts, posts[2], 'ArrowDown')).toBeNull();
    expect(postForKey(posts, posts[1], 'Home')?.id).toBe('p1');
    expect(postForKey(posts, posts[1], 'End')?.id).toBe('p3');
    expect(postForKey(posts, posts[1], 'a')).toBeNull();
  });
});

describe('readable theme colours', () => {
  it('keeps colours that already reach 4.5:1 and nudges the others just past it', () => {
    expect(readableOn('#3f4350', ['#ffffff'])).toBe('#3f4350');
    const link = readableOn('#386fe5', ['#ffffff', '#fff9ec']);
    expect(contrastRatio(link, '#fff9ec')).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(link, '#fff9ec')).toBeLessThan(5);
    // On a dark background it lightens instead.
    const dark = readableOn('#4a5a8a', ['#191b1f']);
    expect(contrastRatio(dark, '#191b1f')).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(dark, '#191b1f')).toBeGreaterThan(contrastRatio('#4a5a8a', '#191b1f'));
  });

  it('makes every built-in theme\'s link and error text readable', () => {
    for (const theme of Object.values(THEMES)) {
      const colors = readableTextColors(theme);
      expect(contrastRatio(colors.linkColor, theme.centerChannelBg), theme.type).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(colors.errorTextColor, theme.centerChannelBg), theme.type).toBeGreaterThanOrEqual(4.5);
    }
  });
});
