import { Type } from 'typebox';
import { TEAM_ICON_ERRORS } from '../../../app/pictures/upload_errors.js';
import { authenticate } from '../../auth.js';
import type { RouteModule } from '../../context.js';
import { OK, pathId } from '../../params.js';
import { etagMatches } from './etag.js';
import { closeIfUnread, readImageUpload } from './image_upload.js';

const TeamParams = Type.Object({ team_id: Type.String() });

/** Kept, but asked for again each time (304 when unchanged), as profile pictures. */
const REVALIDATE = 'private, no-cache';

/** Team icons: upload, remove, read (the read moved here from teams.ts). */
export const teamIconRoutes: RouteModule = (api, { app }) => {
  const auth = (request: Parameters<typeof authenticate>[1]) => authenticate(app, request);

  api.post('/teams/:team_id/image', {
    schema: { params: TeamParams }, config: { audit: { action: 'team.icon.update', object: 'team_id' } }, onSend: closeIfUnread,
  }, async (request) => {
    const actor = await auth(request);
    const teamId = pathId(request.params.team_id, 'team_id');
    await app.teamIcons.requireManaged(actor, teamId);
    const { image } = await readImageUpload(request, app.teamIcons.maxUploadBytes(), TEAM_ICON_ERRORS);
    await app.teamIcons.set(actor, teamId, image);
    return OK;
  });

  api.delete('/teams/:team_id/image', {
    schema: { params: TeamParams }, config: { audit: { action: 'team.icon.remove', object: 'team_id' } },
  }, async (request) => {
    const actor = await auth(request);
    await app.teamIcons.remove(actor, pathId(request.params.team_id, 'team_id'));
    return OK;
  });

  api.get('/teams/:team_id/image', { schema: { params: TeamParams } }, async (request, reply) => {
    const actor = await auth(request);
    const icon = await app.teamIcons.icon(actor, pathId(request.params.team_id, 'team_id'));
    reply.header('ETag', icon.etag).header('Cache-Control', REVALIDATE);
    if (etagMatches(request.headers['if-none-match'], icon.etag)) return reply.code(304).send();
    return reply.type('image/png').send(await icon.load());
  });
};
