import { Type } from 'typebox';
import { authenticate } from '../../auth.js';
import type { RouteModule } from '../../context.js';
import { OK } from '../../params.js';

const ServiceParams = Type.Object({ service: Type.String({ maxLength: 32 }) });
/** The console's draft of one service's settings section (or a document holding it); the app reads what it knows. */
const DraftSection = Type.Record(Type.String(), Type.Unknown());

export const ssoRoutes: RouteModule = (api, { app }) => {
  // Parley's own: whether a draft of GitLabSettings, GoogleSettings, Office365Settings or OpenIdSettings reaches the provider.
  api.post('/sso/:service/test', {
    schema: { params: ServiceParams, body: DraftSection },
    config: { audit: { action: 'sso.test_connection', object: 'service' } },
    preValidation: async (request) => {
      request.body ??= {};
    },
  }, async (request) => {
    await app.sso.connection.run(await authenticate(app, request), request.params.service, request.body);
    return OK;
  });
};
