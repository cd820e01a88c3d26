import { setState } from '../store/store';

/** Start of a navigation; the channel view measures its first paint from here (see web/bench). */
export const NAVIGATE_MARK = 'parley:navigate';

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  performance.mark(NAVIGATE_MARK);
  if (path === window.location.pathname) {
    setState({ path });
    return;
  }
  if (options.replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  setState({ path });
}

export function listenToHistory(): void {
  window.addEventListener('popstate', () => setState({ path: window.location.pathname }));
}
