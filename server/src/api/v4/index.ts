import type { RouteModule } from '../context.js';
import { systemRoutes } from './system.js';
import { teamRoutes } from './teams.js';
import { userRoutes } from './users.js';
import { channelDirectoryRoutes } from './channel_directory.js';
import { channelRoutes } from './channels.js';
import { categoryRoutes } from './categories.js';
import { preferenceRoutes } from './preferences.js';
import { postRoutes } from './posts.js';
import { reactionRoutes } from './reactions.js';
import { threadRoutes } from './threads.js';
import { channelModerationRoutes } from './admin/channel_moderation.js';
import { roleRoutes } from './admin/roles.js';
import { schemeRoutes } from './admin/schemes.js';
import { analyticsRoutes } from './admin/analytics.js';
import { channelAdminRoutes } from './admin/channels.js';
import { licenseRoutes } from './admin/license.js';
import { pluginRoutes } from './admin/plugins.js';
import { serverLogRoutes } from './admin/server_logs.js';
import { userStatsRoutes } from './admin/user_stats.js';
import { auditRoutes } from './admin/audits.js';
import { configRoutes } from './admin/config.js';
import { emailRoutes } from './admin/email.js';
import { userReportRoutes } from './admin/user_reports.js';
import { agentRoutes } from './admin/agents.js';
import { scheduledPostRoutes } from './scheduled_posts.js';
import { imageProxyRoutes } from './link_previews/image.js';
import { openGraphRoutes } from './link_previews/opengraph.js';
import { postSearchRoutes } from './search/posts_search.js';
import { profileImageRoutes } from './pictures/profile_images.js';
import { teamIconRoutes } from './pictures/team_icons.js';
import { emojiRoutes } from './emoji/emoji.js';
import { fileRoutes } from './files/files.js';
import { fileSearchRoutes } from './files/file_search.js';
import { notificationRoutes } from './notifications/notifications.js';
import { actionRoutes } from './integrations/actions.js';
import { oauthAppRoutes } from './integrations/oauth_apps.js';
import { botRoutes } from './integrations/bots.js';
import { accessTokenRoutes } from './integrations/access_tokens.js';
import { commandRoutes } from './integrations/commands.js';
import { webhookRoutes } from './integrations/webhooks.js';
import { ldapRoutes } from './identity/ldap.js';
import { jobRoutes } from './identity/jobs.js';
import { mfaRoutes } from './identity/mfa.js';
import { authSwitchRoutes } from './identity/auth_switch.js';
import { ssoRoutes } from './identity/sso.js';
import { samlRoutes } from './identity/saml.js';

/** Every /api/v4 resource, one module per resource. */
export const v4Routes: RouteModule[] = [systemRoutes, userRoutes, teamRoutes, channelRoutes, channelDirectoryRoutes, categoryRoutes, preferenceRoutes, postRoutes, reactionRoutes, threadRoutes,
  roleRoutes, schemeRoutes, channelModerationRoutes,
  analyticsRoutes, serverLogRoutes, licenseRoutes, pluginRoutes, userStatsRoutes, channelAdminRoutes,
  auditRoutes, configRoutes, emailRoutes,
  userReportRoutes, agentRoutes, scheduledPostRoutes,
  postSearchRoutes,
  profileImageRoutes, teamIconRoutes, emojiRoutes,
  openGraphRoutes,
  imageProxyRoutes,
  fileRoutes, fileSearchRoutes,
  notificationRoutes,
  webhookRoutes,
  commandRoutes,
  actionRoutes,
  botRoutes, accessTokenRoutes,
  oauthAppRoutes,
  mfaRoutes, authSwitchRoutes,
  ldapRoutes, jobRoutes, ssoRoutes, samlRoutes];
