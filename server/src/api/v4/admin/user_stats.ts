import { authenticate } from '../../auth.js';
import type { RouteModule } from '../../context.js';
import { boolParam, idParam, roleListParam } from '../../params.js';

/**
 * User counts: every user's "N members" figure and the console's filtered list totals. Static paths, so the router
 * prefers them to /users/{user_id} whatever the order routes are declared in.
 */
export const userStatsRoutes: RouteModule = (api, { app }) => {
  api.get('/users/stats', async (request) => {
    await authenticate(app, request);
    return app.userStats.total();
  });

  api.get('/users/stats/filtered', async (request) => {
    const actor = await authenticate(app, request);
    const q = request.query as Record<string, unknown>;
    const teamId = idParam(q, 'in_team');
    const channelId = idParam(q, 'in_channel');
    return app.userStats.filtered(actor, {
      includeDeleted: boolParam(q, 'include_deleted'), includeBots: boolParam(q, 'include_bots'), teamId, channelId,
      roles: roleListParam(q, 'roles'),
      // As upstream: member roles count only with the team or channel they are roles in.
      teamRoles: teamId ? roleListParam(q, 'team_roles') : undefined,
      channelRoles: channelId ? roleListParam(q, 'channel_roles') : undefined,
    });
  });
};
