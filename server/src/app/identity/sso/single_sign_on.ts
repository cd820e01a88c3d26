import * as oidc from 'openid-client';
import { ssoSignIns } from '../../../metrics/registry.js';
import { AppError, badUrlParam } from '../../../model/errors.js';
import type { SealedBox } from '../../admin/sealed_box.js';
import type { AppDeps } from '../../deps.js';
import type { Permissions } from '../../permissions.js';
import type { LoginResult } from '../sign_in.js';
import type { ExternalAccounts, ExternalProfile } from '../external_accounts.js';
import { safeRedirectPath } from '../redirect_path.js';
import { SsoConnectionTest } from './connection_test.js';
import { oauthProfile, openIdProfile } from './profiles.js';
import { describe, ProviderClients, ProviderUnavailable } from './provider_client.js';
import { isOpenIdConnect, isSsoService, parseSsoSettings, savedSection, unsupported, type SsoService, type SsoSettings } from './sso_settings.js';

/** Mattermost's name for the cookie that carries a sign-in from its start to the provider's callback. */
export const SSO_COOKIE = 'MMOAUTH';
/** How long a person has to sign in at the provider. */
export const SSO_COOKIE_SECONDS = 10 * 60;

export type SsoAction = 'login' | 'signup';

/** What the sealed cookie holds: everything the callback checks, so any node of a cluster can finish the sign-in. */
interface PendingSignIn {
  service: SsoService;
  state: string;
  nonce: string;
  verifier: string;
  redirectTo: string;
  action: SsoAction;
  expiresAt: number;
}

/**
 * A failure Mattermost's web app shows by type rather than by message (the person refused at the provider, or the
 * provider sent no code): the edge sends the browser to /error?type=…&service=….
 */
export class SsoPageError extends AppError {
  constructor(readonly type: 'oauth_access_denied' | 'oauth_missing_code', readonly service: string) {
    super(`api.user.authorize_oauth_user.${type}`, type === 'oauth_access_denied' ? 'Sign-in was refused at the provider.' : 'The provider sent no authorization code.', 400);
  }
}

const invalidState = (): AppError => new AppError('api.user.authorize_oauth_user.invalid_state.app_error', 'Invalid state', 400);
const tokenFailed = (detail: string): AppError => new AppError('api.user.authorize_oauth_user.token_failed.app_error',
  'The sign-in could not be completed with the provider.', 400, detail);
const providerDown = (service: string, detail: string): AppError => new AppError('api.user.authorize_oauth_user.service.app_error',
  `Could not reach the ${service} provider.`, 502, detail);

export interface SsoStart {
  service: string;
  action: SsoAction;
  redirectTo?: string;
  /** scheme://host the request came to: the redirect URI's base when ServiceSettings.SiteURL is empty, as Mattermost. */
  requestOrigin: string;
}

export interface SsoCallback {
  service: string;
  /** The callback's query string as received. */
  query: URLSearchParams;
  /** The sealed MMOAUTH cookie, if the browser sent it. */
  cookie: string | undefined;
  requestOrigin: string;
  ipAddress: string;
}

/**
 * Sign-in through OAuth 2.0 and OpenID Connect providers (GitLab, Google, Office 365, any OpenID provider), with
 * state, nonce and PKCE (S256) on every request. The account is found, linked or created by ExternalAccounts.
 */
export class SingleSignOn {
  private readonly clients = new ProviderClients();
  /** The console's test of a service's draft settings. */
  readonly connection: SsoConnectionTest;

  constructor(private readonly deps: AppDeps, permissions: Permissions, private readonly accounts: ExternalAccounts, private readonly box: SealedBox) {
    this.connection = new SsoConnectionTest(deps, permissions);
  }

  /** The enabled settings of `service`; 400 for a name that is no service, 501 for one that is off (as Mattermost). */
  settings(service: string): { service: SsoService; settings: SsoSettings } {
    if (!isSsoService(service)) throw badUrlParam('service');
    const settings = parseSsoSettings(savedSection(this.deps.liveConfig.document, service));
    if (!settings.enable) throw unsupported(service);
    return { service, settings };
  }

  /** Where Mattermost registers its callback with every provider: SiteURL (or the request's origin) + /signup/{service}/complete. */
  redirectUri(service: SsoService, requestOrigin: string): string {
    const site = this.deps.config.siteUrl.replace(/\/+$/, '') || requestOrigin;
    return `${site}/signup/${service}/complete`;
  }

  /** Starts a sign-in: the provider's authorization URL, and the sealed cookie the callback needs. */
  async begin(start: SsoStart): Promise<{ url: string; cookie: string }> {
    const { service, settings } = this.settings(start.service);
    if (start.action === 'signup' && !this.deps.config.enableUserCreation) {
      throw new AppError('api.oauth.singup_with_oauth.disabled.app_error', 'User sign-up is disabled.', 400);
    }
    const config = await this.configuration(service, settings);
    const pending: PendingSignIn = {
      service, state: oidc.randomState(), nonce: isOpenIdConnect(service, settings) ? oidc.randomNonce() : '',
      verifier: oidc.randomPKCECodeVerifier(), redirectTo: safeRedirectPath(start.redirectTo), action: start.action,
      expiresAt: Date.now() + SSO_COOKIE_SECONDS * 1000,
    };
    const parameters: Record<string, string> = {
      response_type: 'code',
      redirect_uri: this.redirectUri(service, start.requestOrigin),
      state: pending.state,
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
    };
    const scope = pending.nonce ? withOpenId(settings.scope) : settings.scope;
    if (scope) parameters.scope = scope;
    if (pending.nonce) parameters.nonce = pending.nonce;
    return { url: oidc.buildAuthorizationUrl(config, parameters).href, cookie: await this.box.seal(pending) };
  }

