import type { AdminSection } from '../section';
import { PermissionsPage } from './PermissionsPage';

export const permissionSections: AdminSection[] = [
  {
    path: 'user_management/permissions',
    group: 'User Management',
    title: 'Permissions',
    label: (t) => t('admin.perm.schemePermissions'),
    component: PermissionsPage,
  },
];
