import { Type } from 'typebox';
import { badUrlParam } from '../../model/errors.js';
import { authenticate } from '../auth.js';
import type { RouteContext, RouteModule } from '../context.js';
import { sendThreadList } from '../list_bodies.js';
import { boolParam, idParam, intParam, OK, pathId } from '../params.js';

const UserTeamParams = Type.Object({ user_id: Type.String(), team_id: Type.String() });
const ThreadParams = Type.Object({ user_id: Type.String(), team_id: Type.String(), thread_id: Type.String() });

type ThreadPath = { user_id: string; team_id: string; thread_id?: string };

/** A millisecond timestamp in a path segment. */
function timestampParam(value: string, name: string): number {
  if (!/^\d{1,15}$/.test(value)) throw badUrlParam(name);
  return Number(value);
}

export const threadRoutes: RouteModule = (api, { app }: RouteContext) => {
  const auth = (request: Parameters<typeof authenticate>[1]) => authenticate(app, request);
  const ids = (p: ThreadPath, me: string) => ({
    userId: pathId(p.user_id, 'user_id', me), teamId: pathId(p.team_id, 'team_id'), threadId: pathId(p.thread_id, 'thread_id'),
  });

  api.get('/users/:user_id/teams/:team_id/threads', { schema: { params: UserTeamParams } }, async (request, reply) => {
    const actor = await auth(request);
    const q = request.query as Record<string, unknown>;
    const since = intParam(q, 'since', 0, { min: 0, max: Number.MAX_SAFE_INTEGER });
    return sendThreadList(reply, await app.threads.list(actor, pathId(request.params.user_id, 'user_id', actor.userId), pathId(request.params.team_id, 'team_id'), {
      before: idParam(q, 'before'), after: idParam(q, 'after'), perPage: intParam(q, 'per_page', 25, { min: 0, max: 200 }),
      unread: boolParam(q, 'unread'), since: since > 0 ? since : undefined, extended: boolParam(q, 'extended'),
      totalsOnly: boolParam(q, 'totalsOnly'), threadsOnly: boolParam(q, 'threadsOnly'),
    }));
  });

  api.put('/users/:user_id/teams/:team_id/threads/read', { schema: { params: UserTeamParams } }, async (request) => {
    const actor = await auth(request);
    await app.threads.markAllRead(actor, pathId(request.params.user_id, 'user_id', actor.userId), pathId(request.params.team_id, 'team_id'));
    return OK;
  });

  api.get('/users/:user_id/teams/:team_id/threads/:thread_id', { schema: { params: ThreadParams } }, async (request) => {
    const actor = await auth(request);
    const { userId, teamId, threadId } = ids(request.params, actor.userId);
    return app.threads.get(actor, userId, teamId, threadId, boolParam(request.query as Record<string, unknown>, 'extended'));
  });

  for (const [method, following] of [['put', true], ['delete', false]] as const) {
    api[method]('/users/:user_id/teams/:team_id/threads/:thread_id/following', { schema: { params: ThreadParams } }, async (request) => {
      const actor = await auth(request);
      const { userId, teamId, threadId } = ids(request.params, actor.userId);
      await app.threads.setFollowing(actor, userId, teamId, threadId, following);
      return OK;
    });
  }

  api.put('/users/:user_id/teams/:team_id/threads/:thread_id/read/:timestamp', {
    schema: { params: Type.Object({ user_id: Type.String(), team_id: Type.String(), thread_id: Type.String(), timestamp: Type.String() }) },
  }, async (request) => {
    const actor = await auth(request);
    const { userId, teamId, threadId } = ids(request.params, actor.userId);
    return app.threads.markRead(actor, userId, teamId, threadId, timestampParam(request.params.timestamp, 'timestamp'));
  });

  api.post('/users/:user_id/teams/:team_id/threads/:thread_id/set_unread/:post_id', {
    schema: { params: Type.Object({ user_id: Type.String(), team_id: Type.String(), thread_id: Type.String(), post_id: Type.String() }) },
  }, async (request) => {
    const actor = await auth(request);
    const { userId, teamId, threadId } = ids(request.params, actor.userId);
    return app.threads.markUnreadFrom(actor, userId, teamId, threadId, pathId(request.params.post_id, 'post_id'));
  });
};
