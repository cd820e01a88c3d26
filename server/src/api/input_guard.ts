import type { FastifyInstance } from 'fastify';
import { AppError } from '../model/errors.js';
import { hasNul } from '../model/safe_json.js';

const invalidUrl = (where: string): AppError =>
  new AppError('api.context.invalid_url_param.app_error', `The request ${where} contains an invalid character.`, 400);

/**
 * Refuses, before any route runs, a URL whose decoded path parameters or
 * query (names or values) carry U+0000: no lookup by such a value can
 * succeed, and PostgreSQL would fail the statement instead of finding
 * nothing. (Bodies are checked by the JSON body parser; raw control bytes
 * never get past Node's HTTP parser.)
 */
export function registerInputGuard(server: FastifyInstance): void {
  server.addHook('onRequest', async (request) => {
    if (hasNulIn(request.params)) throw invalidUrl('path');
    if (hasNulIn(request.query)) throw invalidUrl('query');
  });
}

/** Path parameters and parsed query strings are flat: strings, or arrays of strings for repeated names. */
function hasNulIn(values: unknown): boolean {
  if (typeof values !== 'object' || values === null) return false;
  for (const [key, value] of Object.entries(values)) {
    if (hasNul(key)) return true;
    const list: unknown[] = Array.isArray(value) ? value : [value];
    if (list.some((item) => typeof item === 'string' && hasNul(item))) return true;
  }
  return false;
}
