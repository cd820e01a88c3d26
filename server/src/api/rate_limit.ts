import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isSystemAdmin } from '../app/actor.js';
import type { Config } from '../config/schema.js';
import { rateLimited } from '../metrics/registry.js';
import { AppError } from '../model/errors.js';
import { readToken } from './auth.js';
import { clientAddress } from './client_address.js';
import { TokenBuckets, type RateDecision } from './token_bucket.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route counts against the per-address limit on login, sign-up and password reset (authRateLimitPerMinute),
     * each route with a bucket of its own: every request (`all`), or only those that fail (`failures`: a token is
     * taken on the way in, so concurrent guesses cannot overdraw it, and given back when the answer is a success).
     */
    authRateLimit?: 'all' | 'failures';
  }
}

const tooManyRequests = (): AppError =>
  new AppError('api.context.rate_limit_exceeded.app_error', 'Too many requests. Please try again later.', 429);

/**
 * Request limits, checked before the body is read: RateLimitSettings on every API request when enabled, and a
 * stricter per-address limit on the routes that opt in with `config: { authRateLimit }`, so that passwords
 * cannot be guessed (or accounts created) at the server's full speed.
 */
export function registerRateLimits(server: FastifyInstance, config: Config): void {
  const address = (request: FastifyRequest): string => clientAddress(request.headers, request.socket.remoteAddress, config.trustedProxyIpHeader);
  if (config.rateLimitEnable) {
    const api = new TokenBuckets({ perSecond: config.rateLimitPerSec, burst: config.rateLimitMaxBurst }, config.rateLimitMemoryStoreSize);
    server.addHook('onRequest', async (request, reply) => {
      if (request.url.startsWith('/api/v4')) enforce(api.take(apiClientKey(request, config, address)), reply, 'api');
    });
  }
  if (config.authRateLimitPerMinute > 0) {
    const auth = new TokenBuckets({ perSecond: config.authRateLimitPerMinute / 60, burst: config.authRateLimitBurst }, config.rateLimitMemoryStoreSize);
    const bucketOf = (request: FastifyRequest): string => `${request.routeOptions.url ?? ''}|${address(request)}`;
    server.addHook('onRequest', async (request, reply) => {
      if (request.routeOptions.config?.authRateLimit) enforce(auth.take(bucketOf(request)), reply, 'auth');
    });
    server.addHook('onResponse', async (request, reply) => {
      const kind = request.routeOptions.config?.authRateLimit;
      if (!kind) return;
      // A system admin creating accounts (a provisioning script, say) is not who the limit is for.
      const admin = request.actor !== undefined && isSystemAdmin(request.actor);
      if (admin || (kind === 'failures' && reply.statusCode < 400)) auth.refund(bucketOf(request));
    });
  }
}

/** Upstream's key: the session token (VaryByUser) or else the address (VaryByRemoteAddr), plus a header's value (VaryByHeader). */
function apiClientKey(request: FastifyRequest, config: Config, address: (request: FastifyRequest) => string): string {
  const token = config.rateLimitVaryByUser ? readToken(request)?.token : undefined;
  let key = token ? `token:${token}` : config.rateLimitVaryByRemoteAddr ? `address:${address(request)}` : '';
  if (config.rateLimitVaryByHeader) {
    const value = request.headers[config.rateLimitVaryByHeader.toLowerCase()];
    key += `|${String(value ?? '').toLowerCase()}`;
  }
  return key;
}

function enforce(decision: RateDecision, reply: FastifyReply, limit: 'api' | 'auth'): void {
  reply.header('X-RateLimit-Limit', String(decision.limit));
  reply.header('X-RateLimit-Remaining', String(decision.remaining));
  reply.header('X-RateLimit-Reset', String(decision.resetSeconds));
  if (decision.allowed) return;
  reply.header('Retry-After', String(decision.retryAfterSeconds));
  rateLimited.inc({ limit });
  throw tooManyRequests();
}
