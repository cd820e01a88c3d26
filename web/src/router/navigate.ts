import { setState } from '../store/store';

/** Start of a navigation; the channel view measures its first paint from here (see web/bench). */
export const NAVIGATE_MARK = 'parley:navigate';

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  performance.mark(NAVIGATE_MARK);
  const url = new URL(path, window.location.origin);
  const current = `${window.location.pathname}${window.location.search}`;
  if (`${url.pathname}${url.search}` !== current) {
    if (options.replace) window.history.replaceState(null, '', path);
    else window.history.pushState(null, '', path);
  }
  // Routes are matched on the path alone; the query string (redirect_to, invite id) is read where needed.
  setState({ path: url.pathname });
}

export function listenToHistory(): void {
  window.addEventListener('popstate', () => setState({ path: window.location.pathname }));
}
