import { useState } from 'react';
import type { UserProfile } from '@mattermost/types/users';
import { errorMessage } from '../../../api/client';
import { useStore } from '../../../store/store';
import { channelTitle } from '../../../store/selectors';
import { addMembers } from '../../../store/actions/channels';
import { useT } from '../../../i18n/useT';
import { Modal } from '../../../ui/Modal';
import { UserPicker } from './UserPicker';

export function AddMembers({ onClose }: { onClose: () => void }) {
  const t = useT();
  const channelId = useStore((s) => s.currentChannelId);
  const title = useStore((s) => channelTitle(s, s.channels[s.currentChannelId]));
  const [selected, setSelected] = useState<UserProfile[]>([]);
  const [error, setError] = useState('');
  const add = async (): Promise<void> => {
    try {
      await addMembers(channelId, selected.map((u) => u.id));
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <Modal
      title={t('members.addTitle', { channel: title })}
      onClose={onClose}
      width={560}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="button" className="button primary" disabled={selected.length === 0} onClick={() => void add()}>{t('members.add')}</button>
        </>
      }
    >
      <UserPicker selected={selected} onChange={setSelected} max={50} notInChannel={channelId} />
      {error && <p className="form-error" role="alert">{error}</p>}
    </Modal>
  );
}
