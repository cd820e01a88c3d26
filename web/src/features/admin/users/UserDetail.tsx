import { useState } from 'react';
import type { Team } from '@mattermost/types/teams';
import type { UserProfile } from '@mattermost/types/users';
import { client } from '../../../api/client';
import { useT } from '../../../i18n/useT';
import { Avatar } from '../../people/Avatar';
import { rolesWithChoice, systemRoleOf, type SystemRoleChoice } from '../access';
import { ActionButton, AdminPage, ConsoleLink, LoadError, useFormatDateTime, useLoad } from '../ui';

async function loadUser(userId: string): Promise<{ user: UserProfile; teams: Team[] }> {
  const [user, teams] = await Promise.all([client.getUser(userId), client.getTeamsForUser(userId)]);
  return { user, teams };
}

export function UserDetail({ userId }: { userId: string }) {
  const t = useT();
  const loaded = useLoad(() => loadUser(userId), userId);
  const user = loaded.data?.user;
  return (
    <AdminPage title={user ? `@${user.username}` : t('admin.users.title')}>
      <p><ConsoleLink to="user_management/users">{t('admin.users.back')}</ConsoleLink></p>
      <LoadError error={loaded.error} />
      {user && loaded.data && <UserPanels user={user} teams={loaded.data.teams} reload={loaded.reload} />}
    </AdminPage>
  );
}

function UserPanels({ user, teams, reload }: { user: UserProfile; teams: Team[]; reload: () => void }) {
  const t = useT();
  const formatDateTime = useFormatDateTime();
  const [role, setRole] = useState<SystemRoleChoice>(systemRoleOf(user.roles));
  const [password, setPassword] = useState('');
  const [passwordSaved, setPasswordSaved] = useState(false);
  const [sessionsRevoked, setSessionsRevoked] = useState(false);
  const [mfaRemoved, setMfaRemoved] = useState(false);
  const active = user.delete_at === 0;
  return (
    <>
      <div className="admin-card admin-user-head">
        <Avatar userId={user.id} size={64} />
        <dl className="admin-facts">
          <dt>{t('auth.username')}</dt>
          <dd>@{user.username}</dd>
          <dt>{t('admin.users.name')}</dt>
          <dd>{`${user.first_name} ${user.last_name}`.trim() || '—'}</dd>
          <dt>{t('admin.users.email')}</dt>
          <dd>{user.email}</dd>
          <dt>{t('admin.users.status')}</dt>
          <dd>{active ? t('admin.users.active') : t('admin.users.deactivated')}</dd>
          <dt>{t('admin.users.created')}</dt>
          <dd>{formatDateTime(user.create_at)}</dd>
        </dl>
      </div>

      <div className="admin-card">
        <h2>{t('admin.users.role')}</h2>
        <div className="admin-row">
          <label className="field">
            <span className="sr-only">{t('admin.users.role')}</span>
            <select aria-label={t('admin.users.role')} value={role} onChange={(e) => setRole(e.target.value as SystemRoleChoice)}>
              <option value="member">{t('admin.role.member')}</option>
              <option value="system_admin">{t('admin.role.systemAdmin')}</option>
              <option value="system_user_manager">{t('admin.role.userManager')}</option>
              <option value="system_manager">{t('admin.role.systemManager')}</option>
              <option value="system_read_only_admin">{t('admin.role.readOnlyAdmin')}</option>
            </select>
          </label>
          <ActionButton
            label={t('admin.users.saveRole')}
            primary
            disabled={role === systemRoleOf(user.roles)}
            action={() => client.updateUserRoles(user.id, rolesWithChoice(user.roles, role))}
            onDone={reload}
          />
        </div>
      </div>

      <div className="admin-card">
        <h2>{t('admin.users.account')}</h2>
        <div className="admin-row">
          {active ? (
            <ActionButton
              label={t('admin.users.deactivate')}
              danger
              action={() => client.updateUserActive(user.id, false)}
              onDone={reload}
              confirm={{ title: t('admin.users.deactivateTitle', { username: user.username }), body: t('admin.users.deactivateBody'), confirmLabel: t('admin.users.deactivate') }}
            />
          ) : (
            <ActionButton
              label={t('admin.users.activate')}
              primary
              action={() => client.updateUserActive(user.id, true)}
              onDone={reload}
              confirm={{ title: t('admin.users.activateTitle', { username: user.username }), body: t('admin.users.activateBody'), confirmLabel: t('admin.users.activate') }}
            />
          )}
          <ActionButton
            label={t('admin.users.revokeSessions')}
            action={() => client.revokeAllSessionsForUser(user.id)}
            onDone={() => setSessionsRevoked(true)}
            confirm={{ title: t('admin.users.revokeSessions'), body: t('admin.users.revokeBody'), confirmLabel: t('admin.users.revoke') }}
          />
          {sessionsRevoked && <span className="form-ok" role="status">{t('admin.users.revoked')}</span>}
        </div>
        <div className="admin-row">
          <label className="field">
            <span>{t('admin.users.newPassword')}</span>
            <input type="password" autoComplete="new-password" value={password} onChange={(e) => { setPassword(e.target.value); setPasswordSaved(false); }} />
          </label>
          <ActionButton
            label={t('admin.users.resetPassword')}
            disabled={!password}
            // An empty current password is the admin reset (what Mattermost's console sends).
            action={() => client.updateUserPassword(user.id, '', password)}
            onDone={() => {
              setPassword('');
              setPasswordSaved(true);
            }}
          />
          {passwordSaved && <span className="form-ok" role="status">{t('admin.users.passwordReset')}</span>}
        </div>
      </div>

      <div className="admin-card">
        <h2>{t('admin.users.mfa')}</h2>
        <div className="admin-row">
          <span>{user.mfa_active ? t('admin.users.mfaActive') : t('admin.users.mfaInactive')}</span>
          {user.mfa_active && (
            // Mattermost's "Remove MFA": PUT /users/{id}/mfa {activate: false}, for a user who lost their device.
            <ActionButton
              label={t('admin.users.removeMfa')}
              danger
              action={() => client.updateUserMfa(user.id, false, '')}
              onDone={() => {
                setMfaRemoved(true);
                reload();
              }}
              confirm={{ title: t('admin.users.removeMfa'), body: t('admin.users.removeMfaBody'), confirmLabel: t('admin.users.removeMfa') }}
            />
          )}
          {mfaRemoved && !user.mfa_active && <span className="form-ok" role="status">{t('admin.users.mfaRemoved')}</span>}
        </div>
      </div>

      <div className="admin-card">
        <h2>{t('admin.users.teams')}</h2>
        {teams.length === 0 ? (
          <p className="muted-text">{t('admin.users.noTeams')}</p>
        ) : (
          <ul className="admin-list">
            {teams.map((team) => (
              <li key={team.id}>
                <ConsoleLink to={`user_management/teams/${team.id}`}>{team.display_name}</ConsoleLink>
                <span className="muted-text"> /{team.name}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </>
  );
}
