import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../app/app.js';
import { SSO_COOKIE, SSO_COOKIE_SECONDS, SsoPageError, type SsoAction } from '../../app/identity/sso/single_sign_on.js';
import { AppError } from '../../model/errors.js';
import { requestAddress } from '../auth.js';
import { setSessionCookies } from '../session_cookies.js';

/** Mattermost's callback paths: its current one, and the older ones it still serves so existing provider registrations keep working. */
const CALLBACK_PATHS = ['/oauth/:service/complete', '/signup/:service/complete', '/login/:service/complete', '/api/v3/oauth/:service/complete'];

const serviceOf = (request: FastifyRequest): string => (request.params as { service?: string }).service ?? '';
const queryOf = (request: FastifyRequest): URLSearchParams => new URLSearchParams(request.url.split('?')[1] ?? '');
const originOf = (request: FastifyRequest): string => `${request.protocol}://${request.host}`;
const secure = (request: FastifyRequest): boolean => request.protocol === 'https' || request.headers['x-forwarded-proto'] === 'https';

const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A sign-in failure, shown the way Mattermost's web app expects: refusals at the provider go to /error?type=…&service=…
 * by redirect; any other error answers its own status with a page that moves on to /error?message=…. Never JSON:
 * these URLs are opened by browsers.
 */
function renderWebError(err: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  void reply.clearCookie(SSO_COOKIE, { path: '/' });
  if (err instanceof SsoPageError) {
    const service = err.service.charAt(0).toUpperCase() + err.service.slice(1);
    return reply.redirect(`/error?${new URLSearchParams({ type: err.type, service })}`, 307);
  }
  const appError = err instanceof AppError ? err : new AppError('api.context.internal_error.app_error', 'An internal error occurred.', 500);
  if (!(err instanceof AppError)) request.log.error({ err }, 'single sign-on failed');
  else if (appError.statusCode >= 500) request.log.warn({ id: appError.id, detail: appError.detail }, 'single sign-on failed');
  const destination = `/error?${new URLSearchParams({ message: appError.message })}`;
  const page = `<!DOCTYPE html><html><head><meta http-equiv="refresh" content="0; url=${escapeHtml(destination)}"></head>`
    + `<body><a href="${escapeHtml(destination)}">${escapeHtml(appError.message)}</a></body></html>`;
  return reply.code(appError.statusCode).header('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(page);
}

/**
 * Single sign-on through OAuth 2.0 / OpenID Connect providers, outside /api/v4 where Mattermost has it:
 * /oauth/{service}/login and /signup send the browser to the provider; the callback paths finish the sign-in, set the
 * session cookies and return to the page the person came from. Mobile (`/oauth/{service}/mobile_login`, custom URL
 * schemes) and desktop (`desktop_token`) hand-offs are not served.
 */
export function registerSsoRoutes(server: FastifyInstance, app: App): void {
  const begin = (action: SsoAction) => async (request: FastifyRequest, reply: FastifyReply) => {
    const query = queryOf(request);
    try {
      const { url, cookie } = await app.sso.begin({
        service: serviceOf(request), action, redirectTo: query.get('redirect_to') ?? undefined, requestOrigin: originOf(request),
      });
      // Lax: the provider's redirect back is a top-level GET, which Lax cookies go along with.
      void reply.setCookie(SSO_COOKIE, cookie, { path: '/', httpOnly: true, sameSite: 'lax', secure: secure(request), maxAge: SSO_COOKIE_SECONDS });
      return reply.header('Cache-Control', 'no-store').redirect(url, 302);
    } catch (err) {
      return renderWebError(err, request, reply);
    }
  };
  server.get('/oauth/:service/login', begin('login'));
  server.get('/oauth/:service/signup', begin('signup'));

  const complete = async (request: FastifyRequest, reply: FastifyReply) => {
    try {
      const { login, redirectTo } = await app.sso.complete({
        service: serviceOf(request), query: queryOf(request), cookie: request.cookies[SSO_COOKIE],
        requestOrigin: originOf(request), ipAddress: requestAddress(app, request),
      });
      void reply.clearCookie(SSO_COOKIE, { path: '/' });
      setSessionCookies(request, reply, login);
      return reply.header('Cache-Control', 'no-store').redirect(redirectTo, 302);
    } catch (err) {
      return renderWebError(err, request, reply);
    }
  };
  for (const path of CALLBACK_PATHS) server.get(path, complete);
}
