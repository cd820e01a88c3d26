import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../../api/client';
import { useStore } from '../../../store/store';
import { patchChannel } from '../../../store/actions/channels';
import { useT } from '../../../i18n/useT';
import { Modal } from '../../../ui/Modal';

type Field = 'header' | 'purpose' | 'display_name';

/** Edit one channel field: header (markdown), purpose, or display name. */
export function EditChannelField({ field, onClose }: { field: Field; onClose: () => void }) {
  const t = useT();
  const channel = useStore((s) => s.channels[s.currentChannelId]);
  const [value, setValue] = useState(channel?.[field] ?? '');
  const [error, setError] = useState('');
  if (!channel) return null;
  const title = field === 'header' ? t('channel.editHeader') : field === 'purpose' ? t('channel.editPurpose') : t('channel.rename');
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (field === 'display_name' && !value.trim()) return;
    try {
      await patchChannel(channel.id, { [field]: value.trim() });
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <Modal
      title={title}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" form="edit-channel" className="button primary">{t('common.save')}</button>
        </>
      }
    >
      <form id="edit-channel" className="form" onSubmit={(e) => void submit(e)}>
        <label className="field">
          <span>{title}</span>
          {field === 'display_name' ? (
            <input name={field} value={value} maxLength={64} onChange={(e) => setValue(e.target.value)} autoFocus required />
          ) : (
            <textarea name={field} value={value} rows={4} maxLength={field === 'header' ? 1024 : 250} onChange={(e) => setValue(e.target.value)} autoFocus />
          )}
          {field === 'header' && <small>{t('channel.headerHint')}</small>}
        </label>
        {error && <p className="form-error" role="alert">{error}</p>}
      </form>
    </Modal>
  );
}
