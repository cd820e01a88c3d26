import { Type, type Static } from 'typebox';
import type { OAuthAppInput } from '../../../app/integrations/oauth/validation.js';
import { MAX_CALLBACK_URLS } from '../../../app/integrations/oauth/validation.js';
import { badBodyParam } from '../../../model/errors.js';
import { authenticate } from '../../auth.js';
import type { RouteModule } from '../../context.js';
import { OK, paging, pathId } from '../../params.js';

const AppParams = Type.Object({ app_id: Type.String() });
const UserParams = Type.Object({ user_id: Type.String() });
/** What clients send for an app (Client4 sends the whole object; the server's own fields are ignored). */
const AppBody = Type.Object({
  id: Type.Optional(Type.String({ maxLength: 26 })),
  name: Type.String({ maxLength: 1024 }),
  description: Type.Optional(Type.String({ maxLength: 4096 })),
  icon_url: Type.Optional(Type.String({ maxLength: 4096 })),
  callback_urls: Type.Array(Type.String({ maxLength: 4096 }), { maxItems: MAX_CALLBACK_URLS * 4 }),
  homepage: Type.String({ maxLength: 4096 }),
  is_trusted: Type.Optional(Type.Boolean()),
  mattermost_app_id: Type.Optional(Type.String({ maxLength: 1024 })),
});

const appInput = (body: Static<typeof AppBody>): OAuthAppInput => ({
  name: body.name, description: body.description ?? '', icon_url: body.icon_url ?? '', callback_urls: body.callback_urls,
  homepage: body.homepage, is_trusted: body.is_trusted ?? false, mattermost_app_id: body.mattermost_app_id ?? '',
});

/** OAuth 2.0 client apps: /oauth/apps, and the apps a user has authorized. */
export const oauthAppRoutes: RouteModule = (api, { app }) => {
  const oauthApps = app.oauth.apps;

  api.post('/oauth/apps', { schema: { body: AppBody }, config: { audit: { action: 'oauth_app.create', body: ['name', 'is_trusted'] } } }, async (request, reply) => {
    const actor = await authenticate(app, request);
    const created = await oauthApps.create(actor, appInput(request.body));
    return reply.code(201).send(created);
  });

  api.get('/oauth/apps', async (request) => {
    const actor = await authenticate(app, request);
    const { offset, perPage } = paging(request.query as Record<string, unknown>);
    return oauthApps.list(actor, offset, perPage);
  });

  api.get('/oauth/apps/:app_id', { schema: { params: AppParams } }, async (request) => {
    const actor = await authenticate(app, request);
    return oauthApps.get(actor, pathId(request.params.app_id, 'app_id'));
  });

  api.get('/oauth/apps/:app_id/info', { schema: { params: AppParams } }, async (request) => {
    await authenticate(app, request);
    return oauthApps.info(pathId(request.params.app_id, 'app_id'));
  });

  api.put('/oauth/apps/:app_id', {
    schema: { params: AppParams, body: AppBody }, config: { audit: { action: 'oauth_app.update', object: 'app_id', body: ['name', 'is_trusted'] } },
  }, async (request) => {
    const actor = await authenticate(app, request);
    const appId = pathId(request.params.app_id, 'app_id');
    // The app in the body must be the one in the URL (Mattermost's check).
    if (request.body.id !== undefined && request.body.id !== appId) throw badBodyParam('id');
    return oauthApps.update(actor, appId, appInput(request.body));
  });

  api.delete('/oauth/apps/:app_id', { schema: { params: AppParams }, config: { audit: { action: 'oauth_app.delete', object: 'app_id' } } }, async (request) => {
    const actor = await authenticate(app, request);
    await oauthApps.remove(actor, pathId(request.params.app_id, 'app_id'));
    return OK;
  });

  api.post('/oauth/apps/:app_id/regen_secret', {
    schema: { params: AppParams }, config: { audit: { action: 'oauth_app.regenerate_secret', object: 'app_id' } },
  }, async (request) => {
    const actor = await authenticate(app, request);
    return oauthApps.regenerateSecret(actor, pathId(request.params.app_id, 'app_id'));
  });

  api.get('/users/:user_id/oauth/apps/authorized', { schema: { params: UserParams } }, async (request) => {
    const actor = await authenticate(app, request);
    const { offset, perPage } = paging(request.query as Record<string, unknown>);
    return oauthApps.authorizedBy(actor, pathId(request.params.user_id, 'user_id', actor.userId), offset, perPage);
  });
};
