import { Type } from 'typebox';
import { roleByName, rolesByNames } from '../../app/roles.js';
import { notFound } from '../../model/errors.js';
import { authenticate } from '../auth.js';
import type { RouteModule } from '../context.js';
import { OK } from '../params.js';
import { BUILD_NUMBER, MATTERMOST_API_VERSION } from '../version.js';

const bool = (value: boolean): string => (value ? 'true' : 'false');

export const systemRoutes: RouteModule = (api, { app }) => {
  api.get('/system/ping', async (request, reply) => {
    const q = request.query as Record<string, unknown>;
    const database = (await app.healthy()) ? 'OK' : 'UNHEALTHY';
    const body: Record<string, unknown> = { status: database === 'OK' ? 'OK' : 'UNHEALTHY', ActiveSearchBackend: 'database' };
    if (q.get_server_status === 'true') Object.assign(body, { database_status: database, filestore_status: 'OK' });
    if (database !== 'OK') return reply.code(500).send(body);
    return body;
  });

  api.get('/config/client', async () => {
    const c = app.config;
    return {
      Version: MATTERMOST_API_VERSION, BuildNumber: BUILD_NUMBER, BuildDate: '', BuildHash: 'parley', BuildEnterpriseReady: 'false',
      SiteURL: c.siteUrl, SiteName: c.siteName, DefaultClientLocale: 'en', AvailableLocales: 'en,de',
      EnableSignInWithEmail: 'true', EnableSignInWithUsername: 'true', EnableSignUpWithEmail: bool(c.enableUserCreation),
      EnableUserCreation: bool(c.enableUserCreation), EnableOpenServer: bool(c.enableOpenServer), WebsocketURL: '',
      WebsocketPort: '80', WebsocketSecurePort: '443', EnableReliableWebSockets: 'true', CollapsedThreads: 'default_off',
      EnableCustomEmoji: 'false', EnableFileAttachments: 'false', MaxFileSize: '0', MaxPostSize: String(c.maxPostSize),
      PostEditTimeLimit: '-1', TeammateNameDisplay: 'username', ShowEmailAddress: bool(c.showEmailAddress),
      ShowFullName: bool(c.showFullName), EnableIncomingWebhooks: 'false', EnableOutgoingWebhooks: 'false', EnableCommands: 'false',
      EnablePostUsernameOverride: 'false', EnablePostIconOverride: 'false', EnableUserAccessTokens: 'false',
      EnableLinkPreviews: 'false', EnableUserTypingMessages: 'true', TimeBetweenUserTypingUpdatesMilliseconds: '5000',
      MinimumHashtagLength: '3', AllowSyncedDrafts: 'false', DiagnosticsEnabled: 'false', EnableEmailInvitations: 'false',
      EnableMultifactorAuthentication: 'false', PasswordMinimumLength: '8', RestrictDirectMessage: 'any',
      ExperimentalPrimaryTeam: '', EnableChannelViewedMessages: 'true', ExperimentalEnableDefaultChannelLeaveJoinMessages: 'true',
      EnableConfirmNotificationsToChannel: 'true', IsDefaultMarketplace: 'false', FeatureFlagCollapsedThreads: 'true',
      NoAccounts: 'false', TelemetryId: '', EnableEmojiPicker: 'true', EnableGifPicker: 'false',
    };
  });

  api.get('/license/client', async () => ({ IsLicensed: 'false' }));
  api.get('/plugins/webapp', async () => []);
  api.get('/plugins/statuses', async () => []);
  api.get('/system/onboarding/complete', async () => ({ name: 'onboarding_complete', value: 'true' }));
  api.get('/limits/server', async () => ({ activeUserCount: 0, maxUsersLimit: 0 }));
  api.post('/logs', async () => OK);
  api.post('/client_perf', async () => OK);

  api.post('/roles/names', { schema: { body: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 100 }) } }, async (request) => {
    await authenticate(app, request);
    return rolesByNames(request.body);
  });

  api.get('/roles/name/:name', { schema: { params: Type.Object({ name: Type.String({ maxLength: 64 }) }) } }, async (request) => {
    await authenticate(app, request);
    const role = roleByName(request.params.name);
    if (!role) throw notFound('role');
    return role;
  });

  api.get('/system/notices/:team_id', async () => []);
};
