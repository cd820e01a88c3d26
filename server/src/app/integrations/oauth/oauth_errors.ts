import { AppError } from '../../../model/errors.js';

/** The `error` codes of RFC 6749 §5.2 that the token endpoint answers with. */
export type OAuthErrorCode = 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unsupported_grant_type' | 'server_error';

/**
 * A token endpoint failure: a Mattermost error (id, message, status) that also carries its OAuth error code, so the
 * edge can answer in both shapes at once (OAuth client libraries read `error`, Mattermost's read `id`).
 */
export class OAuthError extends AppError {
  constructor(id: string, message: string, statusCode: number, readonly oauthCode: OAuthErrorCode) {
    super(id, message, statusCode);
  }
}

const tokenError = (code: OAuthErrorCode, name: string, message: string, status = 400): OAuthError =>
  new OAuthError(`api.oauth.get_access_token.${name}.app_error`, message, status, code);

export const tokenErrors = {
  badRequest: (field: string) => tokenError('invalid_request', 'bad_request', `Invalid ${field} parameter.`),
  disabled: () => tokenError('server_error', 'disabled', 'The OAuth 2.0 service provider is turned off on this server.', 501),
  badGrant: () => tokenError('unsupported_grant_type', 'bad_grant', 'grant_type must be authorization_code or refresh_token.'),
  missingCode: () => tokenError('invalid_request', 'missing_code', 'The code parameter is missing.'),
  missingRefreshToken: () => tokenError('invalid_request', 'missing_refresh_token', 'The refresh_token parameter is missing.'),
  badClientId: () => tokenError('invalid_client', 'bad_client_id', 'The client_id parameter is not valid.'),
  credentials: () => tokenError('invalid_client', 'credentials', 'The client credentials are not valid.', 401),
  /** Unknown, already used, or issued to another client: the code tells nothing more to whoever holds it. */
  badCode: () => tokenError('invalid_grant', 'expired_code', 'The authorization code is not valid or has expired.'),
  redirectUri: () => tokenError('invalid_grant', 'redirect_uri', 'redirect_uri does not match the one the code was issued for.'),
  verifier: () => tokenError('invalid_grant', 'code_verifier', 'The code_verifier does not match the code_challenge.'),
  refreshToken: () => tokenError('invalid_grant', 'refresh_token', 'The refresh token is not valid.'),
};

export const oauthTurnedOff = (): AppError =>
  new AppError('api.oauth.allow_oauth.turn_off.app_error', 'The system admin has turned off OAuth 2.0 Service Provider.', 501);

export const registerTurnedOff = (): AppError =>
  new AppError('api.oauth.register_oauth_app.turn_off.app_error', 'The system admin has turned off OAuth 2.0 Service Provider.', 501);

export const appNotFound = (): AppError => new AppError('app.oauth.get_app.find.app_error', 'Unable to find the OAuth 2.0 app.', 404);

export const badRedirect = (): AppError =>
  new AppError('api.oauth.allow_oauth.redirect_callback.app_error', 'redirect_uri must match one of the callback URLs of the app.', 400);
