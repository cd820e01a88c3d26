import { AppError, badParam, forbidden } from '../../../model/errors.js';
import { isValidId, newId } from '../../../model/id.js';
import { AUTHORIZED_OAUTH_APP, type OAuthAppRecord } from '../../../store/integrations/oauth.js';
import type { Actor } from '../../actor.js';
import type { AppDeps } from '../../deps.js';
import type { OAuthAppService } from './apps.js';
import type { OAuthGrants } from './grants.js';
import { appNotFound, badRedirect, oauthTurnedOff } from './oauth_errors.js';
import { validateAuthorizeRequest, type AuthorizeRequest } from './validation.js';
import { isOAuthSession } from '../../sessions.js';

/** Seconds a code may wait to be exchanged (Mattermost's AuthCodeExpireTime). */
export const CODE_EXPIRES_IN = 10 * 60;
/** Used and expired codes are kept this long, so a replay of a used one is still recognised (and revokes what it got). */
const CODE_KEPT_MS = 60 * 60_000;
/** The scope recorded when a client asks for none (Mattermost's DefaultScope). */
const DEFAULT_SCOPE = 'user';

/** What `GET /oauth/authorize` does: send the user to log in, straight back to the client, or to the consent page. */
export type AuthorizePageOutcome = { kind: 'login' } | { kind: 'redirect'; url: string } | { kind: 'consent' };

/**
 * The user's side of the authorization-code flow: the authorize page's decision, approval (a code for the client
 * and a record that the user authorized it, Mattermost's `oauth_app` preference) and withdrawal.
 */
export class OAuthAuthorizationService {
  constructor(private readonly deps: AppDeps, private readonly apps: OAuthAppService, private readonly grants: OAuthGrants) {}

  /** The app a request names. */
  private async appFor(request: AuthorizeRequest): Promise<OAuthAppRecord> {
    const app = await this.deps.store.oauth.getApp(request.client_id);
    if (!app) throw appNotFound();
    return app;
  }

  async page(actor: Actor | undefined, request: AuthorizeRequest): Promise<AuthorizePageOutcome> {
    if (!this.apps.enabled()) {
      throw new AppError('api.oauth.authorize_oauth.disabled.app_error', 'The system admin has turned off OAuth 2.0 Service Provider.', 501);
    }
    validateAuthorizeRequest(request);
    const app = await this.appFor(request);
    if (!actor) return { kind: 'login' };
    if (!app.callback_urls.includes(request.redirect_uri)) throw badRedirect();
    const authorized = await this.deps.store.preferences.get(actor.userId, AUTHORIZED_OAUTH_APP, app.id);
    if (app.is_trusted || authorized) return { kind: 'redirect', url: await this.allow(actor, request) };
    return { kind: 'consent' };
  }

  /** The user approves: issues a code and answers where to send the browser (redirect_uri with code and state). */
  async allow(actor: Actor, request: AuthorizeRequest): Promise<string> {
    if (!this.apps.enabled()) throw oauthTurnedOff();
    validateAuthorizeRequest(request);
    // A client holding a user's token must not approve other clients in the user's name.
    if (isOAuthSession(actor.session)) throw forbidden();
    const app = await this.appFor(request);
    if (!app.callback_urls.includes(request.redirect_uri)) throw badRedirect();
    const target = new URL(request.redirect_uri);
    if (request.state !== '') target.searchParams.set('state', request.state);
    if (request.response_type !== 'code') {
      target.searchParams.set('error', 'unsupported_response_type');
      return target.toString();
    }
    const now = Date.now();
    const scope = request.scope || DEFAULT_SCOPE;
    const code = newId() + newId();
    await this.deps.store.oauth.removeAuthDataBefore(now - CODE_KEPT_MS);
    await this.deps.store.oauth.saveAuthData({
      code, client_id: app.id, user_id: actor.userId, expires_in: CODE_EXPIRES_IN, create_at: now, redirect_uri: request.redirect_uri,
      state: request.state, scope, code_challenge: request.code_challenge, code_challenge_method: request.code_challenge_method, used_at: 0,
    });
    await this.deps.store.preferences.save([{ user_id: actor.userId, category: AUTHORIZED_OAUTH_APP, name: app.id, value: scope }]);
    target.searchParams.set('code', code);
    return target.toString();
  }

  /** The user withdraws the app's authorization: it must ask again, and the tokens it holds stop working. */
  async deauthorize(actor: Actor, clientId: string): Promise<void> {
    if (!this.apps.enabled()) throw oauthTurnedOff();
    if (!isValidId(clientId)) throw badParam('client_id');
    await this.deps.store.preferences.remove([{ user_id: actor.userId, category: AUTHORIZED_OAUTH_APP, name: clientId, value: '' }]);
    await this.grants.revokeClient(clientId, actor.userId);
  }
}
