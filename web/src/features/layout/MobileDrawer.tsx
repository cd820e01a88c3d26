import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { getState, useStore } from '../../store/store';
import { useT } from '../../i18n/useT';
import { Icon } from '../../ui/icons';
import { choseDestination, closeDrawer, openDrawer, useDrawer, usePhoneLayout } from './drawer';

const DRAWER_ID = 'sidebar-drawer';
const TOGGLE_ID = 'drawer-toggle';
const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select, textarea, [tabindex]:not([tabindex="-1"])';

/** The hamburger in the channel header that opens the sidebar drawer; shown at phone width only (mobile.css). */
export function DrawerToggle() {
  const t = useT();
  const open = useDrawer((s) => s.open);
  return (
    <button
      type="button"
      id={TOGGLE_ID}
      className="icon-button drawer-toggle"
      aria-label={t('layout.openSidebar')}
      title={t('layout.openSidebar')}
      aria-expanded={open}
      aria-controls={DRAWER_ID}
      onClick={openDrawer}
    >
      <Icon name="menu" size={20} />
    </button>
  );
}

/** Closing by the user (Esc, the scrim, the close button) hands focus back to the button that opened the drawer. */
function dismiss(): void {
  closeDrawer();
  document.getElementById(TOGGLE_ID)?.focus();
}

/** Choosing a channel, a DM or Threads closes the drawer, wherever the choice was made (the sidebar, a dialog, Ctrl+K). */
function useCloseOnNavigation(): void {
  const path = useStore((s) => s.path);
  const previous = useRef(path);
  useEffect(() => {
    if (choseDestination(previous.current, path)) closeDrawer();
    previous.current = path;
  }, [path]);
}

/** Keeps Tab inside the open drawer, as in a dialog: the page behind it is covered. */
function trapTab(e: KeyboardEvent<HTMLDivElement>): void {
  if (e.key !== 'Tab') return;
  const focusable = [...e.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null);
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (!first || !last) return;
  if (e.shiftKey && document.activeElement === first) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && document.activeElement === last) {
    e.preventDefault();
    first.focus();
  }
}

/**
 * Holds the team and channel sidebars. On wide screens it is layout-neutral (`display: contents`);
 * at phone width it is an off-canvas panel over the page with a scrim, opened by DrawerToggle.
 */
export function MobileDrawer({ children }: { children: ReactNode }) {
  const t = useT();
  const phone = usePhoneLayout();
  const open = useDrawer((s) => s.open) && phone;
  const panel = useRef<HTMLDivElement>(null);
  useCloseOnNavigation();

  useEffect(() => {
    if (!phone) closeDrawer();
  }, [phone]);

  useEffect(() => {
    if (!open) return;
    const current = panel.current?.querySelector<HTMLElement>('[aria-current="page"]');
    (current ?? panel.current?.querySelector<HTMLElement>(FOCUSABLE))?.focus();
    const onKey = (e: globalThis.KeyboardEvent): void => {
      // Menus and dialogs above the drawer handle their own Esc (and stop it before it gets here).
      if (e.key !== 'Escape' || getState().modal) return;
      // Ours alone: the workspace's Esc would also mark the channel read.
      e.stopPropagation();
      dismiss();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);

  return (
    <>
      <div
        id={DRAWER_ID}
        ref={panel}
        className={`drawer ${open ? 'open' : ''}`}
        role={open ? 'dialog' : undefined}
        aria-modal={open || undefined}
        aria-label={open ? t('layout.sidebar') : undefined}
        onKeyDown={open ? trapTab : undefined}
      >
        {children}
        {open && (
          <button type="button" className="icon-button drawer-close" aria-label={t('layout.closeSidebar')} title={t('layout.closeSidebar')} onClick={dismiss}>
            <Icon name="close" />
          </button>
        )}
      </div>
      {open && <div className="drawer-scrim" aria-hidden="true" onClick={dismiss} />}
    </>
  );
}
