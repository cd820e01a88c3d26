import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { App } from '../app/app.js';
import { newId } from '../model/id.js';
import { httpDuration } from '../metrics/registry.js';
import type { Api, RouteContext, RouteModule } from './context.js';
import { registerAuditHook } from './audit_hook.js';
import { registerBodyBudget } from './body_budget.js';
import { notFoundRoute, renderError } from './errors.js';
import { registerInputGuard } from './input_guard.js';
import { registerJsonBodyParser } from './json_body.js';
import { registerMultipart } from './multipart.js';
import { registerRateLimits } from './rate_limit.js';
import { registerSecurityHeaders, securityHeaders } from './security_headers.js';
import { registerWebClient } from './static_files.js';
import { requestTimeoutOptions } from './timeouts.js';
import { versionId } from './version.js';
import { v4Routes } from './v4/index.js';
import { registerPublicFileRoute } from './v4/files/public_file.js';
import { registerIncomingHookEndpoint } from './integrations/hook_endpoint.js';
import { registerCommandWebhookRoute } from './integrations/command_webhook_endpoint.js';
import { registerOAuthProviderRoutes } from './integrations/oauth_provider_routes.js';
import { registerSsoRoutes } from './identity/sso_routes.js';
import { registerSamlRoutes } from './identity/saml_routes.js';

/** The largest request body any route takes. */
const BODY_LIMIT = 1024 * 1024;

/** One method and URL pattern (`/api/v4/users/:user_id`) the server answers, with its body's JSON schema if it declares one. */
export interface HttpRoute {
  method: string;
  url: string;
  bodySchema?: unknown;
}

export interface HttpServerOptions {
  app: App;
  /** The app's logger, which Fastify's request logs join, or false for none. */
  logger: FastifyBaseLogger | false;
  webDir?: string;
}

/**
 * The HTTP edge: parses and validates requests, authenticates, calls the app,
 * renders results and errors in Mattermost's wire format.
 */
export async function buildHttpServer(options: HttpServerOptions): Promise<{ server: FastifyInstance; ctx: RouteContext; routes: readonly HttpRoute[] }> {
  const setSecurityHeaders = securityHeaders({ siteUrl: () => options.app.config.siteUrl });
  const server = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    genReqId: () => newId(),
    bodyLimit: BODY_LIMIT,
    ...requestTimeoutOptions(options.app.config),
    // No trustProxy: X-Forwarded-For would let any client pick its address; see client_address.ts.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 256 },
    // URLs the router cannot decode (`%%%`, overlong UTF-8) or with overlong parameters are answered like every other
    // error; no hook runs for them, so the headers the hooks would set are set here.
    frameworkErrors: (err, request, reply) => {
      reply.header('X-Request-Id', request.id);
      setSecurityHeaders(request, reply);
      renderError(err, request, reply);
    },
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  const ctx: RouteContext = { app: options.app, versionId: versionId(options.app.config) };
  const routes: HttpRoute[] = [];
  server.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url, bodySchema: route.schema?.body });
  });

  await server.register(fastifyCookie);
  registerJsonBodyParser(server);
  // multipart/form-data bodies are streamed by the routes that take files (api/multipart.ts), never buffered here.
  await registerMultipart(server as unknown as FastifyInstance);

  server.addHook('onRequest', async (request, reply) => {
    reply.header('X-Request-Id', request.id);
    reply.header('X-Version-Id', ctx.versionId);
    if (request.method === 'GET' && request.url.startsWith('/api/')) reply.header('Expires', '0');
  });
  registerInputGuard(server);
  registerBodyBudget(server, { maxBytesInFlight: options.app.config.requestBodiesInFlightBytes, bodyLimit: BODY_LIMIT });
  registerRateLimits(server, options.app.config);
  registerSecurityHeaders(server, setSecurityHeaders);
  registerAuditHook(server, options.app);
  // Client4 compares Content-Type with === 'application/json' and 'application/x-ndjson': no charset suffix.
  server.addHook('onSend', async (_request, reply, payload) => {
    const type = reply.getHeader('content-type');
    if (typeof type !== 'string') return payload;
    if (type.startsWith('application/json')) reply.header('content-type', 'application/json');
    else if (type.startsWith('application/x-ndjson')) reply.header('content-type', 'application/x-ndjson');
    return payload;
  });
  server.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    httpDuration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  server.setErrorHandler((err, request, reply) => renderError(err, request, reply));

  await server.register(async (api) => {
    for (const register of v4Routes as RouteModule[]) register(api as unknown as Api, ctx);
    api.setNotFoundHandler(notFoundRoute);
  }, { prefix: '/api/v4' });

  // Public file links point outside /api/v4, where Mattermost serves them.
  registerPublicFileRoute(server as unknown as FastifyInstance, options.app);
  await registerIncomingHookEndpoint(server as unknown as FastifyInstance, options.app);
  await registerCommandWebhookRoute(server as unknown as FastifyInstance, options.app);
  // The OAuth 2.0 provider's flow is outside /api/v4 too (/oauth/*, /.well-known/oauth-authorization-server).
  registerOAuthProviderRoutes(server as unknown as FastifyInstance, options.app);
  // Single sign-on through OAuth / OpenID Connect providers: /oauth/{service}/login|signup and the callbacks.
  registerSsoRoutes(server as unknown as FastifyInstance, options.app);
  // SAML 2.0: GET /login/sso/saml starts a sign-in, POST /login/sso/saml is the assertion consumer service.
  registerSamlRoutes(server as unknown as FastifyInstance, options.app);
  // Metrics are served on their own address (metrics/listener.ts); here the path is not found, not the web client.
  server.get('/metrics', notFoundRoute);
  if (!(await registerWebClient(server, options.webDir))) server.setNotFoundHandler(notFoundRoute);
  return { server: server as unknown as FastifyInstance, ctx, routes };
}
