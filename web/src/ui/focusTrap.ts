/** Keeping keyboard focus inside a dialog: which elements take Tab, and where Tab goes from the edges. */

const FOCUSABLE = [
  'a[href]',
  'area[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  'iframe',
  'audio[controls]',
  'video[controls]',
  '[contenteditable]:not([contenteditable="false"])',
  '[tabindex]',
].join(',');

/** Hidden elements take no focus; layout-free environments (tests without CSS) count everything as shown. */
function isShown(el: HTMLElement): boolean {
  if (el.closest('[hidden], [inert]')) return false;
  if (typeof el.checkVisibility === 'function') return el.checkVisibility({ visibilityProperty: true });
  return true;
}

/** The elements of `container` in the Tab order when shown (tabindex="-1" left out), in document order. */
export function focusableElements(container: ParentNode): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.tabIndex >= 0);
}

/** The elements of `container` that Tab visits now, in document order (tabindex="-1" and hidden ones left out). */
export function tabbableElements(container: ParentNode): HTMLElement[] {
  return focusableElements(container).filter(isShown);
}

/**
 * Where Tab (or Shift+Tab) from `current` must go so focus cycles within `elements`, or null when the browser's own
 * move stays inside. Focus on something that is not one of them (the dialog itself) enters at the first or last one.
 */
export function wrapTarget(elements: HTMLElement[], current: Element | null, backwards: boolean): HTMLElement | null {
  if (elements.length === 0) return null;
  const first = elements[0];
  const last = elements[elements.length - 1];
  const index = current ? elements.indexOf(current as HTMLElement) : -1;
  if (index < 0) return backwards ? last : first;
  if (backwards && index === 0) return last;
  if (!backwards && index === elements.length - 1) return first;
  return null;
}

const openTraps: HTMLElement[] = [];

/**
 * Traps Tab and Shift+Tab inside `container` until the returned function is called. Only the most recently trapped
 * container is active, so a dialog opened from a dialog takes over and gives the trap back when it closes. Focus that
 * lands outside the active container (a click on the page behind, a script) is brought back in.
 */
export function trapFocus(container: HTMLElement): () => void {
  openTraps.push(container);
  const isActive = (): boolean => openTraps[openTraps.length - 1] === container;
  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.key !== 'Tab' || e.defaultPrevented || !isActive()) return;
    const target = wrapTarget(tabbableElements(container), document.activeElement, e.shiftKey);
    if (target) {
      e.preventDefault();
      target.focus();
    } else if (tabbableElements(container).length === 0) {
      e.preventDefault();
      container.focus();
    }
  };
  const onFocusIn = (e: FocusEvent): void => {
    const target = e.target as Node | null;
    if (!isActive() || !target || container.contains(target)) return;
    // Menus and popovers a dialog opens into a portal of their own sit outside it and may keep focus.
    if (target instanceof Element && target.closest('[role="menu"], [role="listbox"], .popover')) return;
    (tabbableElements(container)[0] ?? container).focus();
  };
  document.addEventListener('keydown', onKeyDown);
  document.addEventListener('focusin', onFocusIn);
  return () => {
    document.removeEventListener('keydown', onKeyDown);
    document.removeEventListener('focusin', onFocusIn);
    const index = openTraps.lastIndexOf(container);
    if (index >= 0) openTraps.splice(index, 1);
  };
}
