import { newId } from '../../../model/id.js';
import type { OAuthAccessDataRecord } from '../../../store/integrations/oauth.js';
import type { AppDeps } from '../../deps.js';
import { OAUTH_SESSION_PROPS, type SessionService } from '../../sessions.js';

/** The token endpoint's answer (RFC 6749 §5.1; Mattermost's AccessResponse). */
export interface AccessTokenResponse {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  scope: string;
  refresh_token?: string;
}

/**
 * What an approval grants a client: an access token that is an ordinary session of the approving user (so
 * `Authorization: Bearer` works on every endpoint with that user's permissions), recorded in oauth_access_data so it
 * can be refreshed and revoked by client.
 */
export class OAuthGrants {
  constructor(private readonly deps: AppDeps, private readonly sessions: SessionService) {}

  /** Opens a session for the user and records it as issued to the client; a refresh token only for clients that authenticated. */
  async issue(grant: { clientId: string; userId: string; roles: string; redirectUri: string; scope: string; refreshable: boolean }): Promise<AccessTokenResponse> {
    const session = await this.sessions.create(grant.userId, grant.roles, '', { ...OAUTH_SESSION_PROPS });
    const data: OAuthAccessDataRecord = {
      token: session.token, refresh_token: grant.refreshable ? newId() : '', client_id: grant.clientId, user_id: grant.userId,
      redirect_uri: grant.redirectUri, expires_at: session.expires_at, scope: grant.scope,
    };
    await this.deps.store.oauth.saveAccessData(data);
    return {
      access_token: data.token, token_type: 'bearer', expires_in: Math.max(0, Math.floor((data.expires_at - Date.now()) / 1000)), scope: data.scope,
      ...(data.refresh_token ? { refresh_token: data.refresh_token } : {}),
    };
  }

  /** Ends the sessions these access tokens opened, on every node. */
  async revokeTokens(tokens: readonly string[]): Promise<void> {
    for (const token of tokens) {
      const session = await this.deps.store.sessions.getByToken(token);
      if (session) await this.sessions.revoke(session);
    }
  }

  /** Ends what the client holds for the user: its access data and their sessions. */
  async revokeClient(clientId: string, userId: string): Promise<void> {
    await this.revokeTokens(await this.deps.store.oauth.removeAccessData(clientId, userId));
  }
}
