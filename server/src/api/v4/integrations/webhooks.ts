import { Type } from 'typebox';
import { authenticate } from '../../auth.js';
import type { RouteModule } from '../../context.js';
import { boolParam, idParam, OK, paging, pathId } from '../../params.js';

const HookParams = Type.Object({ hook_id: Type.String() });

const IncomingBody = Type.Object({
  id: Type.Optional(Type.String({ maxLength: 26 })),
  channel_id: Type.String({ maxLength: 26 }),
  team_id: Type.Optional(Type.String({ maxLength: 26 })),
  user_id: Type.Optional(Type.String({ maxLength: 26 })),
  display_name: Type.Optional(Type.String({ maxLength: 1024 })),
  description: Type.Optional(Type.String({ maxLength: 4096 })),
  username: Type.Optional(Type.String({ maxLength: 1024 })),
  icon_url: Type.Optional(Type.String({ maxLength: 4096 })),
  channel_locked: Type.Optional(Type.Boolean()),
});

const OutgoingBody = Type.Object({
  id: Type.Optional(Type.String({ maxLength: 26 })),
  team_id: Type.Optional(Type.String({ maxLength: 26 })),
  channel_id: Type.Optional(Type.String({ maxLength: 26 })),
  creator_id: Type.Optional(Type.String({ maxLength: 26 })),
  trigger_words: Type.Optional(Type.Array(Type.String({ maxLength: 1024 }), { maxItems: 256 })),
  trigger_when: Type.Optional(Type.Integer()),
  callback_urls: Type.Optional(Type.Array(Type.String({ maxLength: 1024 }), { maxItems: 256 })),
  display_name: Type.Optional(Type.String({ maxLength: 1024 })),
  description: Type.Optional(Type.String({ maxLength: 4096 })),
  content_type: Type.Optional(Type.String({ maxLength: 1024 })),
  username: Type.Optional(Type.String({ maxLength: 1024 })),
  icon_url: Type.Optional(Type.String({ maxLength: 4096 })),
});

/** Incoming and outgoing webhook management: /hooks/incoming and /hooks/outgoing (posting to a hook is hook_endpoint.ts). */
export const webhookRoutes: RouteModule = (api, { app }) => {
  const auth = (request: Parameters<typeof authenticate>[1]) => authenticate(app, request);
  const incoming = app.webhooks.incoming;
  const outgoing = app.webhooks.outgoing;

  api.post('/hooks/incoming', {
    schema: { body: IncomingBody }, config: { audit: { action: 'webhook.incoming.create', body: ['channel_id', 'user_id', 'display_name'] } },
  }, async (request, reply) => reply.code(201).send(await incoming.create(await auth(request), request.body)));

  api.get('/hooks/incoming', async (request) => {
    const actor = await auth(request);
    const q = request.query as Record<string, unknown>;
    const { offset, perPage } = paging(q, { perPage: 60, maxPerPage: 200 });
    const list = await incoming.list(actor, { teamId: idParam(q, 'team_id'), offset, limit: perPage, withTotal: boolParam(q, 'include_total_count') });
    return list.total === undefined ? list.hooks : { incoming_webhooks: list.hooks, total_count: list.total };
  });

  api.get('/hooks/incoming/:hook_id', { schema: { params: HookParams } }, async (request) =>
    incoming.get(await auth(request), pathId(request.params.hook_id, 'hook_id')));

  // Mattermost answers an update with 201 too.
  api.put('/hooks/incoming/:hook_id', {
    schema: { params: HookParams, body: IncomingBody }, config: { audit: { action: 'webhook.incoming.update', object: 'hook_id', body: ['channel_id', 'display_name'] } },
  }, async (request, reply) => reply.code(201).send(await incoming.update(await auth(request), pathId(request.params.hook_id, 'hook_id'), request.body)));

  api.delete('/hooks/incoming/:hook_id', {
    schema: { params: HookParams }, config: { audit: { action: 'webhook.incoming.delete', object: 'hook_id' } },
  }, async (request) => {
    await incoming.delete(await auth(request), pathId(request.params.hook_id, 'hook_id'));
    return OK;
  });

  api.post('/hooks/outgoing', {
    schema: { body: OutgoingBody }, config: { audit: { action: 'webhook.outgoing.create', body: ['team_id', 'channel_id', 'creator_id', 'display_name', 'callback_urls'] } },
  }, async (request, reply) => reply.code(201).send(await outgoing.create(await auth(request), request.body)));

  api.get('/hooks/outgoing', async (request) => {
    const actor = await auth(request);
    const q = request.query as Record<string, unknown>;
    const { offset, perPage } = paging(q, { perPage: 60, maxPerPage: 200 });
    return outgoing.list(actor, { teamId: idParam(q, 'team_id'), channelId: idParam(q, 'channel_id'), offset, limit: perPage });
  });

  api.get('/hooks/outgoing/:hook_id', { schema: { params: HookParams } }, async (request) =>
    outgoing.get(await auth(request), pathId(request.params.hook_id, 'hook_id')));

  api.put('/hooks/outgoing/:hook_id', {
    schema: { params: HookParams, body: OutgoingBody }, config: { audit: { action: 'webhook.outgoing.update', object: 'hook_id', body: ['channel_id', 'display_name', 'callback_urls'] } },
  }, async (request) => outgoing.update(await auth(request), pathId(request.params.hook_id, 'hook_id'), request.body));

  api.delete('/hooks/outgoing/:hook_id', {
    schema: { params: HookParams }, config: { audit: { action: 'webhook.outgoing.delete', object: 'hook_id' } },
  }, async (request) => {
    await outgoing.delete(await auth(request), pathId(request.params.hook_id, 'hook_id'));
    return OK;
  });

  api.post('/hooks/outgoing/:hook_id/regen_token', {
    schema: { params: HookParams }, config: { audit: { action: 'webhook.outgoing.regen_token', object: 'hook_id' } },
  }, async (request) => outgoing.regenerateToken(await auth(request), pathId(request.params.hook_id, 'hook_id')));
};
