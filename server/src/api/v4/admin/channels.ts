import { Type } from 'typebox';
import { badBodyParam } from '../../../model/errors.js';
import { isValidId } from '../../../model/id.js';
import { authenticate } from '../../auth.js';
import type { RouteModule } from '../../context.js';
import { pathId } from '../../params.js';

/** Moving a channel between teams (system admins). */
export const channelAdminRoutes: RouteModule = (api, { app }) => {
  api.post('/channels/:channel_id/move', {
    schema: { params: Type.Object({ channel_id: Type.String() }), body: Type.Object({ team_id: Type.String({ maxLength: 64 }), force: Type.Optional(Type.Boolean()) }) },
    config: { audit: { action: 'channel.move', object: 'channel_id', body: ['team_id', 'force'] } },
  }, async (request) => {
    const actor = await authenticate(app, request);
    if (!isValidId(request.body.team_id)) throw badBodyParam('team_id');
    return app.channelAdmin.move(actor, pathId(request.params.channel_id, 'channel_id'), request.body.team_id, request.body.force ?? false);
  });
};
