import type { FastifyInstance } from 'fastify';
import { AppError } from '../model/errors.js';
import { parseUntrustedJson, UnsafeJsonError } from '../model/safe_json.js';

/** Mattermost clients send JSON with any of these content types (or with none, which Fastify reads as no body). */
const JSON_CONTENT_TYPES = ['application/json', 'text/plain', 'application/x-www-form-urlencoded'];

const invalidBody = (reason: string): AppError =>
  new AppError('api.context.invalid_body_param.app_error', `The request body is not valid: ${reason}`, 400);

/**
 * The one body parser of the API: every accepted content type is read as
 * JSON, through `parseUntrustedJson` (bounded depth, no U+0000, no
 * `__proto__` keys). The body size limit is Fastify's `bodyLimit`.
 */
export function registerJsonBodyParser(server: FastifyInstance): void {
  server.removeContentTypeParser(['application/json', 'text/plain']);
  server.addContentTypeParser(JSON_CONTENT_TYPES, { parseAs: 'string' }, (_request, body, done) => {
    if (body === '') return done(null, undefined);
    try {
      done(null, parseUntrustedJson(body as string));
    } catch (err) {
      done(invalidBody(err instanceof UnsafeJsonError ? err.message : 'malformed JSON'), undefined);
    }
  });
}