  /** Finishes a sign-in at the callback: checks state, nonce and PKCE, reads who signed in and starts their session. */
  async complete(callback: SsoCallback): Promise<{ login: LoginResult; redirectTo: string }> {
    const label = isSsoService(callback.service) ? callback.service : 'unknown';
    try {
      const result = await this.completed(callback);
      ssoSignIns.inc({ service: label, result: 'success' });
      return result;
    } catch (err) {
      ssoSignIns.inc({ service: label, result: err instanceof AppError && err.statusCode < 500 ? 'refused' : 'error' });
      throw err;
    }
  }

  private async completed(callback: SsoCallback): Promise<{ login: LoginResult; redirectTo: string }> {
    const { service, settings } = this.settings(callback.service);
    if (callback.query.get('error') === 'access_denied') throw new SsoPageError('oauth_access_denied', service);
    if (!callback.query.get('code')) throw new SsoPageError('oauth_missing_code', service);
    const pending = await this.pending(callback.cookie);
    // The state the provider echoes must be the one this browser was sent off with: otherwise someone else's code.
    if (!pending || pending.service !== service || pending.state !== callback.query.get('state')) throw invalidState();
    const config = await this.configuration(service, settings);
    // The token request's redirect_uri is taken from this URL: the registered one, whichever alias the browser came to.
    const current = new URL(this.redirectUri(service, callback.requestOrigin));
    current.search = callback.query.toString();
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: pending.verifier, expectedState: pending.state,
        ...(pending.nonce ? { expectedNonce: pending.nonce, idTokenExpected: true } : {}),
      });
    } catch (err) {
      throw this.grantError(service, err);
    }
    const profile = await this.profile(service, settings, config, tokens);
    const login = await this.accounts.signIn(profile, { ipAddress: callback.ipAddress });
    return { login, redirectTo: pending.redirectTo || '/' };
  }

  /** The person the tokens belong to: the ID token's claims with userinfo over them, or the classic user API's answer. */
  private async profile(service: SsoService, settings: SsoSettings, config: oidc.Configuration, tokens: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers): Promise<ExternalProfile> {
    const claims = tokens.claims();
    try {
      if (claims) {
        const userinfo = config.serverMetadata().userinfo_endpoint
          ? await oidc.fetchUserInfo(config, tokens.access_token, claims.sub) : {};
        return openIdProfile(service, { ...claims, ...pick(userinfo) }, settings.usePreferredUsername);
      }
      const response = await oidc.fetchProtectedResource(config, tokens.access_token, new URL(settings.userApiEndpoint), 'GET');
      if (!response.ok) throw new ProviderUnavailable(`the user API answered ${response.status}`);
      const body: unknown = await response.json();
      if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new ProviderUnavailable('the user API answered no JSON object');
      return oauthProfile(service, body as Record<string, unknown>, settings.usePreferredUsername);
    } catch (err) {
      if (err instanceof AppError) throw err;
      this.deps.log.warn({ service, err: describe(err) }, 'single sign-on: reading the user failed');
      throw new AppError('api.user.authorize_oauth_user.response.app_error', `The ${service} provider did not say who signed in.`, 502, describe(err));
    }
  }

  private async configuration(service: SsoService, settings: SsoSettings): Promise<oidc.Configuration> {
    try {
      return await this.clients.configuration(service, settings);
    } catch (err) {
      if (err instanceof AppError) throw err;
      this.deps.log.warn({ service, err: describe(err) }, 'single sign-on: provider unavailable');
      throw providerDown(service, describe(err));
    }
  }

  /** The sealed cookie's pending sign-in, if this server sealed it and it has not expired. */
  private async pending(cookie: string | undefined): Promise<PendingSignIn | undefined> {
    if (!cookie || cookie.length > 4096) return undefined;
    const value = await this.box.open(cookie);
    if (!isPending(value) || value.expiresAt < Date.now()) return undefined;
    return value;
  }

  /**
   * What a failed code exchange means: the provider refused (a code already used, a PKCE verifier that does not match)
   * or its answer failed a check (nonce, issuer, signature): the sign-in is refused. Only an unreachable provider is a 502.
   */
  private grantError(service: SsoService, err: unknown): AppError {
    const detail = describe(err);
    this.deps.log.warn({ service, err: detail }, 'single sign-on: code exchange refused');
    if (err instanceof oidc.ResponseBodyError || err instanceof oidc.AuthorizationResponseError || err instanceof oidc.ClientError) {
      return tokenFailed(detail);
    }
    return providerDown(service, detail);
  }
}

/** The userinfo claims that describe the person; the ID token's protocol claims (iss, aud, nonce…) are never taken from it. */
function pick(userinfo: object): Record<string, unknown> {
  const { iss: _iss, aud: _aud, exp: _exp, iat: _iat, nonce: _nonce, sub: _sub, ...rest } = userinfo as Record<string, unknown>;
  return rest;
}

const withOpenId = (scope: string): string => (scope.split(/\s+/).includes('openid') ? scope : `openid ${scope}`.trim());

function isPending(value: unknown): value is PendingSignIn {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return isSsoService(String(v.service)) && typeof v.state === 'string' && v.state !== '' && typeof v.nonce === 'string'
    && typeof v.verifier === 'string' && typeof v.redirectTo === 'string' && (v.action === 'login' || v.action === 'signup')
    && typeof v.expiresAt === 'number';
}
