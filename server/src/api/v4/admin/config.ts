import { Type } from 'typebox';
import { badParam } from '../../../model/errors.js';
import { authenticate } from '../../auth.js';
import type { RouteModule } from '../../context.js';
import { OK } from '../../params.js';

/** Any JSON object: the config document or a part of it; its keys are checked by the app against the document. */
const DocumentBody = Type.Record(Type.String(), Type.Unknown());

export const configRoutes: RouteModule = (api, { app }) => {
  api.get('/config', async (request) => app.configuration.get(await authenticate(app, request)));

  api.put('/config', { schema: { body: DocumentBody } }, async (request) =>
    app.configuration.update(await authenticate(app, request), request.body));

  api.put('/config/patch', { schema: { body: DocumentBody } }, async (request) =>
    app.configuration.patch(await authenticate(app, request), request.body));

  api.post('/config/reload', async (request) => {
    await app.configuration.reload(await authenticate(app, request));
    return OK;
  });

  api.get('/config/environment', async (request) => app.configuration.environment(await authenticate(app, request)));

  // Only the old map format exists (Mattermost's only format too); anything else is refused as upstream does.
  api.get('/config/client', { schema: { querystring: Type.Object({ format: Type.Optional(Type.String({ maxLength: 16 })) }) } }, async (request) => {
    if (request.query.format !== undefined && request.query.format !== 'old') throw badParam('format');
    // NoAccounts is computed per request, as upstream does: sign-up pages say the first account becomes the admin.
    return { ...app.configuration.client(), NoAccounts: String(await app.users.noAccounts()) };
  });
};
