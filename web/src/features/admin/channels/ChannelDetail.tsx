import { useState } from 'react';
import type { ServerChannel } from '@mattermost/types/channels';
import type { Team } from '@mattermost/types/teams';
import { client } from '../../../api/client';
import { useT } from '../../../i18n/useT';
import { moveChannel, permanentlyDeleteChannel } from '../api';
import { MembersCard } from '../MembersCard';
import { ChannelModeration } from '../permissions/ChannelModeration';
import { ActionButton, AdminPage, ArchiveActions, ConsoleLink, LoadError, useFormatDateTime, useLoad } from '../ui';

async function loadChannel(channelId: string): Promise<{ channel: ServerChannel; teams: Team[] }> {
  const [channel, teams] = await Promise.all([client.getChannel(channelId), client.getTeams(0, 200) as Promise<Team[]>]);
  return { channel, teams };
}

export function ChannelDetail({ channelId }: { channelId: string }) {
  const t = useT();
  const loaded = useLoad(() => loadChannel(channelId), channelId);
  const channel = loaded.data?.channel;
  return (
    <AdminPage title={channel?.display_name ?? t('admin.channels.title')}>
      <p><ConsoleLink to="user_management/channels">{t('admin.channels.back')}</ConsoleLink></p>
      <LoadError error={loaded.error} />
      {channel && loaded.data && <ChannelPanels channel={channel} teams={loaded.data.teams} reload={loaded.reload} />}
    </AdminPage>
  );
}

function ChannelPanels({ channel, teams, reload }: { channel: ServerChannel; teams: Team[]; reload: () => void }) {
  const t = useT();
  const formatDateTime = useFormatDateTime();
  const [targetTeam, setTargetTeam] = useState('');
  const [force, setForce] = useState(false);
  const archived = channel.delete_at > 0;
  const team = teams.find((x) => x.id === channel.team_id);
  const otherTeams = teams.filter((x) => x.id !== channel.team_id && x.delete_at === 0);
  return (
    <>
      <div className="admin-card">
        <dl className="admin-facts">
          <dt>{t('admin.channels.name')}</dt>
          <dd>{channel.display_name} <span className="muted-text">~{channel.name}</span></dd>
          <dt>{t('admin.users.team')}</dt>
          <dd>{team ? <ConsoleLink to={`user_management/teams/${team.id}`}>{team.display_name}</ConsoleLink> : channel.team_id}</dd>
          <dt>{t('admin.channels.type')}</dt>
          <dd>{channel.type === 'P' ? t('admin.channels.private') : t('admin.channels.public')}</dd>
          <dt>{t('admin.users.status')}</dt>
          <dd>{archived ? t('admin.archivedAt', { date: formatDateTime(channel.delete_at) }) : t('admin.users.active')}</dd>
        </dl>
      </div>
      <div className="admin-card">
        <h2>{t('admin.manage')}</h2>
        <div className="admin-row">
          {!archived && (
            <ActionButton
              label={channel.type === 'O' ? t('admin.channels.makePrivate') : t('admin.channels.makePublic')}
              action={() => client.updateChannelPrivacy(channel.id, channel.type === 'O' ? 'P' : 'O')}
              onDone={reload}
              confirm={{
                title: channel.type === 'O' ? t('admin.channels.makePrivate') : t('admin.channels.makePublic'),
                body: channel.type === 'O' ? t('admin.channels.makePrivateBody') : t('admin.channels.makePublicBody'),
                confirmLabel: t('admin.confirm'),
              }}
            />
          )}
          <ArchiveActions
            archived={archived}
            texts={{
              restoreLabel: t('admin.channels.unarchive'),
              archiveTitle: t('admin.channels.archiveTitle', { name: channel.display_name }), archiveBody: t('admin.channels.archiveBody'),
              deleteTitle: t('admin.channels.deleteTitle', { name: channel.display_name }), deleteBody: t('admin.channels.deleteBody'),
            }}
            archive={() => client.deleteChannel(channel.id)}
            restore={() => client.unarchiveChannel(channel.id)}
            deletePermanently={() => permanentlyDeleteChannel(channel.id)}
            listPath="user_management/channels"
            onChanged={reload}
          />
        </div>
        {!archived && (
          <div className="admin-row">
            <label className="field">
              <span>{t('admin.channels.moveTo')}</span>
              <select value={targetTeam} onChange={(e) => setTargetTeam(e.target.value)}>
                <option value="">{t('admin.channels.chooseTeam')}</option>
                {otherTeams.map((x) => (
                  <option key={x.id} value={x.id}>{x.display_name}</option>
                ))}
              </select>
            </label>
            <label className="admin-check">
              <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
              <span>{t('admin.channels.force')}</span>
            </label>
            <ActionButton
              label={t('admin.channels.move')}
              disabled={!targetTeam}
              action={() => moveChannel(channel.id, targetTeam, force)}
              onDone={() => {
                setTargetTeam('');
                reload();
              }}
            />
          </div>
        )}
      </div>
      <MembersCard
        kind="channel"
        reloadKey={`${channel.id}:${channel.update_at}`}
        readOnly={archived}
        load={(page, perPage) => client.getChannelMembers(channel.id, page, perPage)}
        setAdmin={(userId, admin) => client.updateChannelMemberSchemeRoles(channel.id, userId, true, admin)}
      />
      {!archived && (channel.type === 'O' || channel.type === 'P') && <ChannelModeration channelId={channel.id} />}
    </>
  );
}
