import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic, { type SetHeadersResponse } from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { notFoundRoute } from './errors.js';

/** Vite puts a content hash in every file name under assets/, so a name never changes meaning. */
const HASHED_ASSETS = `${path.sep}assets${path.sep}`;

function setCacheHeaders(res: SetHeadersResponse, file: string): void {
  // index.html and the unhashed files (favicon) are revalidated each time, so a deploy shows at once.
  res.setHeader('Cache-Control', file.includes(HASHED_ASSETS) ? 'public, max-age=31536000, immutable' : 'no-cache');
  // The same URL answers with brotli, gzip or plain bytes depending on the request.
  res.setHeader('Vary', 'Accept-Encoding');
}

/**
 * Serves the built web client from `webDir` (if it has one), with the `.br`
 * and `.gz` files the build wrote next to each asset for clients that accept
 * them. Any other GET outside the API loads the single-page app, which routes
 * on the client. Returns whether the client is served.
 */
export async function registerWebClient(server: FastifyInstance, webDir: string | undefined): Promise<boolean> {
  if (!webDir || !existsSync(path.join(webDir, 'index.html'))) return false;
  await server.register(fastifyStatic, {
    root: path.resolve(webDir),
    wildcard: false,
    index: ['index.html'],
    preCompressed: true,
    // The compressed copies are only reached through Accept-Encoding, never by their own URL.
    globIgnore: ['**/*.br', '**/*.gz'],
    cacheControl: false,
    setHeaders: setCacheHeaders,
  });
  server.setNotFoundHandler((request, reply) => {
    const clientRoute = (request.method === 'GET' || request.method === 'HEAD') && !/^\/(api|hooks|assets)\//.test(request.url);
    // A missing asset is a 404, not the app's HTML (which a browser would refuse as a script anyway).
    if (!clientRoute) return notFoundRoute(request, reply);
    return reply.code(200).type('text/html').sendFile('index.html');
  });
  return true;
}
