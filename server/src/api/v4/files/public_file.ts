import type { FastifyInstance } from 'fastify';
import type { App } from '../../../app/app.js';
import { pathId, stringParam } from '../../params.js';
import { requestedRange } from './byte_range.js';
import { sendFile } from './send_file.js';

/**
 * `GET /files/{file_id}/public?h=<hash>`: a file by its public link, without signing in (outside /api/v4, where
 * Mattermost's links point). Refused unless FileSettings.EnablePublicLink is on and the hash is this server's.
 */
export function registerPublicFileRoute(server: FastifyInstance, app: App): void {
  server.get<{ Params: { file_id: string } }>('/files/:file_id/public', async (request, reply) => {
    const hash = stringParam(request.query as Record<string, unknown>, 'h', 128) ?? '';
    const range = request.headers.range;
    const opened = await app.files.openPublic(pathId(request.params.file_id, 'file_id'), hash, (size) => requestedRange(range, size));
    return sendFile(reply, opened, false);
  });
}
