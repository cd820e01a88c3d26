import { Type } from 'typebox';
import { badBodyParam } from '../../../model/errors.js';
import { pathParam } from '../../audit_hook.js';
import { authenticate } from '../../auth.js';
import type { RouteModule } from '../../context.js';
import { OK, pathId } from '../../params.js';

const UserIdParams = Type.Object({ user_id: Type.String() });
const UpdateMfaBody = Type.Object({ activate: Type.Boolean(), code: Type.Optional(Type.String({ maxLength: 16 })) });
const CheckMfaBody = Type.Object({ login_id: Type.String({ maxLength: 256 }) });

/** Multi-factor authentication: set-up and removal (allowed while enforcement blocks everything else), and the pre-login check. */
export const mfaRoutes: RouteModule = (api, { app }) => {
  const auth = (request: Parameters<typeof authenticate>[1]) => authenticate(app, request, { mfaExempt: true });

  api.post('/users/:user_id/mfa/generate', { schema: { params: UserIdParams } }, async (request) => {
    const actor = await auth(request);
    return app.mfa.generate(actor, pathId(request.params.user_id, 'user_id', actor.userId));
  });

  api.put('/users/:user_id/mfa', {
    schema: { params: UserIdParams, body: UpdateMfaBody },
    config: { audit: (request) => ({ action: (request.body as { activate?: unknown }).activate === true ? 'user.mfa.activate' : 'user.mfa.deactivate', object: pathParam(request, 'user_id') }) },
  }, async (request) => {
    const actor = await auth(request);
    const userId = pathId(request.params.user_id, 'user_id', actor.userId);
    if (request.body.activate) {
      if (!request.body.code) throw badBodyParam('code');
      await app.mfa.activate(actor, userId, request.body.code);
    } else {
      await app.mfa.deactivate(actor, userId);
    }
    return OK;
  });

  // Anonymous, as upstream: counted against the per-address limit like a login.
  api.post('/users/mfa', { schema: { body: CheckMfaBody }, config: { authRateLimit: 'all' } }, async (request) => ({
    mfa_required: await app.mfa.requiredForLogin(request.body.login_id),
  }));
};
