import { authenticate, readToken } from '../auth.js';
import type { RouteModule } from '../context.js';
import { OK } from '../params.js';

export const systemRoutes: RouteModule = (api, { app }) => {
  // Upstream's fields; with get_server_status the database and file store are checked too (also sent as headers),
  // and an unhealthy server answers 500 unless the caller asks for use_rest_semantics.
  api.get('/system/ping', async (request, reply) => {
    const q = request.query as Record<string, unknown>;
    const database = (await app.healthy()) ? 'OK' : 'UNHEALTHY';
    const status = database === 'OK' ? 'OK' : 'UNHEALTHY';
    const body: Record<string, unknown> = {
      status, AndroidLatestVersion: '', AndroidMinVersion: '', IosLatestVersion: '', IosMinVersion: '', ActiveSearchBackend: 'database',
    };
    if (q.get_server_status === 'true') {
      Object.assign(body, { database_status: database, filestore_status: 'OK' });
      reply.header('status', status).header('database_status', database).header('filestore_status', 'OK');
      const actor = readToken(request) ? await authenticate(app, request).catch(() => undefined) : undefined;
      if (actor && app.permissions.hasSystem(actor, 'manage_system')) body.root_status = process.getuid?.() === 0;
    }
    if (status !== 'OK' && q.use_rest_semantics !== 'true') return reply.code(500).send(body);
    return body;
  });

  api.get('/plugins/webapp', async () => []);
  api.get('/plugins/statuses', async () => []);
  api.get('/system/onboarding/complete', async () => ({ name: 'onboarding_complete', value: 'true' }));
  api.get('/limits/server', async () => ({ activeUserCount: 0, maxUsersLimit: 0 }));
  api.post('/client_perf', async () => OK);

  api.get('/system/notices/:team_id', async () => []);
};
