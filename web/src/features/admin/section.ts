import type { ComponentType } from 'react';
import type { Translate } from '../../i18n/useT';

/** One page of the System Console: its place in the sidebar and the component that renders it at /admin_console/<path>. */
export interface AdminSection {
  /** URL path under /admin_console, e.g. 'user_management/users' (Mattermost's console paths where one exists). */
  path: string;
  /** Sidebar group heading, e.g. 'User Management', 'Site Configuration', 'Permissions', 'Reporting'. */
  group: string;
  title: string;
  /** The sidebar's translated title; `title` is shown when a section has none. */
  label?: (t: Translate) => string;
  component: ComponentType<{ subpath: string }>;
}
