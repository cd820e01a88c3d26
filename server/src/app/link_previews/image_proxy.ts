import { AppError } from '../../model/errors.js';
import { OutboundError } from '../../outbound/outbound_http.js';
import type { Actor } from '../actor.js';
import { ConcurrencyLimit } from '../concurrency_limit.js';
import type { AppDeps } from '../deps.js';
import { sniffImageFormat, type ImageFormat } from '../pictures/images.js';
import { imageProxyEnabled } from './image_proxy_setting.js';

/** Big enough for any picture a message shows, small enough that a few at once cost little memory. */
const MAX_PROXIED_BYTES = 10 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 10_000;
/** Fetches at once per node: what proxied pictures can make the server hold is bounded by this many times the cap. */
const CONCURRENT_FETCHES = 8;

const CONTENT_TYPES: Record<ImageFormat, string> = { png: 'image/png', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' };

/** What GET /image answers: the picture itself, or where to find it. */
export type ProxiedImage = { kind: 'image'; contentType: string; body: Buffer } | { kind: 'redirect'; url: string };

const badUrl = (): AppError => new AppError('api.image.get.app_error', 'The image URL is not valid.', 400);
const notFetched = (why: string): AppError => new AppError('api.image.get.app_error', `The image could not be fetched: ${why}.`, 404);

/**
 * Mattermost's local image proxy (ImageProxySettings, type `local`): the server fetches a picture a message or a link
 * preview shows, so readers' browsers never contact the site (their addresses stay private, and an http: picture
 * shows on an https: page). Fetched through the guarded outbound client, so no internal address is reachable, and
 * answered only when its bytes are a PNG, JPEG, GIF or WebP, under its own type: nothing else is ever served here.
 */
export class ImageProxyService {
  private readonly slots = new ConcurrencyLimit(CONCURRENT_FETCHES);

  constructor(private readonly deps: AppDeps) {}

  /** GET /image?url=: the picture when the proxy is on and it is elsewhere, else a redirect to it (as Mattermost does). */
  async image(_actor: Actor, rawUrl: string): Promise<ProxiedImage> {
    const { document } = this.deps.liveConfig;
    const siteUrl = document.ServiceSettings.SiteURL;
    const site = siteUrl && URL.canParse(siteUrl) ? new URL(siteUrl) : undefined;
    const url = absoluteHttpUrl(rawUrl, site);
    if (!imageProxyEnabled(document) || url.host === site?.host) return { kind: 'redirect', url: url.href };
    const response = await this.slots.run(() => this.deps.outbound.fetchGuarded(url.href, {
      allowedHosts: document.ServiceSettings.AllowedUntrustedInternalConnections ?? '',
      timeoutMs: FETCH_TIMEOUT_MS, maxBytes: MAX_PROXIED_BYTES, accept: 'image/png,image/jpeg,image/gif,image/webp,image/*;q=0.8',
    })).catch((err: unknown) => {
      if (err instanceof OutboundError && err.reason === 'forbidden_address') {
        throw new AppError('api.image.get.app_error', 'The image is on an address this server may not reach.', 403);
      }
      throw notFetched(err instanceof OutboundError ? err.reason : 'network');
    });
    if (response.status !== 200) throw notFetched(`the site answered ${response.status}`);
    if (response.truncated) throw notFetched('it is larger than 10 MiB');
    const format = sniffImageFormat(response.body);
    if (!format) throw notFetched('it is not a PNG, JPEG, GIF or WebP picture');
    return { kind: 'image', contentType: CONTENT_TYPES[format], body: response.body };
  }
}

/** The URL to fetch: absolute http(s), or a scheme-relative or relative one taken against the site URL. */
function absoluteHttpUrl(raw: string, site: URL | undefined): URL {
  const url = URL.canParse(raw, site) ? new URL(raw, site) : undefined;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) throw badUrl();
  return url;
}
