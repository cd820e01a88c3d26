import { navigate } from '../../router/navigate';

export type GotoTarget = { kind: 'app'; path: string } | { kind: 'external'; url: string };

/**
 * Where a command's `goto_location` leads: a path of this app (relative, or an absolute URL on this origin or the
 * site URL) is followed in place; anything else opens in a new tab. Only http(s) is followed at all.
 */
export function gotoTarget(location: string, origin: string, siteUrl = ''): GotoTarget | null {
  let url: URL;
  try {
    url = new URL(location, origin);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const site = siteUrl.replace(/\/+$/, '');
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (url.origin === origin) return { kind: 'app', path };
  if (site && url.href.startsWith(`${site}/`)) {
    const sitePath = new URL(site).pathname.replace(/\/+$/, '');
    return { kind: 'app', path: path.slice(sitePath.length) || '/' };
  }
  return { kind: 'external', url: url.href };
}

export function followGotoLocation(location: string, siteUrl: string): void {
  const target = gotoTarget(location, window.location.origin, siteUrl);
  if (target?.kind === 'app') navigate(target.path);
  else if (target?.kind === 'external') window.open(target.url, '_blank', 'noopener,noreferrer');
}
