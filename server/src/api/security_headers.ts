import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * The web client's policy: its own scripts, styles and API only (the build has
 * no inline script or style; React's `style` props go through the CSSOM, which
 * CSP does not restrict). Images may also come from any https: origin because
 * messages embed markdown images today (link previews and avatars from other
 * sites will need the same).
 */
const CLIENT_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob: https:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** API responses are never documents: if one is opened as a page, it may load nothing and run nothing. */
const API_POLICY = "default-src 'none'; frame-ancestors 'none'";
/**
 * An uploaded PDF shown inline may be framed by the web client's file viewer. The browser's own viewer draws it, in
 * frames a stricter policy could block; nosniff keeps it from ever being read as a page.
 */
const INLINE_PDF_POLICY = "frame-ancestors 'self'";

/** Whether the reply is a file the web client frames: a PDF sent inline (send_file.ts). */
function isFramedFile(reply: FastifyReply): boolean {
  return String(reply.getHeader('Content-Type') ?? '').startsWith('application/pdf')
    && String(reply.getHeader('Content-Disposition') ?? '').startsWith('inline');
}

const HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/** The WebSocket origin of a site URL (`https://chat.example.com` -> `wss://chat.example.com`). */
function webSocketOriginOf(siteUrl: string): string | undefined {
  if (!URL.canParse(siteUrl)) return undefined;
  const url = new URL(siteUrl);
  return `${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}`;
}

/**
 * The page's WebSocket origins as the request names its host. Behind a proxy
 * that ends TLS the request itself looks like plain http, so both schemes are
 * named (set siteUrl to name exactly one).
 */
function requestWebSocketOrigins(request: FastifyRequest): string | undefined {
  // The Host header is the client's to choose: anything but a plain host[:port] could inject directives.
  if (!HOST.test(request.host)) return undefined;
  return `ws://${request.host} wss://${request.host}`;
}

/** Sets the headers below on a reply; `securityHeaders` makes one for the server's site URL. */
export type SecurityHeaders = (request: FastifyRequest, reply: FastifyReply) => void;

/**
 * Headers that stop other sites framing Parley, stop browsers guessing content
 * types, keep URLs out of cross-origin Referers, and confine the web client to
 * its own origin.
 */
export function securityHeaders(options: { siteUrl: () => string }): SecurityHeaders {
  // The site URL can change while the server runs (the config API); its origin is worked out again only then.
  let siteUrl = '';
  let siteWebSocket: string | undefined;
  return (request, reply) => {
    if (options.siteUrl() !== siteUrl) {
      siteUrl = options.siteUrl();
      siteWebSocket = webSocketOriginOf(siteUrl);
    }
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'strict-origin-when-cross-origin');
    if (request.url.startsWith('/api/') && isFramedFile(reply)) {
      reply.header('X-Frame-Options', 'SAMEORIGIN');
      reply.header('Content-Security-Policy', INLINE_PDF_POLICY);
      return;
    }
    reply.header('X-Frame-Options', 'DENY');
    if (request.url.startsWith('/api/')) {
      reply.header('Content-Security-Policy', API_POLICY);
    } else {
      // Older browsers do not let 'self' cover ws:/wss:, so the socket's origin is named explicitly.
      const ws = siteWebSocket ?? requestWebSocketOrigins(request);
      reply.header('Content-Security-Policy', `${CLIENT_POLICY}; connect-src 'self'${ws ? ` ${ws}` : ''}`);
    }
  };
}

/** Sets them on every response, errors included (the router's own errors set them where they are rendered). */
export function registerSecurityHeaders(server: FastifyInstance, setHeaders: SecurityHeaders): void {
  server.addHook('onSend', async (request, reply, payload) => {
    setHeaders(request, reply);
    return payload;
  });
}
