/** The category of the preference that records a user's authorization of an app (Mattermost's PreferenceCategoryAuthorizedOAuthApp). */
export const AUTHORIZED_OAUTH_APP = 'oauth_app';

/** A registered OAuth 2.0 client application (Mattermost's OAuthApp; migration 0024_oauth_apps). */
export interface OAuthAppRecord {
  id: string;
  creator_id: string;
  create_at: number;
  update_at: number;
  client_secret: string;
  name: string;
  description: string;
  icon_url: string;
  callback_urls: string[];
  homepage: string;
  is_trusted: boolean;
  mattermost_app_id: string;
}

/** An authorization code and what it was issued for (Mattermost's AuthData). */
export interface OAuthAuthDataRecord {
  code: string;
  client_id: string;
  user_id: string;
  /** Seconds from create_at. */
  expires_in: number;
  create_at: number;
  redirect_uri: string;
  state: string;
  scope: string;
  /** PKCE (RFC 7636); '' when the client sent none. */
  code_challenge: string;
  code_challenge_method: string;
  /** When the code was redeemed; 0 while it is unused. */
  used_at: number;
}

/** An access token issued to a client (Mattermost's AccessData); `token` is the token of the session it opened. */
export interface OAuthAccessDataRecord {
  token: string;
  /** '' when none was issued (public clients). */
  refresh_token: string;
  client_id: string;
  user_id: string;
  redirect_uri: string;
  expires_at: number;
  scope: string;
}

export interface OAuthStore {
  createApp(app: OAuthAppRecord): Promise<void>;
  getApp(id: string): Promise<OAuthAppRecord | undefined>;
  getApps(ids: readonly string[]): Promise<OAuthAppRecord[]>;
  /** Apps by creation, all of them or one creator's. */
  listApps(creatorId: string | undefined, offset: number, limit: number): Promise<OAuthAppRecord[]>;
  updateApp(app: OAuthAppRecord): Promise<void>;
  /** Deletes the app, its codes, its users' authorizations (preferences) and its access data; returns the access tokens it had issued. */
  removeApp(id: string): Promise<string[]>;

  saveAuthData(data: OAuthAuthDataRecord): Promise<void>;
  getAuthData(code: string): Promise<OAuthAuthDataRecord | undefined>;
  /** Marks the code used, in one statement: of concurrent redeemers exactly one gets the row; undefined for the others. */
  redeemAuthData(code: string, now: number): Promise<OAuthAuthDataRecord | undefined>;
  /** Deletes codes created before `before` (ms). */
  removeAuthDataBefore(before: number): Promise<void>;

  saveAccessData(data: OAuthAccessDataRecord): Promise<void>;
  /** Deletes and returns the client's access data with that refresh token, in one statement (a refresh token works once). */
  takeByRefreshToken(clientId: string, refreshToken: string): Promise<OAuthAccessDataRecord | undefined>;
  /** Deletes the user's access data for the client and returns the tokens it held. */
  removeAccessData(clientId: string, userId: string): Promise<string[]>;
}
