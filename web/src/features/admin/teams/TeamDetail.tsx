import type { Team } from '@mattermost/types/teams';
import { client } from '../../../api/client';
import { useT } from '../../../i18n/useT';
import { permanentlyDeleteTeam, updateTeamPrivacy } from '../api';
import { MembersCard } from '../MembersCard';
import { ActionButton, AdminPage, ArchiveActions, ConsoleLink, LoadError, useFormatDateTime, useLoad } from '../ui';

export function TeamDetail({ teamId }: { teamId: string }) {
  const t = useT();
  const loaded = useLoad(() => client.getTeam(teamId), teamId);
  const team = loaded.data;
  return (
    <AdminPage title={team?.display_name ?? t('admin.teams.title')}>
      <p><ConsoleLink to="user_management/teams">{t('admin.teams.back')}</ConsoleLink></p>
      <LoadError error={loaded.error} />
      {team && <TeamPanels team={team} reload={loaded.reload} />}
    </AdminPage>
  );
}

function TeamPanels({ team, reload }: { team: Team; reload: () => void }) {
  const t = useT();
  const formatDateTime = useFormatDateTime();
  const archived = team.delete_at > 0;
  return (
    <>
      <div className="admin-card">
        <dl className="admin-facts">
          <dt>{t('admin.teams.name')}</dt>
          <dd>{team.display_name}</dd>
          <dt>{t('admin.teams.url')}</dt>
          <dd>/{team.name}</dd>
          <dt>{t('admin.teams.privacy')}</dt>
          <dd>{team.type === 'O' ? t('admin.teams.open') : t('admin.teams.inviteOnly')}</dd>
          <dt>{t('admin.users.status')}</dt>
          <dd>{archived ? t('admin.archivedAt', { date: formatDateTime(team.delete_at) }) : t('admin.users.active')}</dd>
        </dl>
      </div>
      <div className="admin-card">
        <h2>{t('admin.manage')}</h2>
        <div className="admin-row">
          {!archived && (
            <ActionButton
              label={team.type === 'O' ? t('admin.teams.makeInviteOnly') : t('admin.teams.makeOpen')}
              action={() => updateTeamPrivacy(team.id, team.type === 'O' ? 'I' : 'O')}
              onDone={reload}
            />
          )}
          <ArchiveActions
            archived={archived}
            texts={{
              restoreLabel: t('admin.restore'),
              archiveTitle: t('admin.teams.archiveTitle', { name: team.display_name }), archiveBody: t('admin.teams.archiveBody'),
              deleteTitle: t('admin.teams.deleteTitle', { name: team.display_name }), deleteBody: t('admin.teams.deleteBody'),
            }}
            archive={() => client.deleteTeam(team.id)}
            restore={() => client.unarchiveTeam(team.id)}
            deletePermanently={() => permanentlyDeleteTeam(team.id)}
            listPath="user_management/teams"
            onChanged={reload}
          />
        </div>
      </div>
      <MembersCard
        kind="team"
        reloadKey={`${team.id}:${team.update_at}`}
        readOnly={archived}
        load={(page, perPage) => client.getTeamMembers(team.id, page, perPage)}
        setAdmin={(userId, admin) => client.updateTeamMemberSchemeRoles(team.id, userId, true, admin)}
      />
    </>
  );
}
