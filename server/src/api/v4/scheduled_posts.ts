import { Type } from 'typebox';
import { authenticate } from '../auth.js';
import type { RouteModule } from '../context.js';
import { boolParam, pathId } from '../params.js';

const TeamParams = Type.Object({ team_id: Type.String() });

/** Scheduled posts: only the team list the web app reads on every team it opens. */
export const scheduledPostRoutes: RouteModule = (api, { app }) => {
  api.get('/posts/scheduled/team/:team_id', { schema: { params: TeamParams } }, async (request) => {
    const actor = await authenticate(app, request);
    const teamId = pathId(request.params.team_id, 'team_id');
    return app.scheduledPosts.teamPosts(actor, teamId, boolParam(request.query as Record<string, unknown>, 'includeDirectChannels'));
  });
};
