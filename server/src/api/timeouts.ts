import type { ServerOptions } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config/schema.js';
import { httpRequestTimeouts } from '../metrics/registry.js';
import { AppError } from '../model/errors.js';
import { newId } from '../model/id.js';

/** Headers arrive in one or two packets from any real client; a peer trickling them is holding a connection. */
const HEADERS_TIMEOUT_MS = 10_000;
/**
 * A connection on which nothing moves for this long is closed (Mattermost's ServiceSettings.IdleTimeout default): a
 * client that stops reading would otherwise keep its unsent response, a page of posts of up to postListMaxBytes,
 * in memory for as long as it likes. Upgraded WebSockets have their own ping timeout instead (ws clears this one).
 */
const IDLE_CONNECTION_MS = 60_000;
/** How often Node looks for requests past their time (its default, 30 s, let a slow request live 30 s too long). */
const TIMEOUT_CHECK_INTERVAL_MS = 1_000;

/** Sockets receiving an authenticated file upload, whose body may take longer than ReadTimeout while it moves. */
const receivingUploads = new WeakSet<Socket>();

/**
 * Lets this request's body take as long as it keeps moving: a 100 MB file over a slow uplink needs minutes, while a
 * stalled upload is still closed by the idle timeout. Only for a caller already authenticated, until the answer ends.
 */
export function allowSlowUpload(request: FastifyRequest, reply: FastifyReply): void {
  const socket = request.raw.socket;
  receivingUploads.add(socket);
  reply.raw.once('close', () => receivingUploads.delete(socket));
}

/** Node's (and Fastify's) client errors, answered as Mattermost errors; anything else is a 400. */
const CLIENT_ERRORS = new Map<string, { reason: string; error: () => AppError }>([
  ['ERR_HTTP_REQUEST_TIMEOUT', {
    reason: 'Request Timeout', error: () => new AppError('api.context.request_timeout.app_error', 'The request did not arrive in time.', 408),
  }],
  ['HPE_HEADER_OVERFLOW', {
    reason: 'Request Header Fields Too Large', error: () => new AppError('api.context.request_headers_too_large.app_error', 'The request headers are too large.', 431),
  }],
]);
const BAD_REQUEST = { reason: 'Bad Request', error: () => new AppError('api.context.bad_request.app_error', 'The request is not valid HTTP.', 400) };

/** A whole HTTP response, written straight to the socket since Node has no request object for it. */
function rawErrorResponse({ reason, error }: { reason: string; error: () => AppError }): string {
  const appError = error();
  const body = JSON.stringify(appError.toJSON(newId()));
  return `HTTP/1.1 ${appError.statusCode} ${reason}\r\nConnection: close\r\nContent-Type: application/json\r\n`
    + `X-Content-Type-Options: nosniff\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

/** The response Node is writing on a socket, if any (Node keeps it there while a request is answered). */
type ServingSocket = Socket & { _httpMessage?: { headersSent: boolean } | null };

/**
 * The answer to a client error, in the Mattermost error shape, plus a count of timeouts: 408 for a request not
 * received in time (431 for oversized headers, else 400), but only while no response has started on the socket, since bytes after a started
 * response would corrupt it; then the connection closes.
 */
function onClientError(err: NodeJS.ErrnoException, socket: ServingSocket): void {
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    if (receivingUploads.has(socket)) return;
    httpRequestTimeouts.inc();
  }
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable && !socket._httpMessage?.headersSent) {
    socket.write(rawErrorResponse(CLIENT_ERRORS.get(err.code ?? '') ?? BAD_REQUEST));
  }
  socket.destroy(err);
}

/**
 * Fastify options that bound how long a client may take to send a request (ServiceSettings.ReadTimeout covers
 * headers and body; headers alone get less). Idle keep-alive connections and upgraded WebSockets are not requests
 * in progress, so these never close them.
 */
export function requestTimeoutOptions(config: Pick<Config, 'readTimeoutSeconds'>): {
  requestTimeout: number; connectionTimeout: number; http: ServerOptions; clientErrorHandler: (err: Error, socket: Socket) => void;
} {
  const requestTimeout = config.readTimeoutSeconds * 1000;
  return {
    // Fastify sets the server's requestTimeout itself, after creating it with the `http` options.
    requestTimeout,
    connectionTimeout: IDLE_CONNECTION_MS,
    http: { requestTimeout, headersTimeout: Math.min(HEADERS_TIMEOUT_MS, requestTimeout), connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS },
    clientErrorHandler: onClientError,
  };
}
