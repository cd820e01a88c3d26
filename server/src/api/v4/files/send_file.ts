import type { FastifyReply } from 'fastify';
import type { OpenedFile } from '../../../app/files/files.js';

/**
 * Types a browser may show in the page: images it renders as pictures, PDF, media and plain text. Everything
 * else (HTML, SVG, XML, scripts ...) is sent as an attachment, so an uploaded page never runs on this origin.
 */
const INLINE_TYPES = new Set([
  'image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/bmp', 'image/avif', 'application/pdf', 'text/plain',
]);
const isInline = (type: string): boolean => INLINE_TYPES.has(type) || /^(video|audio)\/[\w.+-]+$/.test(type);

/** `filename` for old agents (ASCII, no quotes) and `filename*` with the real name (RFC 6266). */
function disposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Streams a stored file with the headers Mattermost's file responses carry; never sniffed, cached privately. */
export function sendFile(reply: FastifyReply, opened: OpenedFile, forceDownload: boolean): FastifyReply {
  const inline = !forceDownload && isInline(opened.contentType);
  reply.header('Content-Type', opened.contentType);
  if (opened.size !== undefined) {
    reply.header('Accept-Ranges', 'bytes');
    if (opened.range) {
      reply.code(206);
      reply.header('Content-Range', `bytes ${opened.range.start}-${opened.range.end}/${opened.size}`);
      reply.header('Content-Length', String(opened.range.end - opened.range.start + 1));
    } else {
      reply.header('Content-Length', String(opened.size));
    }
  }
  reply.header('X-Content-Type-Options', 'nosniff');
  reply.header('Cache-Control', 'max-age=2592000, private');
  reply.header('Last-Modified', new Date(opened.info.update_at).toUTCString());
  reply.header('Content-Disposition', disposition(inline ? 'inline' : 'attachment', opened.info.name));
  return reply.send(opened.body);
}
