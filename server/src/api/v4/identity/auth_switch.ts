import { Type } from 'typebox';
import { pathParam } from '../../audit_hook.js';
import { authenticate, readToken } from '../../auth.js';
import type { RouteModule } from '../../context.js';
import { pathId } from '../../params.js';

const UserIdParams = Type.Object({ user_id: Type.String() });
const Str = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const SwitchBody = Type.Object({
  current_service: Type.String({ maxLength: 32 }), new_service: Type.String({ maxLength: 32 }), email: Type.String({ maxLength: 256 }),
  password: Str(1024), new_password: Str(1024), mfa_code: Str(16), ldap_id: Str(256),
});
const UserAuthBody = Type.Object({ auth_service: Type.String({ maxLength: 32 }), auth_data: Str(256), password: Str(1024) });

/** Changing an account's sign-in method: by its owner (login/switch) and by a system admin (users/{id}/auth). */
export const authSwitchRoutes: RouteModule = (api, { app }) => {
  // The owner may be signed in (leaving a provider for a password) or not (proving a password to go to a provider).
  api.post('/users/login/switch', {
    schema: { body: SwitchBody }, config: { authRateLimit: 'failures', audit: { action: 'user.auth.switch', body: ['current_service', 'new_service'] } },
  }, async (request) => {
    const actor = readToken(request) ? await authenticate(app, request, { mfaExempt: true }) : undefined;
    return app.authSwitch.switchAccount(actor, request.body);
  });

  api.put('/users/:user_id/auth', {
    schema: { params: UserIdParams, body: UserAuthBody },
    config: { audit: (request) => ({ action: 'user.auth.update', object: pathParam(request, 'user_id') }) },
  }, async (request) => {
    const actor = await authenticate(app, request);
    return app.authSwitch.setAuth(actor, pathId(request.params.user_id, 'user_id', actor.userId), request.body);
  });
};
