import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { App } from '../app/app.js';
import { newId } from '../model/id.js';
import { httpDuration, registry } from '../metrics/registry.js';
import type { Api, RouteContext, RouteModule } from './context.js';
import { notFoundRoute, renderError } from './errors.js';
import { versionId } from './version.js';
import { v4Routes } from './v4/index.js';

export interface HttpServerOptions {
  app: App;
  /** pino options or false; the app's own logger is separate. */
  logger: boolean | object;
  webDir?: string;
}

/**
 * The HTTP edge: parses and validates requests, authenticates, calls the app,
 * renders results and errors in Mattermost's wire format.
 */
export async function buildHttpServer(options: HttpServerOptions): Promise<{ server: FastifyInstance; ctx: RouteContext }> {
  const server = Fastify({
    logger: options.logger,
    genReqId: () => newId(),
    bodyLimit: 1024 * 1024,
    trustProxy: true,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 256 },
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  const ctx: RouteContext = { app: options.app, versionId: versionId(options.app.config) };

  await server.register(fastifyCookie);
  // Mattermost clients send JSON with any content type (or none); parse it all as JSON.
  server.addContentTypeParser(['text/plain', 'application/x-www-form-urlencoded'], { parseAs: 'string' }, (request, body, done) => {
    if (body === '') return done(null, undefined);
    try {
      done(null, JSON.parse(body as string));
    } catch (err) {
      done(err as Error, undefined);
    }
  });

  server.addHook('onRequest', async (request, reply) => {
    reply.header('X-Request-Id', request.id);
    reply.header('X-Version-Id', ctx.versionId);
    if (request.method === 'GET' && request.url.startsWith('/api/')) reply.header('Expires', '0');
  });
  // Client4 compares Content-Type with === 'application/json': no charset suffix.
  server.addHook('onSend', async (_request, reply, payload) => {
    const type = reply.getHeader('content-type');
    if (typeof type === 'string' && type.startsWith('application/json')) reply.header('content-type', 'application/json');
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

  server.get('/metrics', async (_request, reply) => {
    reply.type(registry.contentType);
    return registry.metrics();
  });

  const webDir = options.webDir;
  if (webDir && existsSync(path.join(webDir, 'index.html'))) {
    await server.register(fastifyStatic, { root: path.resolve(webDir), wildcard: false, index: ['index.html'] });
    // Client-side routes (/team/channels/x) all load the single-page app.
    server.setNotFoundHandler((request, reply) => {
      if (request.method === 'GET' && !request.url.startsWith('/api/') && !request.url.startsWith('/hooks/')) {
        return reply.type('text/html').sendFile('index.html');
      }
      return notFoundRoute(request, reply);
    });
  } else {
    server.setNotFoundHandler(notFoundRoute);
  }
  return { server: server as unknown as FastifyInstance, ctx };
}
