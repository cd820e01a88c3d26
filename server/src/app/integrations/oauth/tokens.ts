import { isValidId } from '../../../model/id.js';
import type { OAuthAppRecord } from '../../../store/integrations/oauth.js';
import type { AppDeps } from '../../deps.js';
import type { OAuthAppService } from './apps.js';
import type { AccessTokenResponse, OAuthGrants } from './grants.js';
import { tokenErrors } from './oauth_errors.js';
import { sameSecret, verifierMatches } from './pkce.js';

/** The token endpoint's form fields ('' for an absent one). */
export interface TokenRequest {
  grant_type: string;
  client_id: string;
  client_secret: string;
  code: string;
  redirect_uri: string;
  refresh_token: string;
  code_verifier: string;
}

export const TOKEN_REQUEST_FIELDS = ['grant_type', 'client_id', 'client_secret', 'code', 'redirect_uri', 'refresh_token', 'code_verifier'] as const;

/**
 * `POST /oauth/access_token`: exchanges a code (RFC 6749 §4.1.3, with PKCE, RFC 7636) or a refresh token (§6) for an
 * access token. A client authenticates with its secret or, for a code issued with a challenge, with the verifier
 * alone (a public client); only authenticated clients get refresh tokens.
 */
export class OAuthTokenService {
  constructor(private readonly deps: AppDeps, private readonly apps: OAuthAppService, private readonly grants: OAuthGrants) {}

  async exchange(request: TokenRequest): Promise<AccessTokenResponse> {
    if (!this.apps.enabled()) throw tokenErrors.disabled();
    if (request.grant_type === 'authorization_code') {
      if (request.code === '') throw tokenErrors.missingCode();
    } else if (request.grant_type === 'refresh_token') {
      if (request.refresh_token === '') throw tokenErrors.missingRefreshToken();
    } else {
      throw tokenErrors.badGrant();
    }
    if (!isValidId(request.client_id)) throw tokenErrors.badClientId();
    const app = await this.deps.store.oauth.getApp(request.client_id);
    if (!app) throw tokenErrors.credentials();
    const authenticated = request.client_secret !== '';
    if (authenticated && !sameSecret(app.client_secret, request.client_secret)) throw tokenErrors.credentials();
    return request.grant_type === 'authorization_code' ? this.redeemCode(app, request, authenticated) : this.refresh(app, request, authenticated);
  }

  private async redeemCode(app: OAuthAppRecord, request: TokenRequest, authenticated: boolean): Promise<AccessTokenResponse> {
    const now = Date.now();
    const data = await this.deps.store.oauth.redeemAuthData(request.code, now);
    if (!data) {
      await this.revokeIfReplayed(request.code);
      throw tokenErrors.badCode();
    }
    if (data.client_id !== app.id || data.create_at + data.expires_in * 1000 < now) throw tokenErrors.badCode();
    if (data.redirect_uri !== request.redirect_uri) throw tokenErrors.redirectUri();
    if (data.code_challenge !== '') {
      if (!verifierMatches(request.code_verifier, data.code_challenge)) throw tokenErrors.verifier();
    } else if (request.code_verifier !== '') {
      // A verifier for a code issued without a challenge: a downgrade, or a confused client; either way refused.
      throw tokenErrors.verifier();
    }
    // Without a secret, PKCE is what proves the caller is the client that asked for the code.
    if (!authenticated && data.code_challenge === '') throw tokenErrors.credentials();
    const user = await this.deps.store.users.get(data.user_id);
    if (!user || user.delete_at > 0) throw tokenErrors.badCode();
    return this.grants.issue({
      clientId: app.id, userId: user.id, roles: user.roles, redirectUri: data.redirect_uri, scope: data.scope, refreshable: authenticated,
    });
  }

  /** A used code presented again was likely stolen: what it was exchanged for is revoked (RFC 6749 §4.1.2). */
  private async revokeIfReplayed(code: string): Promise<void> {
    const data = await this.deps.store.oauth.getAuthData(code);
    if (data && data.used_at > 0) await this.grants.revokeClient(data.client_id, data.user_id);
  }

  private async refresh(app: OAuthAppRecord, request: TokenRequest, authenticated: boolean): Promise<AccessTokenResponse> {
    if (!authenticated) throw tokenErrors.credentials();
    const old = await this.deps.store.oauth.takeByRefreshToken(app.id, request.refresh_token);
    if (!old) throw tokenErrors.refreshToken();
    await this.grants.revokeTokens([old.token]);
    const user = await this.deps.store.users.get(old.user_id);
    if (!user || user.delete_at > 0) throw tokenErrors.refreshToken();
    return this.grants.issue({ clientId: app.id, userId: user.id, roles: user.roles, redirectUri: old.redirect_uri, scope: old.scope, refreshable: true });
  }
}
