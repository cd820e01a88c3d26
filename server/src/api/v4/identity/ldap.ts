import { Type } from 'typebox';
import { authenticate } from '../../auth.js';
import type { RouteModule } from '../../context.js';
import { OK } from '../../params.js';

/** The console's LdapSettings form, whole or in part (checked by the app). */
const LdapSettingsBody = Type.Record(Type.String(), Type.Unknown());

/** AD/LDAP administration: connection tests and sync. Sign-in itself is POST /users/login. */
export const ldapRoutes: RouteModule = (api, { app }) => {
  api.post('/ldap/test', { config: { audit: { action: 'ldap.test' } } }, async (request) => {
    await app.ldap.test(await authenticate(app, request));
    return OK;
  });

  // Newer servers' "Test Connection" tests what is on screen, not what was saved.
  api.post('/ldap/test_connection', {
    schema: { body: LdapSettingsBody },
    config: { audit: { action: 'ldap.test_connection' } },
  }, async (request) => {
    await app.ldap.testDraft(await authenticate(app, request), request.body);
    return OK;
  });

  api.post('/ldap/sync', { config: { audit: { action: 'ldap.sync' } } }, async (request) => {
    await app.ldap.syncNow(await authenticate(app, request));
    return OK;
  });
};
