import type { AdminSection } from '../section';
import { settingsSection } from './SettingsPage';
import { parleySettings } from './pages/advanced';
import { email, mfa, password, signup } from './pages/authentication';
import { ldap } from './pages/ldap';
import { openid } from './pages/openid';
import { saml } from './pages/saml';
import { database, fileStorage, imageProxy, logging, performanceMonitoring, pushNotificationServer, rateLimiting, sessionLengths, smtp, webServer } from './pages/environment';
import { announcementBanner, customization, localization, notifications, posts, usersAndTeams } from './pages/site_config';
import { botAccounts, integrationManagement } from './pages/integrations';

export const settingsSections: AdminSection[] = [
  webServer, database, fileStorage, imageProxy, smtp, pushNotificationServer, rateLimiting, logging, sessionLengths, performanceMonitoring,
  customization, localization, usersAndTeams, notifications, posts, announcementBanner,
  signup, email, password, mfa, ldap, saml, openid,
  integrationManagement, botAccounts,
  parleySettings,
].map(settingsSection);
