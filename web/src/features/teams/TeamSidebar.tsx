import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../store/store';
import { teamUnread } from '../../store/selectors';
import { navigate } from '../../router/navigate';
import { useT } from '../../i18n/useT';
import { Icon } from '../../ui/icons';

function TeamButton({ teamId }: { teamId: string }) {
  const team = useStore((s) => s.teams[teamId]);
  const active = useStore((s) => s.currentTeamId === teamId);
  const unread = useStore(useShallow((s) => teamUnread(s, teamId, false)));
  const hasUnread = unread.hasUnread && !active;
  if (!team) return null;
  const initials = team.display_name.split(/\s+/).map((w) => w[0]).join('').slice(0, 2) || team.name.slice(0, 2);
  return (
    <li className={`team-item ${active ? 'active' : ''} ${hasUnread ? 'unread' : ''}`}>
      <button type="button" className="team-button" aria-label={team.display_name} title={team.display_name} aria-current={active ? 'page' : undefined} onClick={() => navigate(`/${team.name}`)}>
        <span className="team-icon">{initials}</span>
      </button>
      {unread.mentions > 0 && !active && <span className="badge team-badge">{unread.mentions}</span>}
    </li>
  );
}

/** The narrow strip of teams on the far left. */
export function TeamSidebar() {
  const t = useT();
  const teamIds = useStore((s) => s.myTeamIds);
  return (
    <nav className="team-sidebar" aria-label={t('teams.sidebar')}>
      <ul>
        {teamIds.map((id) => (
          <TeamButton key={id} teamId={id} />
        ))}
      </ul>
      <button type="button" className="team-button add" aria-label={t('teams.createOrJoin')} title={t('teams.createOrJoin')} onClick={() => navigate('/select_team')}>
        <Icon name="plus" />
      </button>
    </nav>
  );
}
