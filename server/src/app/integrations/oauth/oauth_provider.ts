import type { AppDeps } from '../../deps.js';
import type { Permissions } from '../../permissions.js';
import type { SessionService } from '../../sessions.js';
import { OAuthAppService } from './apps.js';
import { OAuthAuthorizationService } from './authorization.js';
import { OAuthGrants } from './grants.js';
import { authorizationServerMetadata, type AuthorizationServerMetadata } from './metadata.js';
import { AppError } from '../../../model/errors.js';
import { OAuthTokenService } from './tokens.js';

/** Parley as an OAuth 2.0 provider: client apps, the user's approval, and the token endpoint. */
export class OAuthProvider {
  readonly apps: OAuthAppService;
  readonly authorization: OAuthAuthorizationService;
  readonly tokens: OAuthTokenService;

  constructor(deps: AppDeps, permissions: Permissions, sessions: SessionService) {
    const grants = new OAuthGrants(deps, sessions);
    this.apps = new OAuthAppService(deps, permissions, grants);
    this.authorization = new OAuthAuthorizationService(deps, this.apps, grants);
    this.tokens = new OAuthTokenService(deps, this.apps, grants);
  }

  /** The RFC 8414 metadata of this provider at `issuer`. */
  metadata(issuer: string): AuthorizationServerMetadata {
    if (!this.apps.enabled()) {
      throw new AppError('api.oauth.authorization_server_metadata.disabled.app_error', 'The OAuth 2.0 service provider is turned off.', 501);
    }
    return authorizationServerMetadata(issuer);
  }
}
