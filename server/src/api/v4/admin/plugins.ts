import { authenticate } from '../../auth.js';
import type { RouteModule } from '../../context.js';

/** GET /plugins for the console (the web app's /plugins/statuses and /plugins/webapp live with the system routes). */
export const pluginRoutes: RouteModule = (api, { app }) => {
  api.get('/plugins', async (request) => app.plugins.list(await authenticate(app, request)));
};
