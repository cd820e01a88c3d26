import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../../api/client';
import { useStore } from '../../../store/store';
import { createCategory, moveToCategory } from '../../../store/actions/channels';
import { useT } from '../../../i18n/useT';
import { Modal } from '../../../ui/Modal';

/** Names a new custom sidebar category; from the channel menu it also moves the channel into it. */
export function CreateCategory({ onClose, withChannel }: { onClose: () => void; withChannel: boolean }) {
  const t = useT();
  const teamId = useStore((s) => s.currentTeamId);
  const channelId = useStore((s) => s.currentChannelId);
  const [name, setName] = useState('');
  const [error, setError] = useState('');
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!name.trim()) return;
    try {
      await createCategory(teamId, name.trim(), withChannel && channelId ? [channelId] : []);
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <Modal
      title={t('category.create')}
      onClose={onClose}
      width={440}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" form="create-category" className="button primary">{t('category.createSubmit')}</button>
        </>
      }
    >
      <form id="create-category" className="form" onSubmit={(e) => void submit(e)}>
        <label className="field">
          <span>{t('category.name')}</span>
          <input name="categoryName" value={name} maxLength={22} onChange={(e) => setName(e.target.value)} autoFocus required />
        </label>
        {error && <p className="form-error" role="alert">{error}</p>}
      </form>
    </Modal>
  );
}

export function MoveToCategory({ onClose }: { onClose: () => void }) {
  const t = useT();
  const teamId = useStore((s) => s.currentTeamId);
  const channelId = useStore((s) => s.currentChannelId);
  const categories = useStore((s) => s.categories[s.currentTeamId] ?? []);
  const [error, setError] = useState('');
  const label = (type: string, name: string): string =>
    type === 'favorites' ? t('sidebar.favorites') : type === 'channels' ? t('sidebar.channels') : type === 'direct_messages' ? t('sidebar.directMessages') : name;
  const move = async (categoryId: string): Promise<void> => {
    try {
      await moveToCategory(teamId, channelId, categoryId);
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <Modal title={t('category.moveTitle')} onClose={onClose} width={440}>
      <ul className="browse-list">
        {categories.map((c) => (
          <li key={c.id}>
            <button type="button" className="browse-item" disabled={c.channel_ids.includes(channelId)} onClick={() => void move(c.id)}>
              <span className="browse-name">{label(c.type, c.display_name)}</span>
            </button>
          </li>
        ))}
      </ul>
      {error && <p className="form-error" role="alert">{error}</p>}
    </Modal>
  );
}
