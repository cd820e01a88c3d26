import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuditExtra } from '../app/admin/audit.js';
import type { App } from '../app/app.js';

/** What one request did, for the audit log. */
export interface AuditNote {
  action: string;
  /** What it acted on (an id from the path, usually). */
  object?: string;
  extra?: AuditExtra;
}

/**
 * How a route's requests are audited: the action, the path parameter naming its object and the body fields worth
 * keeping (never a password or a token); or a function of the request where the action depends on it.
 */
export type AuditSpec = { action: string; object?: string; body?: readonly string[] } | ((request: FastifyRequest) => AuditNote);

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Every request to the route by an authenticated caller leaves an audit record, refused ones too (see audit_hook.ts). */
    audit?: AuditSpec;
  }
}

/**
 * Audits the routes that declare `config: { audit }`, as upstream audits in its API handlers: once the answer is
 * known (success below 400, fail with the status and error id otherwise) and before it is sent, so a client that
 * reads the log next finds the record. Only authenticated callers are recorded: an anonymous request is refused
 * before it can do anything, and logins are recorded by the app, which knows the account.
 */
export function registerAuditHook(server: FastifyInstance, app: App): void {
  server.addHook('onSend', async (request, reply, payload) => {
    const spec = request.routeOptions.config?.audit;
    const actor = request.actor;
    if (!spec || !actor) return payload;
    const note = typeof spec === 'function' ? spec(request) : {
      action: spec.action,
      object: spec.object ? pathParam(request, spec.object) : undefined,
      extra: spec.body ? bodyFields(request, spec.body) : undefined,
    };
    const failed = reply.statusCode >= 400;
    await app.audit.recordFor(actor, {
      action: note.action, object: note.object, result: failed ? 'fail' : 'success',
      extra: failed ? { ...note.extra, status: reply.statusCode, error: errorId(payload) } : note.extra,
    });
    return payload;
  });
}

/** A path parameter; `me` is the caller. */
export function pathParam(request: FastifyRequest, name: string): string | undefined {
  const value = (request.params as Record<string, unknown> | undefined)?.[name];
  if (typeof value !== 'string') return undefined;
  return value === 'me' && request.actor ? request.actor.userId : value;
}

export function queryFlag(request: FastifyRequest, name: string): boolean {
  const value = (request.query as Record<string, unknown> | undefined)?.[name];
  return value === 'true' || value === '1';
}

/** The named body fields that are strings, numbers or booleans. */
export function bodyFields(request: FastifyRequest, names: readonly string[]): AuditExtra {
  const body = request.body;
  const extra: Record<string, string | number | boolean> = {};
  if (typeof body !== 'object' || body === null) return extra;
  for (const name of names) {
    const value = (body as Record<string, unknown>)[name];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') extra[name] = value;
  }
  return extra;
}

/** The `id` of a rendered error (api/errors.ts sends it as a Buffer). */
function errorId(payload: unknown): string | undefined {
  const text = Buffer.isBuffer(payload) ? payload.toString('utf8') : typeof payload === 'string' ? payload : undefined;
  if (!text) return undefined;
  try {
    const id: unknown = (JSON.parse(text) as { id?: unknown }).id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

/** Team or channel member role changes (`roles`, or `schemeRoles` flags): the member is the object. */
export function memberRolesAudit(scope: 'team' | 'channel'): AuditSpec {
  return (request) => {
    const roles = (request.body as { roles?: unknown } | undefined)?.roles;
    return {
      action: `${scope}.member.roles.update`, object: pathParam(request, 'user_id'),
      extra: {
        [`${scope}_id`]: pathParam(request, `${scope}_id`),
        ...(Array.isArray(roles) ? { roles: roles.filter((role) => typeof role === 'string').join(' ') } : {}),
        ...bodyFields(request, ['roles', 'scheme_user', 'scheme_admin']),
      },
    };
  };
}

/** Deletion: archiving, or with `permanent=true` the rows themselves. */
export function deletionAudit(kind: 'team' | 'channel' | 'post'): AuditSpec {
  return (request) => ({
    action: queryFlag(request, 'permanent') ? `${kind}.delete.permanent` : `${kind}.delete`, object: pathParam(request, `${kind}_id`),
  });
}
