/// <reference path="./oidc-provider.d.ts" />
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type AccountClaims } from 'oidc-provider';

const GITLAB_USER_PATH = '/api/v4/user';

/** A person at the stand-in provider, by the login typed into its sign-in page. */
export interface StandInAccount {
  sub?: string;
  email: string;
  email_verified?: boolean;
  name?: string;
  given_name?: string;
  family_name?: string;
  preferred_username?: string;
  nickname?: string;
  locale?: string;
  /** GitLab's numeric user id, for the GitLab-shaped user API. */
  gitlabId?: number;
}

/**
 * A real OpenID Connect provider (oidc-provider, with its development sign-in and consent pages) on a free loopback
 * port, with Parley registered as a confidential client. It listens first and is configured later, because Parley's
 * callback URL is known only once Parley runs, and Parley's settings need this provider's address.
 * Shared by the server's HTTP tests and the web's browser test (web/e2e imports it by relative path).
 */
export class StandInIdentityProvider {
  readonly clientId = 'parley';
  readonly clientSecret = randomBytes(16).toString('hex');
  /** People by login; an unknown login signs in as `<login>@example.com`, verified. */
  readonly accounts = new Map<string, StandInAccount>();
  private handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  private provider: Provider | undefined;

  private constructor(private readonly server: Server, readonly issuer: string) {}

  static async listen(): Promise<StandInIdentityProvider> {
    let idp: StandInIdentityProvider | undefined;
    const server = createServer((req, res) => {
      if (idp?.handler && req.url === GITLAB_USER_PATH) return void idp.gitLabUser(req, res);
      if (idp?.handler) return idp.handler(req, res);
      res.writeHead(503).end('not configured yet');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    idp = new StandInIdentityProvider(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return idp;
  }

  /** A GitLab-shaped user API (GET /api/v4/user) answering for the provider's access tokens, for classic OAuth sign-in. */
  get gitLabUserUrl(): string {
    return `${this.issuer}${GITLAB_USER_PATH}`;
  }

  get discoveryUrl(): string {
    return `${this.issuer}/.well-known/openid-configuration`;
  }

  /** Starts answering, with Parley's callback URLs registered for its client; PKCE is required of every client. */
  configure(redirectUris: string[]): void {
    const provider = new Provider(this.issuer, {
      clients: [{
        client_id: this.clientId, client_secret: this.clientSecret, redirect_uris: redirectUris,
        grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_post',
      }],
      findAccount: async (_ctx, id) => ({ accountId: id, claims: () => this.claims(id) }),
      claims: {
        openid: ['sub'], email: ['email', 'email_verified'],
        profile: ['name', 'given_name', 'family_name', 'preferred_username', 'nickname', 'locale'],
      },
      // GitLab's scope for its user API, so that classic OAuth (no openid) is granted something too.
      scopes: ['openid', 'offline_access', 'read_user'],
      cookies: { keys: [randomBytes(16).toString('hex')] },
      features: { devInteractions: { enabled: true } },
      pkce: { required: () => true },
    });
    this.handler = provider.callback();
    this.provider = provider;
  }

  /** GitLab's answer about the token's owner: id, username, email, name, and confirmed_at once the address is confirmed. */
  private async gitLabUser(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const found = token ? await this.provider?.AccessToken.find(token) : undefined;
    if (!found || found.isExpired) {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"message":"401 Unauthorized"}');
      return;
    }
    const claims = this.claims(found.accountId);
    const account = this.accounts.get(found.accountId);
    const body = {
      id: account?.gitlabId ?? 1000, username: claims.preferred_username ?? found.accountId, email: claims.email,
      name: [claims.given_name, claims.family_name].filter(Boolean).join(' ') || claims.name || '',
      confirmed_at: claims.email_verified === true ? '2026-01-02T03:04:05Z' : null,
    };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }

  private claims(login: string): AccountClaims {
    const account = this.accounts.get(login) ?? { email: `${login}@example.com`, email_verified: true };
    const claims: AccountClaims = { sub: account.sub ?? login };
    for (const [key, value] of Object.entries(account)) if (key !== 'sub' && value !== undefined) claims[key] = value;
    return claims;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /**
   * Plays a browser at this provider: opens `authorizationUrl`, fills in the sign-in form as `login` (any password),
   * confirms the consent page, and returns the URL the provider finally sends the browser to (Parley's callback).
   */
  async signIn(authorizationUrl: string, login: string): Promise<URL> {
    const cookies = new Map<string, string>();
    let next: { url: string; init: RequestInit } = { url: authorizationUrl, init: {} };
    for (let step = 0; step < 20; step++) {
      const response = await fetch(next.url, {
        ...next.init, redirect: 'manual',
        headers: { ...(next.init.headers as Record<string, string> | undefined), cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      });
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const at = pair.indexOf('=');
        cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
      }
      const location = response.headers.get('location');
      if (location) {
        const target = new URL(location, next.url);
        if (target.origin !== this.issuer) return target;
        next = { url: target.href, init: {} };
        continue;
      }
      const html = await response.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
      if (!action || !prompt) throw new Error(`the provider answered ${response.status} without a form: ${html.slice(0, 500)}`);
      const form = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt });
      next = {
        url: new URL(action.replace(/&amp;/g, '&'), next.url).href,
        init: { method: 'POST', body: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      };
    }
    throw new Error('the provider never sent the browser back');
  }
}
