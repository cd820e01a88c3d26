import { Type } from 'typebox';
import { queryFlag } from '../../audit_hook.js';
import { authenticate } from '../../auth.js';
import type { RouteModule } from '../../context.js';
import { boolParam, paging, pathId } from '../../params.js';

const BotParams = Type.Object({ bot_user_id: Type.String({ maxLength: 64 }) });
const AssignParams = Type.Object({ bot_user_id: Type.String({ maxLength: 64 }), user_id: Type.String({ maxLength: 64 }) });
const UserParams = Type.Object({ user_id: Type.String({ maxLength: 64 }) });
const Str = (max = 256) => Type.Optional(Type.String({ maxLength: max }));
const BotPatchBody = Type.Object({ username: Str(), display_name: Str(), description: Str(4096) });
const UserPatchBody = Type.Object({
  password: Str(1024), username: Str(), email: Str(), first_name: Str(), last_name: Str(), nickname: Str(), position: Str(), locale: Str(16),
});

/** Bot accounts (Mattermost's api4/bot.go), and turning users into bots and back. */
export const botRoutes: RouteModule = (api, { app }) => {
  api.post('/bots', { schema: { body: BotPatchBody }, config: { audit: { action: 'bot.create', body: ['username'] } } }, async (request, reply) => {
    const actor = await authenticate(app, request);
    return reply.code(201).send(await app.bots.create(actor, request.body));
  });

  api.get('/bots', async (request) => {
    const actor = await authenticate(app, request);
    const q = request.query as Record<string, unknown>;
    const { page, perPage } = paging(q);
    return app.bots.list(actor, { page, perPage, includeDeleted: boolParam(q, 'include_deleted'), onlyOrphaned: boolParam(q, 'only_orphaned') });
  });

  api.get('/bots/:bot_user_id', { schema: { params: BotParams } }, async (request) => {
    const actor = await authenticate(app, request);
    const includeDeleted = boolParam(request.query as Record<string, unknown>, 'include_deleted');
    return app.bots.get(actor, pathId(request.params.bot_user_id, 'bot_user_id'), includeDeleted);
  });

  api.put('/bots/:bot_user_id', {
    schema: { params: BotParams, body: BotPatchBody }, config: { audit: { action: 'bot.update', object: 'bot_user_id', body: ['username'] } },
  }, async (request) => {
    const actor = await authenticate(app, request);
    return app.bots.patch(actor, pathId(request.params.bot_user_id, 'bot_user_id'), request.body);
  });

  for (const [path, active] of [['disable', false], ['enable', true]] as const) {
    api.post(`/bots/:bot_user_id/${path}`, {
      schema: { params: BotParams }, config: { audit: { action: `bot.${path}`, object: 'bot_user_id' } },
    }, async (request) => {
      const actor = await authenticate(app, request);
      return app.bots.setActive(actor, pathId(request.params.bot_user_id, 'bot_user_id'), active);
    });
  }

  api.post('/bots/:bot_user_id/assign/:user_id', {
    schema: { params: AssignParams }, config: { audit: { action: 'bot.assign', object: 'bot_user_id' } },
  }, async (request) => {
    const actor = await authenticate(app, request);
    return app.bots.assign(actor, pathId(request.params.bot_user_id, 'bot_user_id'), pathId(request.params.user_id, 'user_id', actor.userId));
  });

  api.post('/users/:user_id/convert_to_bot', {
    schema: { params: UserParams }, config: { audit: { action: 'user.convert_to_bot', object: 'user_id' } },
  }, async (request) => {
    const actor = await authenticate(app, request);
    return app.bots.convertUserToBot(actor, pathId(request.params.user_id, 'user_id', actor.userId));
  });

  api.post('/bots/:bot_user_id/convert_to_user', {
    schema: { params: BotParams, body: UserPatchBody },
    config: { audit: (request) => ({ action: 'bot.convert_to_user', object: (request.params as { bot_user_id?: string }).bot_user_id, extra: { set_system_admin: queryFlag(request, 'set_system_admin') } }) },
  }, async (request) => {
    const actor = await authenticate(app, request);
    const makeAdmin = boolParam(request.query as Record<string, unknown>, 'set_system_admin');
    const user = await app.bots.convertBotToUser(actor, pathId(request.params.bot_user_id, 'bot_user_id'), request.body, makeAdmin);
    return app.users.present(actor, user);
  });
};
