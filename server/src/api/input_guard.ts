import type { FastifyInstance } from 'fastify';
import { AppError } from '../model/errors.js';

const invalidUrl = (where: string): AppError =>
  new AppError('api.context.invalid_url_param.app_error', `The request ${where} contains an invalid character.`, 400);

/** U+0000 percent-encoded, the only way it reaches a decoded path parameter or query value. */
const ENCODED_NUL = /%00/;

/**
 * Refuses, before any route runs, a URL whose path parameters or query
 * (names or values) would decode to U+0000: no lookup by such a value can
 * succeed, and PostgreSQL would fail the statement instead of finding
 * nothing. Node's HTTP parser refuses a raw NUL, so the encoded form is the
 * one to look for, once, in the raw URL rather than in every decoded value.
 * (Bodies are checked by the JSON body parser.)
 */
export function registerInputGuard(server: FastifyInstance): void {
  server.addHook('onRequest', async (request) => {
    const at = request.url.search(ENCODED_NUL);
    if (at === -1) return;
    const query = request.url.indexOf('?');
    throw invalidUrl(query !== -1 && at > query ? 'query' : 'path');
  });
}
