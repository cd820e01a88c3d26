import { useT } from '../../../i18n/useT';
import { systemRoleOf } from '../access';

export function RoleLabel({ roles }: { roles: string }) {
  const t = useT();
  const role = systemRoleOf(roles);
  if (role === 'system_admin') return <>{t('admin.role.systemAdmin')}</>;
  if (role === 'system_user_manager') return <>{t('admin.role.userManager')}</>;
  if (role === 'system_manager') return <>{t('admin.role.systemManager')}</>;
  if (role === 'system_read_only_admin') return <>{t('admin.role.readOnlyAdmin')}</>;
  return <>{roles.split(' ').includes('system_guest') ? t('admin.role.guest') : t('admin.role.member')}</>;
}
