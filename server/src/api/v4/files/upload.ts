// Reading a multipart file stream (for any route that takes files): @fastify/multipart is registered once for the
// whole server (api/multipart.ts) and reads nothing until a route asks. In the handler:
//
//   for await (const part of request.parts(multipartLimits(maxBytes, maxFiles))) {
//     if (part.type === 'field') { /* part.fieldname, part.value */ continue; }
//     await backend.write(key, part.file, { maxBytes });   // part.filename, part.mimetype; stream it, never buffer it
//   }
//
// Consume or fail each file before asking for the next part. The backend's `maxBytes` is what notices an oversized
// file (multipartLimits sets busboy's own cut-off one byte later) and leaves nothing stored. A client that goes away
// mid-body makes the current file stream fail, and so the write.

import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FileInfo } from '@mattermost/types/files';
import type { App } from '../../../app/app.js';
import type { Actor } from '../../../app/actor.js';
import { fileTooLarge, type StoredFile } from '../../../app/files/files.js';
import { presentFileInfo } from '../../../app/files/post_files.js';
import { AppError, badParam } from '../../../model/errors.js';
import { isValidId } from '../../../model/id.js';
import { multipartLimits } from '../../multipart.js';
import { idParam, stringParam } from '../../params.js';

/** Files one upload request may carry; a post takes at most 10, and clients send one per request. */
const MAX_FILES_PER_REQUEST = 10;

const readRequest = (detail: string): AppError =>
  new AppError('api.file.upload_file.read_request.app_error', `Unable to upload file(s). Error reading or parsing request data: ${detail}`, 400);
const clientIdCount = (clientIds: number, files: number): AppError =>
  new AppError('api.file.upload_file.incorrect_number_of_client_ids.app_error', `Unable to upload files. Have ${clientIds} client_ids for ${files} files.`, 400);
const multipleChannels = (): AppError =>
  new AppError('api.file.upload_file.multiple_channel_ids.app_error', 'Unable to upload files. Multiple conflicting channel_ids.', 400);

export interface UploadResponse {
  file_infos: FileInfo[];
  client_ids: string[];
}

type Query = Record<string, unknown>;

/**
 * A failed upload may leave part of its body unread; reading it to the end keeps the connection usable for the
 * error response (and the next request), within the request time limit.
 */
function drain(request: FastifyRequest): void {
  if (!request.raw.readableEnded) request.raw.resume();
}

/** Errors of the multipart parser (malformed body, too many parts) are the client's: 400. */
function asClientError(err: unknown): unknown {
  if (err instanceof AppError) return err;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('FST_')) return readRequest(String((err as Error).message));
  if (err instanceof Error && /multipart|boundary|Unexpected end|Malformed/i.test(err.message)) return readRequest(err.message);
  return err;
}

const withClientId = (info: StoredFile, clientId: string): FileInfo => ({ ...presentFileInfo(info), clientId });

/**
 * `POST /files` as multipart/form-data: `channel_id` (or `?channel_id=`), then `client_ids` and `files` parts, each
 * file streamed to storage as it arrives. `channel_id` must come before the first file (Mattermost's streaming
 * mode; its buffered fallback for files first is not offered). Either no client ids or one per file.
 */
export async function uploadMultipart(app: App, actor: Actor, request: FastifyRequest): Promise<UploadResponse> {
  let channelId = idParam(request.query as Query, 'channel_id') ?? '';
  const infos: StoredFile[] = [];
  const clientIds: string[] = [];
  let expectClientIds = true;
  let permitted = false;
  try {
    for await (const part of request.parts(multipartLimits(app.files.maxFileSize, MAX_FILES_PER_REQUEST))) {
      if (part.type === 'field') {
        const value = typeof part.value === 'string' ? part.value : '';
        if (part.fieldname === 'channel_id') {
          if (channelId !== '' && value !== '' && channelId !== value) throw multipleChannels();
          if (value !== '') channelId = value;
        } else if (part.fieldname === 'client_ids') {
          if (!expectClientIds) throw badParam('client_ids');
          clientIds.push(value);
        } else {
          throw badParam(part.fieldname);
        }
        continue;
      }
      if (!isValidId(channelId)) throw badParam('channel_id');
      if (!permitted) {
        await app.files.requireUpload(actor, channelId);
        permitted = true;
      }
      if (infos.length === 0 && clientIds.length === 0) expectClientIds = false;
      if (expectClientIds && infos.length >= clientIds.length) throw badParam('client_ids');
      infos.push(await app.files.upload(actor, channelId, part.filename, part.file as Readable));
    }
    if (expectClientIds && clientIds.length !== infos.length) throw clientIdCount(clientIds.length, infos.length);
  } catch (err) {
    // All of the request's files or none: a later file's failure takes back the ones before it.
    await app.files.discard(infos);
    drain(request);
    throw asClientError(err);
  }
  return {
    file_infos: infos.map((info, i) => withClientId(info, expectClientIds ? clientIds[i] : '')),
    client_ids: expectClientIds ? clientIds : [],
  };
}

/** `POST /files?channel_id=&filename=[&client_id=]` with the file as the whole body (Mattermost's simple upload). */
export async function uploadRaw(app: App, actor: Actor, request: FastifyRequest, reply: FastifyReply): Promise<UploadResponse> {
  const query = request.query as Query;
  const channelId = idParam(query, 'channel_id');
  if (!channelId) throw badParam('channel_id');
  const filename = stringParam(query, 'filename', 1024);
  if (!filename) throw badParam('filename');
  const clientId = stringParam(query, 'client_id', 128) ?? '';
  const declared = Number(request.headers['content-length'] ?? -1);
  if (declared === 0) throw readRequest('Content-Length should not be 0');
  const body = request.body as Readable | undefined;
  if (!body || typeof body.pipe !== 'function') throw readRequest('no file in the request body');
  try {
    await app.files.requireUpload(actor, channelId);
    // As Mattermost, a body declared too large is refused before it is read.
    if (declared > app.files.maxFileSize) throw fileTooLarge(app.files.maxFileSize);
    const info = await app.files.upload(actor, channelId, filename, body);
    return { file_infos: [withClientId(info, clientId)], client_ids: clientId ? [clientId] : [] };
  } catch (err) {
    drain(request);
    if (!request.raw.readableEnded) reply.header('Connection', 'close');
    throw err;
  }
}
