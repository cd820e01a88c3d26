import { useEffect, useState } from 'react';
import type { ServerChannel } from '@mattermost/types/channels';
import { client, errorMessage } from '../../../api/client';
import { getState, setState, useStore } from '../../../store/store';
import { joinChannel } from '../../../store/actions/channels';
import { navigate } from '../../../router/navigate';
import { useT } from '../../../i18n/useT';
import { Modal } from '../../../ui/Modal';
import { Icon } from '../../../ui/icons';

/** Public channels of the team: search, view (joins) and join. */
export function BrowseChannels({ onClose }: { onClose: () => void }) {
  const t = useT();
  const team = useStore((s) => s.teams[s.currentTeamId]);
  const members = useStore((s) => s.members);
  const [channels, setChannels] = useState<ServerChannel[] | null>(null);
  const [query, setQuery] = useState('');
  const [error, setError] = useState('');
  useEffect(() => {
    if (!team) return;
    client.getChannels(team.id, 0, 200).then((list) => setChannels(list.sort((a, b) => a.display_name.localeCompare(b.display_name))), (err: unknown) => setError(errorMessage(err)));
  }, [team]);
  if (!team) return null;
  const q = query.toLowerCase();
  const shown = (channels ?? []).filter((c) => c.delete_at === 0 && (!q || c.display_name.toLowerCase().includes(q) || c.name.includes(q) || c.purpose.toLowerCase().includes(q)));
  const open = async (c: ServerChannel): Promise<void> => {
    try {
      if (!getState().members[c.id]) await joinChannel(c.id);
      onClose();
      navigate(`/${team.name}/channels/${c.name}`);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <Modal
      title={t('browse.title')}
      onClose={onClose}
      width={640}
      footer={
        <button type="button" className="button primary" onClick={() => setState({ modal: 'channel:create' })}>
          <Icon name="plus" size={16} /> {t('sidebar.createChannel')}
        </button>
      }
    >
      <input className="search-input" placeholder={t('browse.search')} aria-label={t('browse.search')} value={query} onChange={(e) => setQuery(e.target.value)} autoFocus />
      {error && <p className="form-error" role="alert">{error}</p>}
      {!channels && !error && <div className="center-loading small"><div className="spinner" /></div>}
      <ul className="browse-list">
        {shown.map((c) => (
          <li key={c.id}>
            <button type="button" className="browse-item" onClick={() => void open(c)}>
              <span className="browse-name">
                <Icon name={c.type === 'P' ? 'lock' : 'hash'} size={14} /> {c.display_name}
              </span>
              {c.purpose && <span className="browse-purpose">{c.purpose}</span>}
            </button>
            {members[c.id] ? (
              <span className="tag">{t('browse.joined')}</span>
            ) : (
              <button type="button" className="button small" onClick={() => void open(c)}>{t('browse.join')}</button>
            )}
          </li>
        ))}
        {channels && shown.length === 0 && <li className="empty">{t('browse.none')}</li>}
      </ul>
    </Modal>
  );
}
