import { Type } from 'typebox';
import { authenticate } from '../../auth.js';
import type { RouteModule } from '../../context.js';
import { OK } from '../../params.js';

/** The console's email settings form: a config document, whole or in part (checked by the app). */
const DocumentBody = Type.Record(Type.String(), Type.Unknown());

export const emailRoutes: RouteModule = (api, { app }) => {
  api.post('/email/test', {
    schema: { body: DocumentBody },
    config: { audit: { action: 'email.test' } },
    // Without a body (Client4's testEmail() with no config) the saved settings are tested, as upstream does.
    preValidation: async (request) => {
      request.body ??= {};
    },
  }, async (request) => {
    await app.email.sendTest(await authenticate(app, request), request.body);
    return OK;
  });
};
