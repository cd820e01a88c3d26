import { useSyncExternalStore } from 'react';
import { create } from 'zustand';

/** Below this width the sidebars leave the page and live in a drawer (mobile.css uses the same number). */
const PHONE_QUERY = '(max-width: 767px)';

/** Whether the sidebar drawer is open; only phone-width layouts have one. */
export const useDrawer = create<{ open: boolean }>(() => ({ open: false }));

export function openDrawer(): void {
  useDrawer.setState({ open: true });
}

export function closeDrawer(): void {
  useDrawer.setState({ open: false });
}

function subscribePhone(onChange: () => void): () => void {
  const query = window.matchMedia(PHONE_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/** True while the window is phone-narrow (the layout mobile.css switches to). */
export function usePhoneLayout(): boolean {
  return useSyncExternalStore(subscribePhone, () => window.matchMedia(PHONE_QUERY).matches, () => false);
}

/**
 * Whether moving from `before` to `after` is choosing somewhere to read in the same team (a channel,
 * a DM, Threads), which closes the drawer. Switching team, and the redirect from `/team` to its
 * channel, keep it open: the new team's channels are what one picks next.
 */
export function choseDestination(before: string, after: string): boolean {
  const [, teamBefore, ...restBefore] = before.split('/');
  const [, teamAfter] = after.split('/');
  return before !== after && teamBefore === teamAfter && restBefore.some(Boolean);
}
