import { useLayoutEffect, type RefObject } from 'react';
import { focusableElements } from './focusTrap';

/** Remembers an element's own tabindex ('' for none) while it is taken out of the Tab order. */
const SAVED = 'data-saved-tabindex';

function takeOut(root: HTMLElement): void {
  // Only elements back in the Tab order come up here: new ones, or ones whose tabindex React just set again.
  for (const el of focusableElements(root)) {
    el.setAttribute(SAVED, el.getAttribute('tabindex') ?? '');
    el.tabIndex = -1;
  }
}

function putBack(root: HTMLElement): void {
  for (const el of root.querySelectorAll<HTMLElement>(`[${SAVED}]`)) {
    const saved = el.getAttribute(SAVED) ?? '';
    el.removeAttribute(SAVED);
    if (saved === '') el.removeAttribute('tabindex');
    else el.setAttribute('tabindex', saved);
  }
}

/**
 * Keeps the controls inside `ref` out of the Tab order unless `enabled`, including ones rendered later (reactions,
 * previews, re-rendered markdown). They stay clickable and focusable by script; the container itself is untouched.
 */
export function useInnerTabStops(ref: RefObject<HTMLElement | null>, enabled: boolean): void {
  useLayoutEffect(() => {
    const root = ref.current;
    if (!root) return;
    if (enabled) {
      putBack(root);
      return;
    }
    takeOut(root);
    const observer = new MutationObserver(() => takeOut(root));
    observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['tabindex'] });
    return () => observer.disconnect();
  }, [ref, enabled]);
}
