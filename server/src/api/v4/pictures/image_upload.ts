import type { FastifyRequest, onSendHookHandler } from 'fastify';
import { AppError } from '../../../model/errors.js';
import { multipartLimits } from '../../multipart.js';

/** The errors the edge answers while it reads an upload (the app's UploadErrors, or emoji's own). */
export interface UploadReadErrors {
  tooLarge(): AppError;
  parse(): AppError;
  noFile(): AppError;
}

export interface ImageUpload {
  image: Buffer;
  /** The form's text fields, by name (the first of each). */
  fields: Map<string, string>;
}

/**
 * Reads a multipart form with one file under `image` into memory (pictures and emoji are small, and the decoder
 * needs the whole file). As Mattermost, a request declaring more than `maxBytes` is refused before it is read; a
 * chunked one is cut off once its file passes the limit. Upload routes add `closeIfUnread` (below).
 */
export async function readImageUpload(request: FastifyRequest, maxBytes: number, errors: UploadReadErrors): Promise<ImageUpload> {
  if (Number(request.headers['content-length'] ?? 0) > maxBytes) throw errors.tooLarge();
  if (!request.isMultipart()) throw errors.parse();
  const fields = new Map<string, string>();
  let image: Buffer | undefined;
  try {
    for await (const part of request.parts(multipartLimits(maxBytes, 1))) {
      if (part.type === 'field') {
        if (!fields.has(part.fieldname) && typeof part.value === 'string') fields.set(part.fieldname, part.value);
        continue;
      }
      const chunks: Buffer[] = [];
      let bytes = 0;
      for await (const chunk of part.file as AsyncIterable<Buffer>) {
        bytes += chunk.length;
        if (bytes > maxBytes) throw errors.tooLarge();
        chunks.push(chunk);
      }
      if (part.fieldname === 'image' && !image) image = Buffer.concat(chunks);
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw errors.parse();
  }
  if (!image || image.length === 0) throw errors.noFile();
  return { image, fields };
}

/**
 * An upload route's onSend hook: a request answered before its body arrived whole (refused, too large, broken)
 * gets `Connection: close`, so the rest is never read; Node would otherwise read and discard it, however long.
 */
export const closeIfUnread: onSendHookHandler = async (request, reply, payload) => {
  if (!request.raw.complete) reply.header('Connection', 'close');
  return payload;
};
