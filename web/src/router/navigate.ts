import { setState } from '../store/store';

export function navigate(path: string, options: { replace?: boolean } = {}): void {
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
