import { Type } from 'typebox';
import type { AuditQuery } from '../../../app/admin/audit.js';
import { authenticate } from '../../auth.js';
import type { RouteModule } from '../../context.js';
import { idParam, intParam, paging, pathId, stringParam } from '../../params.js';

const UserIdParams = Type.Object({ user_id: Type.String() });
const MAX_TIME = Number.MAX_SAFE_INTEGER;

/**
 * The audit log in Mattermost's Audit shape, newest first, paged by page/per_page. Parley's console also filters
 * by `user_id`, `action` (a prefix: `user.` for every user action) and `since`/`until` (ms, inclusive).
 */
export const auditRoutes: RouteModule = (api, { app }) => {
  api.get('/audits', async (request) => {
    const actor = await authenticate(app, request);
    const query = request.query as Record<string, unknown>;
    return app.audit.list(actor, { ...auditFilter(query), userId: idParam(query, 'user_id') });
  });

  api.get('/users/:user_id/audits', { schema: { params: UserIdParams } }, async (request) => {
    const actor = await authenticate(app, request);
    const userId = pathId(request.params.user_id, 'user_id', actor.userId);
    return app.audit.listForUser(actor, userId, auditFilter(request.query as Record<string, unknown>));
  });
};

function auditFilter(query: Record<string, unknown>): Omit<AuditQuery, 'userId'> {
  const { perPage, offset } = paging(query);
  const since = intParam(query, 'since', -1, { min: 0, max: MAX_TIME });
  const until = intParam(query, 'until', -1, { min: 0, max: MAX_TIME });
  return {
    actionPrefix: stringParam(query, 'action', 128) || undefined,
    since: since >= 0 ? since : undefined,
    until: until >= 0 ? until : undefined,
    offset, limit: perPage,
  };
}
