import { getState } from '../../store/store';
import { safeHttpUrl } from './embed';

/**
 * Where to load a picture from another site: through the server's image proxy when it has one (the client config's
 * HasImageProxy), so the reader's browser never contacts that site, as Mattermost's web app does; else the site.
 */
export function externalImageSrc(url: string): string {
  if (getState().config.HasImageProxy !== 'true') return url;
  const href = safeHttpUrl(url);
  if (!href || new URL(href).origin === window.location.origin) return url;
  return `${window.location.origin}/api/v4/image?url=${encodeURIComponent(href)}`;
}
