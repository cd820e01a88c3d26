import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../app/app.js';
import { AppError } from '../../model/errors.js';
import { requestAddress } from '../auth.js';
import { setSessionCookies } from '../session_cookies.js';

const ACS_PATH = '/login/sso/saml';
const originOf = (request: FastifyRequest): string => `${request.protocol}://${request.host}`;

/**
 * A failed sign-in goes to the web app's error page with the reason (as the OAuth sign-in does, and Mattermost's
 * RenderWebAppError): these URLs are opened by browsers, so never JSON, and never a 500 for what the IdP sent.
 */
function failed(err: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const appError = err instanceof AppError ? err : new AppError('api.context.internal_error.app_error', 'An internal error occurred.', 500);
  if (!(err instanceof AppError)) request.log.error({ err }, 'SAML sign-in failed');
  const query = new URLSearchParams({ type: 'saml', id: appError.id, message: appError.message });
  return reply.header('Cache-Control', 'no-store').redirect(`/error?${query}`, 302);
}

/** A form field as one string ('' when absent or repeated). */
function field(form: unknown, name: string): string {
  const value = form instanceof URLSearchParams ? form.getAll(name) : [];
  return value.length === 1 ? value[0] ?? '' : '';
}

/**
 * SAML 2.0 sign-in outside /api/v4, at Mattermost's paths: GET /login/sso/saml sends the browser to the IdP with an
 * AuthnRequest (`action` login or signup; others, such as Mattermost's email-to-SSO switch and the mobile and desktop
 * hand-offs, are not served), and POST
 * /login/sso/saml is the assertion consumer service the IdP posts its response to (HTTP-POST binding).
 */
export function registerSamlRoutes(server: FastifyInstance, app: App): void {
  void server.register(async (scope) => {
    // The IdP posts a form; everywhere else the API reads every body as JSON (json_body.ts).
    scope.removeContentTypeParser('application/x-www-form-urlencoded');
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
      done(null, new URLSearchParams(body as string));
    });

    scope.get(ACS_PATH, async (request, reply) => {
      const query = new URLSearchParams(request.url.split('?')[1] ?? '');
      try {
        // Sign-up and sign-in are one here: the account is made at its first sign-in.
        const action = query.get('action') ?? 'login';
        if (action !== 'login' && action !== 'signup') throw new AppError('api.user.saml.unsupported_action.app_error', `The SAML action "${action.slice(0, 32)}" is not supported.`, 400);
        const url = await app.saml.login.start(originOf(request), query.get('redirect_to') ?? undefined);
        return reply.header('Cache-Control', 'no-store').redirect(url, 302);
      } catch (err) {
        return failed(err, request, reply);
      }
    });

    scope.post(ACS_PATH, async (request, reply) => {
      try {
        const form = { SAMLResponse: field(request.body, 'SAMLResponse'), RelayState: field(request.body, 'RelayState') };
        const { result, redirectTo } = await app.saml.login.finish(form, originOf(request), { ipAddress: requestAddress(app, request) });
        setSessionCookies(request, reply, result);
        return reply.header('Cache-Control', 'no-store').redirect(redirectTo, 302);
      } catch (err) {
        return failed(err, request, reply);
      }
    });
  });
}
