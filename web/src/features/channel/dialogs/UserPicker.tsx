import { useEffect, useState } from 'react';
import type { UserProfile } from '@mattermost/types/users';
import { client } from '../../../api/client';
import { receivedUsers } from '../../../store/actions/users';
import { useStore } from '../../../store/store';
import { useT } from '../../../i18n/useT';
import { Avatar } from '../../people/Avatar';
import { PersonLabel } from '../../people/PersonLabel';
import { Icon } from '../../../ui/icons';

interface UserPickerProps {
  selected: UserProfile[];
  onChange: (users: UserProfile[]) => void;
  max: number;
  /** only people not yet in this channel */
  notInChannel?: string;
}

/** Search people and collect a selection (chips); used by DM/GM and add-members dialogs. */
export function UserPicker({ selected, onChange, max, notInChannel }: UserPickerProps) {
  const t = useT();
  const myId = useStore((s) => s.me?.id);
  const teamId = useStore((s) => s.currentTeamId);
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<UserProfile[]>([]);
  useEffect(() => {
    const timer = setTimeout(() => {
      const request = query
        ? client.searchUsers(query, notInChannel ? { team_id: teamId, not_in_channel_id: notInChannel } : {})
        : notInChannel
          ? client.getProfilesNotInChannel(teamId, notInChannel, false, 0, 50)
          : client.getProfiles(0, 50);
      request.then((users) => {
        receivedUsers(users);
        setResults(users.filter((u) => u.id !== myId && u.delete_at === 0));
      }, () => setResults([]));
    }, 120);
    return () => clearTimeout(timer);
  }, [query, myId, notInChannel, teamId]);
  const chosen = new Set(selected.map((u) => u.id));
  return (
    <div className="user-picker">
      <div className="chips">
        {selected.map((u) => (
          <span key={u.id} className="chip">
            <Avatar userId={u.id} size={18} /> {u.username}
            <button type="button" aria-label={t('picker.remove', { name: u.username })} onClick={() => onChange(selected.filter((s) => s.id !== u.id))}>
              <Icon name="close" size={12} />
            </button>
          </span>
        ))}
        <input
          className="chip-input"
          autoFocus
          placeholder={t('picker.search')}
          aria-label={t('picker.search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Backspace' && !query && selected.length) onChange(selected.slice(0, -1));
            if (e.key === 'Enter' && results[0] && !chosen.has(results[0].id) && selected.length < max) {
              e.preventDefault();
              onChange([...selected, results[0]]);
              setQuery('');
            }
          }}
        />
      </div>
      <ul className="picker-results">
        {results.map((u) => (
          <li key={u.id}>
            <button
              type="button"
              className={chosen.has(u.id) ? 'picker-item chosen' : 'picker-item'}
              disabled={!chosen.has(u.id) && selected.length >= max}
              onClick={() => {
                onChange(chosen.has(u.id) ? selected.filter((s) => s.id !== u.id) : [...selected, u]);
                setQuery('');
              }}
            >
              <Avatar userId={u.id} size={28} showStatus />
              <PersonLabel user={u} />
              {chosen.has(u.id) && <Icon name="check" size={16} />}
            </button>
          </li>
        ))}
        {results.length === 0 && <li className="empty">{t('picker.none')}</li>}
      </ul>
    </div>
  );
}
