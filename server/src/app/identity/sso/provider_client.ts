import * as oidc from 'openid-client';
import { discoveryUrl, endpointMissing, type SsoService, type SsoSettings } from './sso_settings.js';

/** Seconds any request to a provider may take (discovery, token, userinfo, JWKS). */
export const PROVIDER_TIMEOUT_SECONDS = 10;
/** How long a discovered configuration is reused before the document is fetched again (keys rotate, settings change). */
const CACHE_MS = 5 * 60_000;

/**
 * Why a provider could not be used: its discovery document or an endpoint did not answer, or answered nonsense.
 * `cause` keeps the library's error for the log.
 */
export class ProviderUnavailable extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
  }
}

/**
 * openid-client refuses plain HTTP. It is allowed only when the admin configured an http:// address themselves (a
 * provider on the same host or a private network, and the tests' loopback provider); https:// stays enforced for
 * everything else, including every address a discovery document names.
 */
const isHttp = (url: string): boolean => url.startsWith('http://');

function parseUrl(service: SsoService, value: string, what: string): URL {
  try {
    const url = new URL(value);
    if (url.protocol === 'https:' || url.protocol === 'http:') return url;
  } catch {
    // reported below
  }
  throw endpointMissing(service, `${what} is not an http(s) URL`);
}

/**
 * The openid-client configuration for one service: discovered from its OpenID Connect document, or put together from
 * the three classic OAuth 2.0 endpoints. Requests go out through the global fetch, not the guarded outbound client:
 * these addresses come from a system admin's settings, not from users, and identity providers are often internal.
 */
export class ProviderClients {
  private readonly cache = new Map<string, { config: Promise<oidc.Configuration>; until: number }>();

  async configuration(service: SsoService, settings: SsoSettings): Promise<oidc.Configuration> {
    const key = JSON.stringify([service, settings.id, settings.secret, settings.discoveryEndpoint, settings.authEndpoint, settings.tokenEndpoint, settings.userApiEndpoint, settings.scope, settings.directoryId]);
    const cached = this.cache.get(key);
    if (cached && cached.until > Date.now()) return cached.config;
    const config = this.build(service, settings);
    this.cache.set(key, { config, until: Date.now() + CACHE_MS });
    // A failed discovery is not kept: the next sign-in tries again.
    config.catch(() => this.cache.delete(key));
    for (const [other, entry] of this.cache) if (entry.until <= Date.now()) this.cache.delete(other);
    return config;
  }

  private async build(service: SsoService, settings: SsoSettings): Promise<oidc.Configuration> {
    if (!settings.id) throw endpointMissing(service, 'no client id');
    const discovery = discoveryUrl(service, settings);
    if (discovery) return discover(service, settings, discovery);
    if (service === 'openid') throw endpointMissing(service, 'no discovery endpoint');
    if (!settings.authEndpoint || !settings.tokenEndpoint || !settings.userApiEndpoint) {
      throw endpointMissing(service, 'the authorization, token and user API endpoints are required');
    }
    const urls = [settings.authEndpoint, settings.tokenEndpoint, settings.userApiEndpoint];
    const [authorization, token] = urls.map((url, i) => parseUrl(service, url, ['the authorization endpoint', 'the token endpoint', 'the user API endpoint'][i]));
    const config = new oidc.Configuration(
      // Classic OAuth has no issuer; the token endpoint's origin stands in (nothing checks it without an ID token).
      { issuer: token.origin, authorization_endpoint: authorization.href, token_endpoint: token.href },
      settings.id, settings.secret,
    );
    config.timeout = PROVIDER_TIMEOUT_SECONDS;
    if (urls.some(isHttp)) oidc.allowInsecureRequests(config);
    return config;
  }
}

/** Fetches and checks a discovery document (issuer, endpoints), answering ProviderUnavailable when it cannot. */
export async function discover(service: SsoService, settings: Pick<SsoSettings, 'id' | 'secret'>, discovery: string): Promise<oidc.Configuration> {
  const url = parseUrl(service, discovery, 'the discovery endpoint');
  try {
    const config = await oidc.discovery(url, settings.id || 'parley-test', settings.secret, undefined, {
      timeout: PROVIDER_TIMEOUT_SECONDS,
      ...(isHttp(url.href) ? { execute: [oidc.allowInsecureRequests] } : {}),
    });
    const metadata = config.serverMetadata();
    if (!metadata.authorization_endpoint || !metadata.token_endpoint) {
      throw new ProviderUnavailable('The discovery document names no authorization or token endpoint.');
    }
    return config;
  } catch (err) {
    if (err instanceof ProviderUnavailable) throw err;
    throw new ProviderUnavailable(`The discovery document at ${url.href} could not be used: ${describe(err)}`, err);
  }
}

/** A short, safe description of a library or network error (never a secret: none is in these messages). */
export function describe(err: unknown): string {
  if (!(err instanceof Error)) return 'unknown error';
  const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return `no answer within ${PROVIDER_TIMEOUT_SECONDS} seconds`;
  // A provider's OAuth error (invalid_grant when a PKCE verifier does not match, say) says more than the library's message.
  const oauth = err as { error?: unknown; error_description?: unknown };
  const code = typeof oauth.error === 'string' ? ` (${oauth.error}${typeof oauth.error_description === 'string' ? `: ${oauth.error_description}` : ''})` : '';
  return `${err.message}${code}${cause}`.slice(0, 300);
}
