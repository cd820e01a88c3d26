import { useEffect, useMemo, useState } from 'react';
import { errorMessage } from '../../../api/client';
import { useT } from '../../../i18n/useT';
import { AdminPage, ConsoleLink, LoadError, SaveBar, useLoad } from '../ui';
import { useCanEditPermissions } from './access';
import { PermissionTable } from './PermissionTable';
import { loadRoles, permissionColumns, permissionsOf, roleNames, saveRoles, SYSTEM_TEAM_ROLES } from './roles';
import { changedRoles, permissionTree, type RolePermissions } from './tree';

const SYSTEM = { user: 'system_user', guest: 'system_guest' };
const ROLE_NAMES = [SYSTEM.user, SYSTEM.guest, ...roleNames(SYSTEM_TEAM_ROLES)];

/** The system scheme: what every member, channel admin, team admin and guest may do wherever no team scheme applies. */
export function SystemScheme() {
  const t = useT();
  const canEdit = useCanEditPermissions();
  const roles = useLoad(() => loadRoles(ROLE_NAMES), 'system_scheme');
  const saved = useMemo(() => (roles.data ? permissionsOf(roles.data) : null), [roles.data]);
  const [draft, setDraft] = useState<RolePermissions | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState('');
  const [savedNote, setSavedNote] = useState(false);
  useEffect(() => setDraft(saved), [saved]);

  const dirty = Boolean(saved && draft && changedRoles(saved, draft).length > 0);
  const save = async (): Promise<void> => {
    if (!roles.data || !saved || !draft) return;
    setSaving(true);
    setError('');
    try {
      await saveRoles(roles.data, saved, draft);
      setSavedNote(true);
      roles.reload();
    } catch (err) {
      setError(errorMessage(err));
      roles.reload();
    } finally {
      setSaving(false);
    }
  };

  return (
    <AdminPage title={t('admin.perm.systemScheme')} actions={<ConsoleLink to="user_management/permissions">{t('admin.perm.backToSchemes')}</ConsoleLink>}>
      <p className="muted-text">{t('admin.perm.systemSchemeIntro')}</p>
      <LoadError error={roles.error} />
      {draft && (
        <PermissionTable
          groups={permissionTree(t)}
          columns={permissionColumns(t, SYSTEM_TEAM_ROLES, SYSTEM)}
          state={draft}
          readOnly={!canEdit}
          onChange={(next) => {
            setDraft(next);
            setSavedNote(false);
          }}
        />
      )}
      {canEdit && (
        <SaveBar dirty={dirty} saving={saving} saved={savedNote} error={error} onSave={() => void save()} />
      )}
    </AdminPage>
  );
}
