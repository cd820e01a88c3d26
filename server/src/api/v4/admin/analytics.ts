import { ANALYTICS_NAMES, type AnalyticsName } from '../../../app/admin/analytics.js';
import { badParam } from '../../../model/errors.js';
import { authenticate } from '../../auth.js';
import type { RouteModule } from '../../context.js';
import { idParam, stringParam } from '../../params.js';

const isAnalyticsName = (name: string): name is AnalyticsName => (ANALYTICS_NAMES as readonly string[]).includes(name);

/** The system console's statistics (site and team): upstream's GET /analytics/old. */
export const analyticsRoutes: RouteModule = (api, { app }) => {
  api.get('/analytics/old', async (request) => {
    const actor = await authenticate(app, request);
    const q = request.query as Record<string, unknown>;
    const name = stringParam(q, 'name', 64) || 'standard';
    if (!isAnalyticsName(name)) throw badParam('name');
    return app.analytics.report(actor, name, idParam(q, 'team_id'));
  });
};
