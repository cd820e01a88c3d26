import { useState } from 'react';
import { errorMessage } from '../../../api/client';
import { getState, useStore } from '../../../store/store';
import { channelTitle } from '../../../store/selectors';
import { archiveChannel } from '../../../store/actions/channels';
import { leaveIfUnviewable } from '../archived';
import { useT } from '../../../i18n/useT';
import { Modal } from '../../../ui/Modal';

export function ArchiveChannel({ onClose }: { onClose: () => void }) {
  const t = useT();
  const channelId = useStore((s) => s.currentChannelId);
  const title = useStore((s) => channelTitle(s, s.channels[s.currentChannelId]));
  const [error, setError] = useState('');
  const archive = async (): Promise<void> => {
    try {
      await archiveChannel(channelId);
      onClose();
      // Where archived channels are readable the view just turns read-only, as for everyone else in it.
      leaveIfUnviewable(getState().channels[channelId] ?? { id: channelId, delete_at: Date.now() });
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <Modal
      title={t('archive.title')}
      onClose={onClose}
      width={440}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="button" className="button danger" onClick={() => void archive()}>{t('channel.archive')}</button>
        </>
      }
    >
      <p>{t('archive.body', { channel: title })}</p>
      {error && <p className="form-error" role="alert">{error}</p>}
    </Modal>
  );
}
