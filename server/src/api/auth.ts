import type { FastifyRequest } from 'fastify';
import type { Actor } from '../app/actor.js';
import type { App } from '../app/app.js';
import { sessionExpired } from '../model/errors.js';
import { clientAddress } from './client_address.js';

export type TokenSource = 'cookie' | 'header' | 'query';

/** The session token of a request, in Mattermost's order: cookie, then Authorization, then access_token. */
export function readToken(request: FastifyRequest): { token: string; source: TokenSource } | undefined {
  const cookie = request.cookies?.MMAUTHTOKEN;
  if (cookie) return { token: cookie, source: 'cookie' };
  const header = authorizationToken(request.headers.authorization);
  if (header) return { token: header, source: 'header' };
  const query = (request.query as Record<string, unknown> | undefined)?.access_token;
  if (typeof query === 'string' && query) return { token: query, source: 'query' };
  return undefined;
}

/** The token of an `Authorization: Bearer <t>` (any case; Client4 sends BEARER) or `Token <t>` header. */
export function authorizationToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const lower = header.slice(0, 6).toLowerCase();
  if (lower === 'bearer' && header.length > 7) return header.slice(7).trim();
  if (lower.startsWith('token') && header.length > 6) return header.slice(6).trim();
  return undefined;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface AuthenticateOptions {
  csrfExempt?: boolean;
  /** Allowed to accounts that owe MFA set-up under EnforceMultifactorAuthentication (setting it up, reading themselves). */
  mfaExempt?: boolean;
}

/**
 * Resolves the caller. Cookie-authenticated writes must echo the session's
 * CSRF token in X-CSRF-Token (browsers cannot be made to send it cross-site).
 */
export async function authenticate(app: App, request: FastifyRequest, options: AuthenticateOptions = {}): Promise<Actor> {
  const actor = request.actor ?? await resolveActor(app, request, options);
  if (!options.mfaExempt) await app.mfa.enforce(actor);
  return actor;
}

async function resolveActor(app: App, request: FastifyRequest, options: AuthenticateOptions): Promise<Actor> {
  const found = readToken(request);
  if (!found) throw sessionExpired();
  const session = await app.sessions.resolve(found.token);
  if (found.source === 'cookie' && !SAFE_METHODS.has(request.method) && !options.csrfExempt) {
    if (request.headers['x-csrf-token'] !== session.csrf_token) throw sessionExpired();
  }
  const actor: Actor = { userId: session.user_id, session, roles: session.roles.split(' ').filter(Boolean), ipAddress: requestAddress(app, request) };
  request.actor = actor;
  return actor;
}

/** The client's address, behind the proxies ServiceSettings.TrustedProxyIPHeader names. */
export function requestAddress(app: App, request: FastifyRequest): string {
  return clientAddress(request.headers, request.socket.remoteAddress, app.config.trustedProxyIpHeader);
}

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
  }
}
