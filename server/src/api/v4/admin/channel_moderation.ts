import { Type } from 'typebox';
import { authenticate } from '../../auth.js';
import type { RouteModule } from '../../context.js';
import { pathId } from '../../params.js';

const ChannelParams = Type.Object({ channel_id: Type.String({ maxLength: 64 }) });
const ModerationPatch = Type.Object({
  name: Type.String({ maxLength: 64 }),
  roles: Type.Object({ members: Type.Optional(Type.Boolean()), guests: Type.Optional(Type.Boolean()) }),
});

export const channelModerationRoutes: RouteModule = (api, { app }) => {
  const auth = (request: Parameters<typeof authenticate>[1]) => authenticate(app, request);

  api.get('/channels/:channel_id/moderations', { schema: { params: ChannelParams } }, async (request) => {
    const actor = await auth(request);
    return app.channelModeration.get(actor, pathId(request.params.channel_id, 'channel_id'));
  });

  api.put('/channels/:channel_id/moderations/patch', {
    schema: { params: ChannelParams, body: Type.Array(ModerationPatch, { maxItems: 20 }) },
    config: { audit: { action: 'channel.moderation.update', object: 'channel_id' } },
  }, async (request) => {
    const actor = await auth(request);
    return app.channelModeration.patch(actor, pathId(request.params.channel_id, 'channel_id'), request.body);
  });
};
