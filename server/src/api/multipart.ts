import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';

/** Form fields beside the files (channel_id, client_ids) are short: Mattermost reads at most 10 KiB of each. */
export const MULTIPART_FIELD_BYTES = 10 * 1024;

/**
 * Registers multipart parsing once for every route. Nothing is read until a route asks (`request.parts()` or
 * `request.file()`), and each route passes the limits the live config sets at that moment, so the values here are
 * only the floor for a route that forgets: one file of at most 1 MiB.
 */
export async function registerMultipart(server: FastifyInstance): Promise<void> {
  await server.register(fastifyMultipart, {
    limits: { fieldSize: MULTIPART_FIELD_BYTES, fields: 100, files: 1, fileSize: 1024 * 1024, parts: 200, headerPairs: 100 },
  });
}

/**
 * Limits for one request's parts: `maxFileBytes` per file, `maxFiles` files. Busboy's own cut-off is one byte past
 * the limit so that the backend's byte counter (FileBackend.write `maxBytes`) is what notices an oversized file and
 * leaves nothing stored.
 */
export function multipartLimits(maxFileBytes: number, maxFiles: number): { limits: Record<string, number>; throwFileSizeLimit: false } {
  return {
    limits: { fieldSize: MULTIPART_FIELD_BYTES, fields: 100, files: maxFiles, fileSize: maxFileBytes + 1, parts: maxFiles + 100, headerPairs: 100 },
    throwFileSizeLimit: false,
  };
}
