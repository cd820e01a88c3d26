import { Type, type Static } from 'typebox';
import type { CategoryInput } from '../../app/categories.js';
import { badBodyParam } from '../../model/errors.js';
import { authenticate } from '../auth.js';
import type { RouteModule } from '../context.js';
import { OK, pathId } from '../params.js';

const UserTeamParams = Type.Object({ user_id: Type.String(), team_id: Type.String() });
const CategoryParams = Type.Object({ user_id: Type.String(), team_id: Type.String(), category_id: Type.String({ maxLength: 128 }) });
const Category = Type.Object({
  id: Type.Optional(Type.String({ maxLength: 128 })),
  user_id: Type.Optional(Type.String({ maxLength: 64 })),
  team_id: Type.Optional(Type.String({ maxLength: 64 })),
  type: Type.Optional(Type.String({ maxLength: 32 })),
  display_name: Type.Optional(Type.String({ maxLength: 256 })),
  sorting: Type.Optional(Type.String({ maxLength: 16 })),
  channel_ids: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 5000 })),
  muted: Type.Optional(Type.Boolean()),
  collapsed: Type.Optional(Type.Boolean()),
});
type CategoryBody = Static<typeof Category>;

/** The category must be the one of the URL's user and team when the body names them. */
function ownedInput(body: CategoryBody, userId: string, teamId: string): CategoryInput {
  if ((body.user_id && body.user_id !== userId) || (body.team_id && body.team_id !== teamId)) throw badBodyParam('category');
  const { display_name, sorting, muted, collapsed, channel_ids } = body;
  return { display_name, sorting, muted, collapsed, channel_ids };
}

export const categoryRoutes: RouteModule = (api, { app }) => {
  const auth = (request: Parameters<typeof authenticate>[1]) => authenticate(app, request);
  const ids = async (request: Parameters<typeof authenticate>[1] & { params: { user_id: string; team_id: string } }) => {
    const actor = await auth(request);
    return { actor, userId: pathId(request.params.user_id, 'user_id', actor.userId), teamId: pathId(request.params.team_id, 'team_id') };
  };
  const base = '/users/:user_id/teams/:team_id/channels/categories';

  api.get(base, { schema: { params: UserTeamParams } }, async (request) => {
    const { actor, userId, teamId } = await ids(request);
    return app.categories.list(actor, userId, teamId);
  });

  api.post(base, { schema: { params: UserTeamParams, body: Category } }, async (request, reply) => {
    const { actor, userId, teamId } = await ids(request);
    return reply.code(201).send(await app.categories.create(actor, userId, teamId, ownedInput(request.body, userId, teamId)));
  });

  api.put(base, { schema: { params: UserTeamParams, body: Type.Array(Category, { maxItems: 200 }) } }, async (request) => {
    const { actor, userId, teamId } = await ids(request);
    const updates = request.body.map((body) => {
      if (!body.id) throw badBodyParam('id');
      return { ...ownedInput(body, userId, teamId), id: body.id };
    });
    return app.categories.update(actor, userId, teamId, updates);
  });

  api.get(`${base}/order`, { schema: { params: UserTeamParams } }, async (request) => {
    const { actor, userId, teamId } = await ids(request);
    return app.categories.getOrder(actor, userId, teamId);
  });

  api.put(`${base}/order`, {
    schema: { params: UserTeamParams, body: Type.Array(Type.String({ maxLength: 128 }), { maxItems: 200 }) },
  }, async (request) => {
    const { actor, userId, teamId } = await ids(request);
    return app.categories.updateOrder(actor, userId, teamId, request.body);
  });

  api.get(`${base}/:category_id`, { schema: { params: CategoryParams } }, async (request) => {
    const { actor, userId, teamId } = await ids(request);
    return app.categories.get(actor, userId, teamId, request.params.category_id);
  });

  api.put(`${base}/:category_id`, { schema: { params: CategoryParams, body: Category } }, async (request) => {
    const { actor, userId, teamId } = await ids(request);
    const id = request.params.category_id;
    if (request.body.id && request.body.id !== id) throw badBodyParam('id');
    const [updated] = await app.categories.update(actor, userId, teamId, [{ ...ownedInput(request.body, userId, teamId), id }]);
    return updated;
  });

  api.delete(`${base}/:category_id`, { schema: { params: CategoryParams } }, async (request) => {
    const { actor, userId, teamId } = await ids(request);
    await app.categories.remove(actor, userId, teamId, request.params.category_id);
    return OK;
  });
};
