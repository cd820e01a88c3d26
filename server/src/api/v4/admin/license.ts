import { AppError, badParam } from '../../../model/errors.js';
import { authenticate, readToken } from '../../auth.js';
import type { RouteModule } from '../../context.js';
import { stringParam } from '../../params.js';

/** The license endpoints the web app reads at start and the console's edition page calls. */
export const licenseRoutes: RouteModule = (api, { app }) => {
  // Anyone may read it (the login page does); only admins see the identifying fields.
  api.get('/license/client', async (request) => {
    const format = stringParam(request.query as Record<string, unknown>, 'format', 16);
    if (!format) throw new AppError('api.license.client.old_format.app_error', 'The new format for the client license is not supported yet. Please specify format=old in the query string.', 400);
    if (format !== 'old') throw badParam('format');
    const actor = readToken(request) ? await authenticate(app, request) : undefined;
    return app.license.client(actor);
  });

  api.get('/trial-license/prev', async (request) => app.license.previousTrial(await authenticate(app, request)));

  api.post('/trial-license', async (request) => app.license.requestTrial(await authenticate(app, request)));

  api.get('/upgrade_to_enterprise/allowed', async (request) => app.license.upgradeToEnterpriseAllowed(await authenticate(app, request)));
};
