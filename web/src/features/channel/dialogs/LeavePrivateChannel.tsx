import { useState } from 'react';
import { errorMessage } from '../../../api/client';
import { useStore } from '../../../store/store';
import { useT } from '../../../i18n/useT';
import { Modal } from '../../../ui/Modal';
import { leaveAndMoveOn } from '../leave';

/** "Leave private channel X? You won't be able to rejoin unless invited." Cancel keeps the membership. */
export function LeavePrivateChannel({ channelId, onClose }: { channelId: string; onClose: () => void }) {
  const t = useT();
  const name = useStore((s) => s.channels[channelId]?.display_name ?? '');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const leave = async (): Promise<void> => {
    setBusy(true);
    try {
      await leaveAndMoveOn(channelId);
      onClose();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };
  return (
    <Modal
      title={t('leavePrivate.title')}
      onClose={onClose}
      width={440}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="button" className="button danger" disabled={busy} onClick={() => void leave()}>{t('leavePrivate.leave')}</button>
        </>
      }
    >
      <p>{t('leavePrivate.body', { channel: name })}</p>
      {error && <p className="form-error" role="alert">{error}</p>}
    </Modal>
  );
}
