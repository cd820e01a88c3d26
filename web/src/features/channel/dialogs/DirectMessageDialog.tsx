import { useState } from 'react';
import type { UserProfile } from '@mattermost/types/users';
import { errorMessage } from '../../../api/client';
import { getState } from '../../../store/store';
import { openDirect } from '../../../store/actions/channels';
import { channelUrl } from '../../../store/selectors';
import { navigate } from '../../../router/navigate';
import { useT } from '../../../i18n/useT';
import { Modal } from '../../../ui/Modal';
import { UserPicker } from './UserPicker';

/** One person: a direct message; two to seven: a group message. */
export function DirectMessageDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const [selected, setSelected] = useState<UserProfile[]>([]);
  const [error, setError] = useState('');
  const go = async (): Promise<void> => {
    try {
      const channel = await openDirect(selected.map((u) => u.id));
      const s = getState();
      const team = s.teams[s.currentTeamId];
      onClose();
      if (team) navigate(channelUrl(s, channel, team.name));
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <Modal
      title={t('direct.title')}
      onClose={onClose}
      width={560}
      footer={
        <>
          <span className="footer-note">{t('direct.limit')}</span>
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="button" className="button primary" disabled={selected.length === 0} onClick={() => void go()}>{t('direct.go')}</button>
        </>
      }
    >
      <UserPicker selected={selected} onChange={setSelected} max={7} />
      {error && <p className="form-error" role="alert">{error}</p>}
    </Modal>
  );
}
