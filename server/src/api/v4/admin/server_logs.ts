import { Type } from 'typebox';
import { authenticate, readToken } from '../../auth.js';
import type { RouteModule } from '../../context.js';
import { intParam, paging } from '../../params.js';

/** Upstream reads at most (and by default) 10,000 lines a page. */
const LOGS_PER_PAGE = 10_000;
const Names = Type.Optional(Type.Array(Type.String({ maxLength: 256 }), { maxItems: 100 }));
const LogFilterBody = Type.Object({
  server_names: Names, log_levels: Names,
  date_from: Type.Optional(Type.String({ maxLength: 64 })), date_to: Type.Optional(Type.String({ maxLength: 64 })),
});

/** The server logs the console shows (this node's recent lines), and client errors written into them. */
export const serverLogRoutes: RouteModule = (api, { app }) => {
  const logPage = (q: Record<string, unknown>) => ({
    page: paging(q).page, perPage: intParam(q, 'logs_per_page', LOGS_PER_PAGE, { min: 0, max: LOGS_PER_PAGE }),
  });

  api.get('/logs', async (request) => {
    const actor = await authenticate(app, request);
    const { page, perPage } = logPage(request.query as Record<string, unknown>);
    return app.serverLogs.plain(actor, page, perPage);
  });

  api.post('/logs/query', { schema: { body: LogFilterBody } }, async (request) => {
    const actor = await authenticate(app, request);
    const { page, perPage } = logPage(request.query as Record<string, unknown>);
    return app.serverLogs.query(actor, page, perPage, request.body);
  });

  // Clients report their errors here before (or without) signing in: the caller is optional.
  api.post('/logs', {
    schema: { body: Type.Object({ level: Type.Optional(Type.String({ maxLength: 32 })), message: Type.Optional(Type.String({ maxLength: 65_536 })) }) },
  }, async (request) => {
    const actor = readToken(request) ? await authenticate(app, request) : undefined;
    return app.serverLogs.clientMessage(actor, request.body.level ?? '', request.body.message ?? '');
  });
};
