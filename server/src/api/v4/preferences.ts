import { Type } from 'typebox';
import { authenticate } from '../auth.js';
import type { RouteModule } from '../context.js';
import { OK, pathId } from '../params.js';

const UserParams = Type.Object({ user_id: Type.String() });
// Lengths are checked by the app with Mattermost's error ids; the schema only bounds the request.
const Preference = Type.Object({
  user_id: Type.String({ maxLength: 64 }), category: Type.String({ maxLength: 64 }),
  name: Type.String({ maxLength: 64 }), value: Type.String({ maxLength: 8000 }),
});
const Preferences = Type.Array(Preference, { maxItems: 100 });
// Deleting needs only the key; some clients leave the value out.
const PreferenceKeys = Type.Array(Type.Object({ ...Preference.properties, value: Type.Optional(Type.String({ maxLength: 8000 })) }), { maxItems: 100 });
const KEY = '^[A-Za-z0-9_]{1,32}$';

export const preferenceRoutes: RouteModule = (api, { app }) => {
  const auth = (request: Parameters<typeof authenticate>[1]) => authenticate(app, request);

  api.get('/users/:user_id/preferences', { schema: { params: UserParams } }, async (request) => {
    const actor = await auth(request);
    return app.preferences.list(actor, pathId(request.params.user_id, 'user_id', actor.userId));
  });

  api.put('/users/:user_id/preferences', { schema: { params: UserParams, body: Preferences } }, async (request) => {
    const actor = await auth(request);
    await app.preferences.save(actor, pathId(request.params.user_id, 'user_id', actor.userId), request.body);
    return OK;
  });

  api.post('/users/:user_id/preferences/delete', { schema: { params: UserParams, body: PreferenceKeys } }, async (request) => {
    const actor = await auth(request);
    const preferences = request.body.map((p) => ({ ...p, value: p.value ?? '' }));
    await app.preferences.remove(actor, pathId(request.params.user_id, 'user_id', actor.userId), preferences);
    return OK;
  });

  api.get('/users/:user_id/preferences/:category', {
    schema: { params: Type.Object({ user_id: Type.String(), category: Type.String({ pattern: KEY }) }) },
  }, async (request) => {
    const actor = await auth(request);
    return app.preferences.listCategory(actor, pathId(request.params.user_id, 'user_id', actor.userId), request.params.category);
  });

  api.get('/users/:user_id/preferences/:category/name/:name', {
    schema: { params: Type.Object({ user_id: Type.String(), category: Type.String({ pattern: KEY }), name: Type.String({ pattern: KEY }) }) },
  }, async (request) => {
    const actor = await auth(request);
    const { category, name } = request.params;
    return app.preferences.get(actor, pathId(request.params.user_id, 'user_id', actor.userId), category, name);
  });
};
