import { useState } from 'react';
import type { ChannelsWithTotalCount } from '@mattermost/types/channels';
import type { Team } from '@mattermost/types/teams';
import { client } from '../../../api/client';
import { useT } from '../../../i18n/useT';
import { Icon } from '../../../ui/icons';
import { AdminPage, ConsoleLink, LoadError, Pager, useLoad } from '../ui';
import { ChannelDetail } from './ChannelDetail';

const PER_PAGE = 50;

interface ChannelFilter {
  term: string;
  teamId: string;
  type: '' | 'O' | 'P';
}

/** Every channel (archived too) across teams: POST /channels/search, paged, which takes the term and the filters together. */
function loadChannels(filter: ChannelFilter, page: number): Promise<ChannelsWithTotalCount> {
  return client.searchAllChannels(filter.term.trim(), {
    page,
    per_page: PER_PAGE,
    include_deleted: true,
    ...(filter.teamId ? { team_ids: [filter.teamId] } : {}),
    ...(filter.type === 'O' ? { public: true } : filter.type === 'P' ? { private: true } : {}),
  });
}

export function ChannelsPage({ subpath }: { subpath: string }) {
  return subpath ? <ChannelDetail channelId={subpath} /> : <ChannelList />;
}

function ChannelList() {
  const t = useT();
  const [filter, setFilter] = useState<ChannelFilter>({ term: '', teamId: '', type: '' });
  const [page, setPage] = useState(0);
  const teams = useLoad(() => client.getTeams(0, 200) as Promise<Team[]>, 'teams');
  const channels = useLoad(() => loadChannels(filter, page), JSON.stringify([filter, page]));
  const teamName = new Map((teams.data ?? []).map((team) => [team.id, team.display_name]));
  const change = (next: Partial<ChannelFilter>): void => {
    setFilter({ ...filter, ...next });
    setPage(0);
  };
  const total = channels.data?.total_count ?? 0;
  return (
    <AdminPage title={t('admin.channels.title')}>
      <div className="admin-filters" role="search">
        <label className="field">
          <span>{t('admin.search')}</span>
          <input type="search" value={filter.term} placeholder={t('admin.channels.searchPlaceholder')} onChange={(e) => change({ term: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('admin.users.team')}</span>
          <select value={filter.teamId} onChange={(e) => change({ teamId: e.target.value })}>
            <option value="">{t('admin.users.anyTeam')}</option>
            {(teams.data ?? []).map((team) => (
              <option key={team.id} value={team.id}>{team.display_name}</option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('admin.channels.type')}</span>
          <select value={filter.type} onChange={(e) => change({ type: e.target.value as ChannelFilter['type'] })}>
            <option value="">{t('admin.channels.anyType')}</option>
            <option value="O">{t('admin.channels.public')}</option>
            <option value="P">{t('admin.channels.private')}</option>
          </select>
        </label>
      </div>
      <LoadError error={teams.error || channels.error} />
      <table className="admin-table">
        <thead>
          <tr>
            <th scope="col">{t('admin.channels.name')}</th>
            <th scope="col">{t('admin.users.team')}</th>
            <th scope="col">{t('admin.channels.type')}</th>
            <th scope="col">{t('admin.users.status')}</th>
          </tr>
        </thead>
        <tbody>
          {(channels.data?.channels ?? []).map((channel) => (
            <tr key={channel.id} data-channel={channel.name}>
              <td>
                <ConsoleLink to={`user_management/channels/${channel.id}`} className="admin-user-cell">
                  <Icon name={channel.type === 'P' ? 'lock' : 'hash'} size={14} />
                  <span>{channel.display_name}</span>
                </ConsoleLink>
              </td>
              <td>{channel.team_display_name || teamName.get(channel.team_id) || ''}</td>
              <td>{channel.type === 'P' ? t('admin.channels.private') : t('admin.channels.public')}</td>
              <td>{channel.delete_at > 0 ? <span className="tag">{t('admin.archived')}</span> : t('admin.users.active')}</td>
            </tr>
          ))}
          {!channels.loading && channels.data?.channels.length === 0 && (
            <tr><td colSpan={4} className="empty">{t('admin.channels.none')}</td></tr>
          )}
        </tbody>
      </table>
      <Pager page={page} hasNext={(page + 1) * PER_PAGE < total} onPage={setPage} label={t('admin.pageOfTotal', { page: page + 1, total })} />
    </AdminPage>
  );
}
