import { useEffect, useMemo, useState } from 'react';
import type { UserProfile } from '@mattermost/types/users';
import { getState, useStore } from '../../store/store';
import { channelTitle, channelUrl, myChannelsInTeam, unreadOf } from '../../store/selectors';
import { searchUsers } from '../../store/actions/users';
import { navigate } from '../../router/navigate';
import { useT } from '../../i18n/useT';
import { Modal } from '../../ui/Modal';
import { Icon } from '../../ui/icons';
import { Avatar } from '../people/Avatar';
import { PersonLabel, personDetail } from '../people/PersonLabel';

interface Option {
  key: string;
  label: string;
  detail: string;
  href: string;
  icon: 'hash' | 'lock' | 'message' | 'user';
  userId?: string;
  /** a person offered for a direct message, shown with PersonLabel */
  user?: UserProfile;
  unread: boolean;
}

/** Ctrl/Cmd+K: jump to any of my channels, or a DM with anyone. */
export function ChannelSwitcher({ onClose }: { onClose: () => void }) {
  const t = useT();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [people, setPeople] = useState<UserProfile[]>([]);
  const teamId = useStore((s) => s.currentTeamId);
  useEffect(() => {
    if (!query) {
      setPeople([]);
      return;
    }
    const timer = setTimeout(() => void searchUsers(query, '').then(setPeople, () => setPeople([])), 150);
    return () => clearTimeout(timer);
  }, [query]);
  const options = useMemo<Option[]>(() => {
    const s = getState();
    const team = s.teams[teamId];
    if (!team) return [];
    const q = query.toLowerCase().replace(/^[~@#]/, '');
    const channels = myChannelsInTeam(s, teamId)
      .filter((c) => c.delete_at === 0)
      .map((c) => ({ c, title: channelTitle(s, c) }))
      .filter(({ c, title }) => !q || title.toLowerCase().includes(q) || c.name.includes(q))
      .sort((a, b) => (q ? Number(!a.title.toLowerCase().startsWith(q)) - Number(!b.title.toLowerCase().startsWith(q)) : 0) || b.c.last_post_at - a.c.last_post_at)
      .slice(0, 12)
      .map(({ c, title }) => ({
        key: c.id,
        label: title,
        detail: c.type === 'O' || c.type === 'P' ? `~${c.name}` : '',
        href: channelUrl(s, c, team.name),
        icon: c.type === 'P' ? ('lock' as const) : c.type === 'O' ? ('hash' as const) : ('message' as const),
        unread: unreadOf(s, c.id).showUnread,
      }));
    const dmNames = new Set(channels.map((o) => o.label));
    const users = people
      .filter((u) => u.id !== s.me?.id && !dmNames.has(u.username))
      .slice(0, 6)
      .map((u) => ({ key: `u-${u.id}`, label: u.username, detail: personDetail(u), href: `/${team.name}/messages/@${u.username}`, icon: 'user' as const, userId: u.id, user: u, unread: false }));
    return [...channels, ...users];
  }, [query, people, teamId]);
  const go = (o: Option | undefined): void => {
    if (!o) return;
    onClose();
    navigate(o.href);
  };
  return (
    <Modal title={t('switcher.title')} onClose={onClose} width={560} className="switcher">
      <input
        className="switcher-input"
        autoFocus
        placeholder={t('switcher.inputPlaceholder')}
        aria-label={t('switcher.inputPlaceholder')}
        role="combobox"
        aria-expanded="true"
        aria-controls="switcher-list"
        aria-activedescendant={options[active] ? `switcher-${options[active].key}` : undefined}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive((a) => Math.min(options.length - 1, a + 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(0, a - 1));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            go(options[active]);
          }
        }}
      />
      <ul className="switcher-list" id="switcher-list" role="listbox" aria-label={t('switcher.results')}>
        {options.map((o, i) => (
          <li
            key={o.key}
            id={`switcher-${o.key}`}
            role="option"
            aria-selected={i === active}
            className={`switcher-option ${i === active ? 'active' : ''} ${o.unread ? 'unread' : ''}`}
            onMouseEnter={() => setActive(i)}
            onClick={() => go(o)}
          >
            {o.userId ? <Avatar userId={o.userId} size={20} showStatus /> : <Icon name={o.icon === 'user' ? 'message' : o.icon} size={16} />}
            {o.user ? (
              <PersonLabel user={o.user} />
            ) : (
              <>
                <span className="switcher-label">{o.label}</span>
                <span className="switcher-detail">{o.detail}</span>
              </>
            )}
          </li>
        ))}
        {options.length === 0 && <li className="empty">{t('switcher.none')}</li>}
      </ul>
      <p className="switcher-hint">{t('switcher.hint')}</p>
    </Modal>
  );
}
