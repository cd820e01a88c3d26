import { getState } from '../../store/store';

/**
 * Where to load a picture from another site: through the server's image proxy when it has one (the client config's
 * HasImageProxy), so the reader's browser never contacts that site, as Mattermost's web app does; else the site.
 */
export function externalImageSrc(url: string): string {
  if (getState().config.HasImageProxy !== 'true' || !URL.canParse(url)) return url;
  const parsed = new URL(url);
  if (parsed.origin === window.location.origin || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) return url;
  return `${window.location.origin}/api/v4/image?url=${encodeURIComponent(parsed.href)}`;
}
