import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../app/actor.js';
import type { App } from '../../app/app.js';
import { OAuthError, tokenErrors } from '../../app/integrations/oauth/oauth_errors.js';
import { TOKEN_REQUEST_FIELDS, type TokenRequest } from '../../app/integrations/oauth/tokens.js';
import type { AuthorizeRequest } from '../../app/integrations/oauth/validation.js';
import { AppError, badBodyParam, badParam } from '../../model/errors.js';
import { authenticate } from '../auth.js';
import { notFoundRoute, renderError } from '../errors.js';
import { OK } from '../params.js';

const AUTHORIZE_FIELDS = ['response_type', 'client_id', 'redirect_uri', 'state', 'scope', 'code_challenge', 'code_challenge_method'] as const;
/** Longer than any valid field (state, the longest, is at most 1024); anything longer is refused before it is looked at. */
const MAX_FIELD = 4096;

/** The named string fields of a query, body or form ('' where absent); a field of another type or too long is a 400. */
function fields<K extends string>(source: unknown, names: readonly K[], invalid: (name: string) => AppError): Record<K, string> {
  const read = (name: string): unknown => (source instanceof URLSearchParams ? source.get(name) ?? undefined
    : source && typeof source === 'object' && Object.hasOwn(source, name) ? (source as Record<string, unknown>)[name] : undefined);
  const out = {} as Record<K, string>;
  for (const name of names) {
    const value = read(name);
    if (value !== undefined && (typeof value !== 'string' || value.length > MAX_FIELD)) throw invalid(name);
    out[name] = value ?? '';
  }
  return out;
}

/** The caller if the request carries a live session; the authorize page treats anyone else as signed out. */
async function signedIn(app: App, request: FastifyRequest): Promise<Actor | undefined> {
  try {
    return await authenticate(app, request);
  } catch (err) {
    if (err instanceof AppError && err.statusCode === 401) return undefined;
    throw err;
  }
}

/** Token endpoint errors carry OAuth's `error` beside Mattermost's fields; its answers are never cached (RFC 6749 §5.1). */
function renderTokenError(err: unknown, request: FastifyRequest, reply: FastifyReply): void {
  void reply.header('Cache-Control', 'no-store');
  if (!(err instanceof OAuthError)) return renderError(err, request, reply);
  const body = { ...err.toJSON(request.id), error: err.oauthCode, error_description: err.message };
  void reply.code(err.statusCode).type('application/json').send(Buffer.from(JSON.stringify(body)));
}

/** Where this server is reached: SiteURL, or else the address the request came to. */
function issuer(app: App, request: FastifyRequest): string {
  return app.config.siteUrl.replace(/\/+$/, '') || `${request.protocol}://${request.host}`;
}

/**
 * The OAuth 2.0 provider's endpoints outside /api/v4, where Mattermost has them: the authorization page and its
 * approval, withdrawal, the token endpoint (form-encoded, as RFC 6749 has it) and the RFC 8414 metadata.
 */
export function registerOAuthProviderRoutes(server: FastifyInstance, app: App): void {
  const provider = app.oauth;
  void server.register(async (scope) => {
    // Only here is a form a form: everywhere else the API reads every body as JSON (json_body.ts).
    scope.removeContentTypeParser('application/x-www-form-urlencoded');
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
      done(null, new URLSearchParams(body as string));
    });

    scope.get('/oauth/authorize', async (request, reply) => {
      const query = fields(request.query, AUTHORIZE_FIELDS, badParam) satisfies AuthorizeRequest;
      const outcome = await provider.authorization.page(await signedIn(app, request), query);
      if (outcome.kind === 'login') return reply.redirect(`/login?redirect_to=${encodeURIComponent(request.url)}`);
      if (outcome.kind === 'redirect') return reply.redirect(outcome.url);
      // The consent page is the web client's: it reads the request from this same URL and asks the user.
      if (typeof reply.sendFile !== 'function') return notFoundRoute(request, reply);
      return reply.header('Cache-Control', 'no-store').type('text/html').sendFile('index.html');
    });

    scope.post('/oauth/authorize', { config: { audit: { action: 'oauth.authorize', body: ['client_id', 'scope'] } } }, async (request) => {
      const actor = await authenticate(app, request);
      const body = fields(request.body, AUTHORIZE_FIELDS, badBodyParam) satisfies AuthorizeRequest;
      return { redirect: await provider.authorization.allow(actor, body) };
    });

    scope.post('/oauth/deauthorize', { config: { audit: { action: 'oauth.deauthorize', body: ['client_id'] } } }, async (request) => {
      const actor = await authenticate(app, request);
      await provider.authorization.deauthorize(actor, fields(request.body, ['client_id'], badBodyParam).client_id);
      return OK;
    });

    scope.post('/oauth/access_token', { errorHandler: renderTokenError }, async (request, reply) => {
      const form = fields(request.body instanceof URLSearchParams ? request.body : undefined, TOKEN_REQUEST_FIELDS, tokenErrors.badRequest) satisfies TokenRequest;
      const answer = await provider.tokens.exchange(form);
      return reply.header('Cache-Control', 'no-store').header('Pragma', 'no-cache').send(answer);
    });

    scope.get('/.well-known/oauth-authorization-server', async (request) => provider.metadata(issuer(app, request)));
  });
}
