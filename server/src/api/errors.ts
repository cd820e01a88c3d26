import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { SERVER_BUSY_ID } from '../app/concurrency_limit.js';
import { AppError } from '../model/errors.js';

/** Fastify's own 4xx errors (bad JSON, body too large, ...) mapped to stable Mattermost ids. */
function fromFastify(err: FastifyError): AppError {
  if (err.validation) {
    const where = err.validationContext === 'body' ? 'invalid_body_param' : err.validationContext === 'params' ? 'invalid_url_param' : 'invalid_param';
    const field = err.validation[0]?.instancePath?.replace(/^\//, '') || err.validation[0]?.params?.missingProperty || err.validationContext || 'request';
    return new AppError(`api.context.${where}.app_error`, `Invalid or missing ${String(field)} parameter: ${err.message}`, 400);
  }
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('api.context.invalid_body_param.app_error', 'The request body is not valid JSON.', 400);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('api.context.request_body_too_large.app_error', 'The request body is too large.', 413);
    case 'FST_ERR_BAD_URL':
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new AppError('api.context.invalid_url_param.app_error', 'The request URL is not valid.', 400);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('api.context.invalid_content_type.app_error', 'Unsupported content type.', 415);
    default:
      if (err instanceof SyntaxError) return new AppError('api.context.invalid_body_param.app_error', 'The request body is not valid JSON.', 400);
      return new AppError('api.context.bad_request.app_error', err.message, err.statusCode ?? 400);
  }
}

/** The connection closed while the request's body was still arriving (Node's `aborted`, ECONNRESET). */
function clientWentAway(err: unknown, request: FastifyRequest): boolean {
  return (err as NodeJS.ErrnoException | undefined)?.code === 'ECONNRESET' && !request.raw.complete;
}

/** Renders every failure once, in the Mattermost error shape, with the request id. */
export function renderError(err: unknown, request: FastifyRequest, reply: FastifyReply): void {
  let appError: AppError;
  if (err instanceof AppError) {
    appError = err;
  } else {
    const fe = err as FastifyError;
    if ((fe.statusCode !== undefined && fe.statusCode < 500) || fe.validation) {
      appError = fromFastify(fe);
    } else if (clientWentAway(err, request)) {
      // A cancelled upload or a closed tab: nothing went wrong here, and nobody is left to read the answer.
      appError = new AppError('api.context.request_aborted.app_error', 'The client closed the request before sending all of it.', 400);
    } else {
      request.log.error({ err }, 'unhandled error');
      appError = new AppError('api.context.internal_error.app_error', 'An internal error occurred.', 500);
    }
  }
  if (appError.statusCode >= 500 && err instanceof AppError) {
    // Shedding load on purpose (work that waited past its deadline): one warning line each, without the stack; as
    // errors they came by the thousand a minute, each with its stack, while the node was short of CPU.
    if (appError.id === SERVER_BUSY_ID) request.log.warn({ detail: appError.detail }, appError.id);
    else request.log.error({ err, detail: appError.detail }, appError.id);
  }
  // A Buffer: Fastify then keeps the content type exactly as set, also for router errors, where no onSend hook runs.
  void reply.code(appError.statusCode).type('application/json').send(Buffer.from(JSON.stringify(appError.toJSON(request.id))));
}

export function notFoundRoute(request: FastifyRequest, reply: FastifyReply): void {
  renderError(new AppError('api.context.404.app_error', 'Sorry, we could not find the page.', 404), request, reply);
}
