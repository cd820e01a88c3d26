import type { AdminSection } from './section';
import { settingsSections } from './settings';
import { permissionSections } from './permissions';
import { StatisticsPage } from './reporting/StatisticsPage';
import { ServerLogsPage } from './reporting/ServerLogsPage';
import { UsersPage } from './users/UsersPage';
import { TeamsPage } from './teams/TeamsPage';
import { ChannelsPage } from './channels/ChannelsPage';
import { AuditLogPage } from './audits/AuditLogPage';

const reportingSections: AdminSection[] = [
  { path: 'reporting/system_analytics', group: 'Reporting', title: 'Site Statistics', label: (t) => t('admin.stats.title'), component: StatisticsPage },
  { path: 'reporting/server_logs', group: 'Reporting', title: 'Server Logs', label: (t) => t('admin.logs.title'), component: ServerLogsPage },
];

const userManagementSections: AdminSection[] = [
  { path: 'user_management/users', group: 'User Management', title: 'Users', label: (t) => t('admin.users.title'), component: UsersPage },
  { path: 'user_management/teams', group: 'User Management', title: 'Teams', label: (t) => t('admin.teams.title'), component: TeamsPage },
  { path: 'user_management/channels', group: 'User Management', title: 'Channels', label: (t) => t('admin.channels.title'), component: ChannelsPage },
];

const complianceSections: AdminSection[] = [
  { path: 'compliance/audits', group: 'Compliance', title: 'Audit Log', label: (t) => t('admin.audits.title'), component: AuditLogPage },
];

/** Every page of the System Console, in sidebar order (groups appear in the order of their first page). */
export const adminSections: AdminSection[] = [
  ...reportingSections,
  ...userManagementSections,
  ...permissionSections,
  ...settingsSections,
  ...complianceSections,
];
