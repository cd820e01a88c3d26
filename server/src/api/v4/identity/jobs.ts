import { Type } from 'typebox';
import { authenticate } from '../../auth.js';
import type { RouteModule } from '../../context.js';
import { paging, pathId } from '../../params.js';

const TypeParams = Type.Object({ type: Type.String({ minLength: 1, maxLength: 64 }) });
const JobIdParams = Type.Object({ job_id: Type.String() });

/** The jobs the console shows (AD/LDAP sync runs) in Mattermost's Job shape, newest first. */
export const jobRoutes: RouteModule = (api, { app }) => {
  api.get('/jobs/type/:type', { schema: { params: TypeParams } }, async (request) => {
    const actor = await authenticate(app, request);
    const { page, perPage } = paging(request.query as Record<string, unknown>, { perPage: 60, maxPerPage: 200 });
    return app.ldap.jobsOfType(actor, request.params.type, page, perPage);
  });

  api.get('/jobs/:job_id', { schema: { params: JobIdParams } }, async (request) => {
    const actor = await authenticate(app, request);
    return app.ldap.job(actor, pathId(request.params.job_id, 'job_id'));
  });
};
