import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { fastifyCookie } from '@fastify/cookie';
import { WebSocketServer } from 'ws';
import { authorizationToken } from '../api/auth.js';
import type { App } from '../app/app.js';
import { reportUnexpected } from '../metrics/unexpected.js';
import { isValidId } from '../model/id.js';
import type { SessionRecord } from '../model/types.js';
import type { ResumeRequest } from './client_socket.js';
import type { Hub } from './hub.js';

const WEBSOCKET_PATHS = new Set(['/api/v4/websocket', '/api/v4/websocket/']);
/** Upstream's inbound limit; larger frames close the socket (1009). */
const MAX_INBOUND_BYTES = 8 * 1024;

export interface WebSocketEndpoint {
  /** Refuses new sockets, then closes the open ones. */
  close(): Promise<void>;
}

/**
 * Serves `GET /api/v4/websocket` upgrades on the HTTP server. Credentials on
 * the upgrade (MMAUTHTOKEN cookie, Authorization header) authenticate at
 * once; otherwise the client has the authentication challenge.
 */
export function attachWebSocket(server: Server, app: App, hub: Hub): WebSocketEndpoint {
  // No compression: per-socket zlib state would outweigh everything else a socket holds, and events are small.
  // Pongs are sent by the hub, so a peer's pings count against its message rate.
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: MAX_INBOUND_BYTES, clientTracking: false, autoPong: false });
  let accepting = true;

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node leaves upgrade sockets without an error listener; a reset while the session loads must not crash us.
    socket.on('error', destroyOnError);
    try {
      const { pathname, query } = splitTarget(request.url ?? '/');
      if (!accepting || !WEBSOCKET_PATHS.has(pathname)) {
        refuse(socket, accepting ? '404 Not Found' : '503 Service Unavailable');
        return;
      }
      const resume = resumeRequest(new URLSearchParams(query));
      upgradeSession(app, request).then((session) => {
        if (!accepting) return refuse(socket, '503 Service Unavailable');
        wss.handleUpgrade(request, socket, head, (ws) => {
          try {
            hub.accept(ws, socket, resume, session);
          } catch (err) {
            reportUnexpected('websocket_upgrade', err, app.deps.log);
            ws.terminate();
          }
        });
      }).catch((err: unknown) => failUpgrade(socket, err, app));
    } catch (err) {
      failUpgrade(socket, err, app);
    }
  });

  return {
    async close() {
      accepting = false;
      await hub.close();
      wss.close();
    },
  };
}

/**
 * The raw request target, split without `new URL`: a target such as `//%%%`
 * is not a valid URL, and only an exact path match matters here anyway.
 */
function splitTarget(target: string): { pathname: string; query: string } {
  const mark = target.indexOf('?');
  return mark === -1 ? { pathname: target, query: '' } : { pathname: target.slice(0, mark), query: target.slice(mark + 1) };
}

function failUpgrade(socket: Duplex, err: unknown, app: App): void {
  reportUnexpected('websocket_upgrade', err, app.deps.log);
  if (socket.writable) refuse(socket, '500 Internal Server Error');
  else socket.destroy();
}

function destroyOnError(this: Duplex): void {
  this.destroy();
}

function refuse(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function resumeRequest(params: URLSearchParams): ResumeRequest {
  const connectionId = params.get('connection_id') ?? '';
  const sequence = params.get('sequence_number') ?? '';
  return {
    connectionId: isValidId(connectionId) ? connectionId : '',
    sequenceNumber: /^\d{1,9}$/.test(sequence) ? Number(sequence) : 0,
  };
}

/** The session the upgrade's credentials name, if any is valid; a bad one leaves the challenge open. */
async function upgradeSession(app: App, request: IncomingMessage): Promise<SessionRecord | undefined> {
  const cookie = sameOrigin(request, app.config.siteUrl) && request.headers.cookie
    ? fastifyCookie.parse(request.headers.cookie).MMAUTHTOKEN
    : undefined;
  const token = cookie || authorizationToken(request.headers.authorization);
  if (!token) return undefined;
  return app.sessions.resolve(token).catch(() => undefined);
}

/**
 * Browsers send cookies on cross-site WebSocket upgrades too, so a cookie
 * only counts when the page's Origin is this server (or its public site URL).
 */
function sameOrigin(request: IncomingMessage, siteUrl: string): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  const originHost = hostOf(origin);
  if (originHost === undefined) return false;
  if (originHost === request.headers.host) return true;
  return siteUrl !== '' && hostOf(siteUrl) === originHost;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}
