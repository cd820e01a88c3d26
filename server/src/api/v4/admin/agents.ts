import { authenticate } from '../../auth.js';
import type { RouteModule } from '../../context.js';

/**
 * The AI agents the web app offers in its composer. Parley has no AI plugin, and upstream lists no agents without
 * one (to any signed-in user).
 */
export const agentRoutes: RouteModule = (api, { app }) => {
  api.get('/agents', async (request) => {
    await authenticate(app, request);
    return [];
  });
};
