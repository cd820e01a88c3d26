import type { ServerOptions } from 'node:http';
import type { Socket } from 'node:net';
import type { Config } from '../config/schema.js';
import { httpRequestTimeouts } from '../metrics/registry.js';

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

const statusLine = (status: string): string => `HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`;
/** Node's (and Fastify's) answers to client errors; anything else is a 400. */
const CLIENT_ERROR_STATUS: Record<string, string> = {
  ERR_HTTP_REQUEST_TIMEOUT: statusLine('408 Request Timeout'),
  HPE_HEADER_OVERFLOW: statusLine('431 Request Header Fields Too Large'),
};
const BAD_REQUEST = statusLine('400 Bad Request');

/** The response Node is writing on a socket, if any (Node keeps it there while a request is answered). */
type ServingSocket = Socket & { _httpMessage?: { headersSent: boolean } | null };

/**
 * Node's own answer to a client error, plus a count of timeouts: 408 for a request not received in time (431 for
 * oversized headers, else 400), but only while no response has started on the socket, since bytes after a started
 * response would corrupt it; then the connection closes.
 */
function onClientError(err: NodeJS.ErrnoException, socket: ServingSocket): void {
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') httpRequestTimeouts.inc();
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable && !socket._httpMessage?.headersSent) {
    socket.write(CLIENT_ERROR_STATUS[err.code ?? ''] ?? BAD_REQUEST);
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
