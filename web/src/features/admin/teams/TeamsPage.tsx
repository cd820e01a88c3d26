import { useState } from 'react';
import type { Team, TeamsWithCount } from '@mattermost/types/teams';
import { client } from '../../../api/client';
import { useT } from '../../../i18n/useT';
import { AdminPage, ConsoleLink, LoadError, Pager, useLoad } from '../ui';
import { TeamDetail } from './TeamDetail';

const PER_PAGE = 50;

async function loadTeams(term: string, page: number): Promise<{ teams: Team[]; total: number }> {
  if (term.trim()) {
    // Client4's overloads have the two answers swapped: a paged search answers {teams, total_count}.
    const found = (await client.searchTeams(term.trim(), { page, per_page: PER_PAGE })) as unknown as TeamsWithCount;
    return { teams: found.teams, total: found.total_count };
  }
  const listed = await client.getTeams(page, PER_PAGE, true);
  return 'teams' in listed ? { teams: listed.teams, total: listed.total_count } : { teams: listed, total: listed.length };
}

export function TeamsPage({ subpath }: { subpath: string }) {
  return subpath ? <TeamDetail teamId={subpath} /> : <TeamList />;
}

function TeamList() {
  const t = useT();
  const [term, setTerm] = useState('');
  const [page, setPage] = useState(0);
  const teams = useLoad(() => loadTeams(term, page), `${term}:${page}`);
  return (
    <AdminPage title={t('admin.teams.title')}>
      <div className="admin-filters" role="search">
        <label className="field">
          <span>{t('admin.search')}</span>
          <input type="search" value={term} placeholder={t('admin.teams.searchPlaceholder')} onChange={(e) => { setTerm(e.target.value); setPage(0); }} />
        </label>
      </div>
      <LoadError error={teams.error} />
      <table className="admin-table">
        <thead>
          <tr>
            <th scope="col">{t('admin.teams.name')}</th>
            <th scope="col">{t('admin.teams.url')}</th>
            <th scope="col">{t('admin.teams.privacy')}</th>
            <th scope="col">{t('admin.users.status')}</th>
          </tr>
        </thead>
        <tbody>
          {(teams.data?.teams ?? []).map((team) => (
            <tr key={team.id} data-team={team.name}>
              <td><ConsoleLink to={`user_management/teams/${team.id}`}>{team.display_name}</ConsoleLink></td>
              <td className="muted-text">/{team.name}</td>
              <td>{team.type === 'O' ? t('admin.teams.open') : t('admin.teams.inviteOnly')}</td>
              <td>{team.delete_at > 0 ? <span className="tag">{t('admin.archived')}</span> : t('admin.users.active')}</td>
            </tr>
          ))}
          {!teams.loading && teams.data?.teams.length === 0 && (
            <tr><td colSpan={4} className="empty">{t('admin.teams.none')}</td></tr>
          )}
        </tbody>
      </table>
      <Pager
        page={page}
        hasNext={(page + 1) * PER_PAGE < (teams.data?.total ?? 0)}
        onPage={setPage}
        label={t('admin.pageOfTotal', { page: page + 1, total: teams.data?.total ?? 0 })}
      />
    </AdminPage>
  );
}
