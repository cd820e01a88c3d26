import { PKCE_METHOD } from './pkce.js';

/** RFC 8414 authorization server metadata (served at /.well-known/oauth-authorization-server, as Mattermost does). */
export interface AuthorizationServerMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  response_types_supported: string[];
  grant_types_supported: string[];
  token_endpoint_auth_methods_supported: string[];
  code_challenge_methods_supported: string[];
  scopes_supported: string[];
}

/** What this provider does, at `issuer` (the site URL, without a trailing slash). */
export function authorizationServerMetadata(issuer: string): AuthorizationServerMetadata {
  return {
    issuer,
    authorization_endpoint: `${issuer}/oauth/authorize`,
    token_endpoint: `${issuer}/oauth/access_token`,
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    // A secret in the form, or none at all for a public client, which must then use PKCE.
    token_endpoint_auth_methods_supported: ['client_secret_post', 'none'],
    code_challenge_methods_supported: [PKCE_METHOD],
    scopes_supported: ['user'],
  };
}
