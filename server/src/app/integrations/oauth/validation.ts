import { AppError } from '../../../model/errors.js';
import { isValidId } from '../../../model/id.js';
import type { OAuthAppRecord } from '../../../store/integrations/oauth.js';
import { isHttpUrl } from '../actions/dialog_validation.js';
import { isPkceValue, PKCE_METHOD } from './pkce.js';

/** What a client may set on an app (the rest is the server's: id, creator, times, secret). */
export type OAuthAppInput = Pick<OAuthAppRecord, 'name' | 'description' | 'icon_url' | 'callback_urls' | 'homepage' | 'is_trusted' | 'mattermost_app_id'>;

/** Callback URLs one app may register: plenty for every environment of a client, but a bound. */
export const MAX_CALLBACK_URLS = 32;

const appInvalid = (field: string, message: string): AppError => new AppError(`model.oauth.is_valid.${field}.app_error`, message, 400);

/** Mattermost's OAuthApp.IsValid rules for what a client sends. */
export function validateAppInput(input: OAuthAppInput): void {
  if (input.name.trim() === '' || input.name.length > 64) throw appInvalid('name', 'Name must be 1 to 64 characters.');
  if (input.callback_urls.length === 0 || input.callback_urls.length > MAX_CALLBACK_URLS) {
    throw appInvalid('callback', `Give 1 to ${MAX_CALLBACK_URLS} callback URLs.`);
  }
  for (const url of input.callback_urls) {
    if (url.length > 1024 || !isHttpUrl(url)) throw appInvalid('callback', 'Each callback URL must be an http or https URL of at most 1024 characters.');
  }
  if (input.homepage.length > 256 || !isHttpUrl(input.homepage)) throw appInvalid('homepage', 'Homepage must be an http or https URL of at most 256 characters.');
  if (input.description.length > 512) throw appInvalid('description', 'Description must be at most 512 characters.');
  if (input.icon_url !== '' && (input.icon_url.length > 512 || !isHttpUrl(input.icon_url))) {
    throw appInvalid('icon_url', 'Icon URL must be an http or https URL of at most 512 characters.');
  }
  if (input.mattermost_app_id.length > 32) throw appInvalid('mattermost_app_id', 'mattermost_app_id must be at most 32 characters.');
}

/** An authorization request (Mattermost's AuthorizeRequest), from the query string or the consent page's body. */
export interface AuthorizeRequest {
  response_type: string;
  client_id: string;
  redirect_uri: string;
  state: string;
  scope: string;
  code_challenge: string;
  code_challenge_method: string;
}

const requestInvalid = (field: string, message: string): AppError => new AppError(`model.authorize.is_valid.${field}.app_error`, message, 400);

/** Mattermost's AuthorizeRequest.IsValid, with RFC 7636's rules for the PKCE fields. */
export function validateAuthorizeRequest(request: AuthorizeRequest): void {
  if (!isValidId(request.client_id)) throw requestInvalid('client_id', 'client_id is not valid.');
  if (request.response_type === '') throw requestInvalid('response_type', 'response_type is missing.');
  if (request.redirect_uri === '' || request.redirect_uri.length > 256 || !isHttpUrl(request.redirect_uri)) {
    throw requestInvalid('redirect_uri', 'redirect_uri must be an http or https URL of at most 256 characters.');
  }
  if (request.state.length > 1024) throw requestInvalid('state', 'state must be at most 1024 characters.');
  if (request.scope.length > 128) throw requestInvalid('scope', 'scope must be at most 128 characters.');
  if (request.code_challenge !== '' && !isPkceValue(request.code_challenge)) {
    throw requestInvalid('code_challenge', 'code_challenge must be 43 to 128 unreserved characters.');
  }
  const method = request.code_challenge_method;
  if ((request.code_challenge === '' && method !== '') || (request.code_challenge !== '' && method !== PKCE_METHOD)) {
    throw requestInvalid('code_challenge_method', `code_challenge_method must be ${PKCE_METHOD}, with a code_challenge.`);
  }
}
