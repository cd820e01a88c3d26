import { useEffect, useMemo, useState } from 'react';
import type { ServerChannel } from '@mattermost/types/channels';
import { useShallow } from 'zustand/react/shallow';
import { client, errorMessage } from '../../../api/client';
import { getState, setState, useStore } from '../../../store/store';
import { joinChannel } from '../../../store/actions/channels';
import { navigate } from '../../../router/navigate';
import { useT } from '../../../i18n/useT';
import { Modal } from '../../../ui/Modal';
import { Icon } from '../../../ui/icons';
import { archivedViewable } from '../archived';
import { browseChannels, type BrowseFilter } from './browse_filter';
import '../../../styles/everyday.css';

/** The team's channels by type (public, my private ones, archived ones): search, view and join. */
export function BrowseChannels({ onClose }: { onClose: () => void }) {
  const t = useT();
  const team = useStore((s) => s.teams[s.currentTeamId]);
  const members = useStore((s) => s.members);
  const canViewArchived = useStore((s) => archivedViewable(s.config));
  const mine = useStore(useShallow((s) => Object.values(s.channels).filter((c) => c.team_id === s.currentTeamId && s.members[c.id])));
  const [open, setOpen] = useState<ServerChannel[] | null>(null);
  const [archived, setArchived] = useState<ServerChannel[] | null>(null);
  const [filter, setFilter] = useState<BrowseFilter>('all');
  const [query, setQuery] = useState('');
  const [error, setError] = useState('');
  useEffect(() => {
    if (!team) return;
    client.getChannels(team.id, 0, 200).then(setOpen, (err: unknown) => setError(errorMessage(err)));
  }, [team]);
  useEffect(() => {
    if (!team || filter !== 'archived' || archived) return;
    client.getArchivedChannels(team.id, 0, 200).then(setArchived, (err: unknown) => setError(errorMessage(err)));
  }, [team, filter, archived]);
  const shown = useMemo(() => browseChannels(filter, { open: open ?? [], archived: archived ?? [], mine }, query), [filter, open, archived, mine, query]);
  if (!team) return null;
  const loading = !error && (filter === 'archived' ? !archived : !open);
  const view = async (c: ServerChannel): Promise<void> => {
    try {
      // Archived channels are read without joining; the server takes no new members in them.
      if (c.delete_at === 0 && !getState().members[c.id]) await joinChannel(c.id);
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
      <div className="browse-controls">
        <input className="search-input" placeholder={t('browse.search')} aria-label={t('browse.search')} value={query} onChange={(e) => setQuery(e.target.value)} autoFocus />
        <select aria-label={t('browse.filter')} value={filter} onChange={(e) => setFilter(e.target.value as BrowseFilter)}>
          <option value="all">{t('browse.all')}</option>
          <option value="public">{t('browse.public')}</option>
          <option value="private">{t('browse.private')}</option>
          {canViewArchived && <option value="archived">{t('browse.archived')}</option>}
        </select>
      </div>
      {error && <p className="form-error" role="alert">{error}</p>}
      {loading && <div className="center-loading small"><div className="spinner" /></div>}
      <ul className="browse-list" aria-label={t('browse.results')}>
        {shown.map((c) => (
          <li key={c.id}>
            <button type="button" className="browse-item" onClick={() => void view(c)}>
              <span className="browse-name">
                <Icon name={c.delete_at > 0 ? 'archive' : c.type === 'P' ? 'lock' : 'hash'} size={14} /> {c.display_name}
              </span>
              {c.purpose && <span className="browse-purpose">{c.purpose}</span>}
            </button>
            {c.delete_at > 0 ? (
              <span className="tag">{t('browse.archivedTag')}</span>
            ) : members[c.id] ? (
              <span className="tag">{t('browse.joined')}</span>
            ) : (
              <button type="button" className="button small" onClick={() => void view(c)}>{t('browse.join')}</button>
            )}
          </li>
        ))}
        {!loading && shown.length === 0 && <li className="empty">{t('browse.none')}</li>}
      </ul>
    </Modal>
  );
}
