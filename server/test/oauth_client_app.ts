import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as oidc from 'openid-client';

/**
 * A tiny OAuth 2.0 client application on loopback, driven by the real client library `openid-client`: it finds
 * the server's endpoints in its RFC 8414 metadata, builds authorization URLs with PKCE (S256) and a state, receives
 * the browser at its redirect URI, and exchanges and refreshes tokens. Parley serves plain HTTP in tests, which the
 * library allows only when told (allowInsecureRequests).
 */
export interface OAuthClientApp {
  /** Where the server sends the browser back (register it as the app's callback URL). */
  redirectUri: string;
  /** Finds the server's endpoints; call before the other methods, once the app is registered. */
  connect(clientId: string, clientSecret: string): Promise<void>;
  /** A fresh authorization URL (new PKCE verifier and state, kept for the exchange). */
  authorizationUrl(): Promise<string>;
  /** The next URL the browser lands on at the redirect URI. */
  nextCallback(): Promise<URL>;
  /** Exchanges the code of a callback URL (checking its state and sending the PKCE verifier). */
  exchange(callback: URL): Promise<oidc.TokenEndpointResponse>;
  refresh(refreshToken: string): Promise<oidc.TokenEndpointResponse>;
  /** A GET on the server with the access token, as the library sends it. */
  fetchWithToken(accessToken: string, path: string): Promise<Response>;
  close(): Promise<void>;
}

export async function startOAuthClientApp(serverUrl: string): Promise<OAuthClientApp> {
  const waiting: ((url: URL) => void)[] = [];
  const arrived: URL[] = [];
  const http: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', redirectUri);
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><title>Client app</title><h1>Back at the client app</h1>');
    if (url.pathname !== '/callback') return;
    const waiter = waiting.shift();
    if (waiter) waiter(url);
    else arrived.push(url);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const redirectUri = `http://127.0.0.1:${(http.address() as AddressInfo).port}/callback`;

  let config: oidc.Configuration | undefined;
  let pending = { verifier: '', state: '' };
  const configured = (): oidc.Configuration => {
    if (!config) throw new Error('connect() first');
    return config;
  };

  return {
    redirectUri,
    async connect(clientId, clientSecret) {
      config = await oidc.discovery(new URL(serverUrl), clientId, clientSecret, undefined, { algorithm: 'oauth2', execute: [oidc.allowInsecureRequests] });
    },
    async authorizationUrl() {
      pending = { verifier: oidc.randomPKCECodeVerifier(), state: oidc.randomState() };
      const challenge = await oidc.calculatePKCECodeChallenge(pending.verifier);
      return oidc.buildAuthorizationUrl(configured(), {
        redirect_uri: redirectUri, code_challenge: challenge, code_challenge_method: 'S256', state: pending.state,
      }).toString();
    },
    nextCallback() {
      const ready = arrived.shift();
      return ready ? Promise.resolve(ready) : new Promise((resolve) => waiting.push(resolve));
    },
    exchange(callback) {
      return oidc.authorizationCodeGrant(configured(), callback, { pkceCodeVerifier: pending.verifier, expectedState: pending.state });
    },
    refresh(refreshToken) {
      return oidc.refreshTokenGrant(configured(), refreshToken);
    },
    fetchWithToken(accessToken, path) {
      return oidc.fetchProtectedResource(configured(), accessToken, new URL(path, serverUrl), 'GET');
    },
    close: () => new Promise((resolve) => http.close(() => resolve())),
  };
}
