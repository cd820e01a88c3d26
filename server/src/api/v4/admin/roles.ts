import { Type } from 'typebox';
import { MAX_ROLE_NAMES } from '../../../app/admin/roles.js';
import { badUrlParam } from '../../../model/errors.js';
import { pathParam, type AuditSpec } from '../../audit_hook.js';
import { authenticate } from '../../auth.js';
import type { RouteModule } from '../../context.js';
import { pathId } from '../../params.js';

/** Mattermost's role names: lower-case letters, digits and underscores. */
const RoleName = Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9_]+$' });
const RoleIdParams = Type.Object({ role_id: Type.String({ maxLength: 64 }) });

/** A role patch is recorded with the permissions it asked for (the whole new list, as Mattermost sends it). */
const rolePatchAudit: AuditSpec = (request) => {
  const permissions = (request.body as { permissions?: unknown } | undefined)?.permissions;
  return { action: 'role.patch', object: pathParam(request, 'role_id'), extra: { permissions: Array.isArray(permissions) ? permissions.join(' ') : undefined } };
};

export const roleRoutes: RouteModule = (api, { app }) => {
  const auth = (request: Parameters<typeof authenticate>[1]) => authenticate(app, request);

  api.get('/roles', async (request) => app.roles.list(await auth(request)));

  api.get('/roles/:role_id', { schema: { params: RoleIdParams } }, async (request) => {
    await auth(request);
    return app.roles.get(pathId(request.params.role_id, 'role_id'));
  });

  api.get('/roles/name/:name', { schema: { params: Type.Object({ name: Type.String({ maxLength: 64 }) }) } }, async (request) => {
    await auth(request);
    if (!/^[a-z0-9_]{1,64}$/.test(request.params.name)) throw badUrlParam('role_name');
    return app.roles.getByName(request.params.name);
  });

  api.post('/roles/names', { schema: { body: Type.Array(RoleName, { minItems: 1, maxItems: MAX_ROLE_NAMES }) } }, async (request) => {
    await auth(request);
    return app.roles.getByNames(request.body);
  });

  // Mattermost reads only `permissions` from the patch; clients send whole roles.
  api.put('/roles/:role_id/patch', {
    schema: { params: RoleIdParams, body: Type.Object({ permissions: Type.Optional(Type.Array(Type.String({ maxLength: 128 }), { maxItems: 1000 })) }) },
    config: { audit: rolePatchAudit },
  }, async (request) => {
    const actor = await auth(request);
    const id = pathId(request.params.role_id, 'role_id');
    const { permissions } = request.body;
    if (permissions === undefined) return app.roles.get(id);
    return app.roles.patchPermissions(actor, id, permissions);
  });
};
