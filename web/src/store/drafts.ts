import { getState, setState, useStore } from './store';

const key = (userId: string): string => `parley:drafts:${userId}`;

/** Forgets a user's saved drafts (logout on a shared computer). */
export function clearSavedDrafts(userId: string): void {
  localStorage.removeItem(key(userId));
}

/** Keeps unsent drafts in localStorage per user, so they survive a reload. */
export function persistDrafts(): void {
  let userId = '';
  let timer: ReturnType<typeof setTimeout> | null = null;
  useStore.subscribe((state, prev) => {
    const me = state.me?.id ?? '';
    if (me !== userId) {
      userId = me;
      if (me) {
        try {
          const saved = JSON.parse(localStorage.getItem(key(me)) ?? '{}') as Record<string, string>;
          setState({ drafts: { ...saved, ...getState().drafts } });
        } catch {
          localStorage.removeItem(key(me));
        }
      }
      return;
    }
    if (!me || state.drafts === prev.drafts) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      const nonEmpty = Object.fromEntries(Object.entries(getState().drafts).filter(([, text]) => text.trim()));
      localStorage.setItem(key(me), JSON.stringify(nonEmpty));
    }, 300);
  });
}
