import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../../api/client';
import { useStore } from '../../../store/store';
import { createChannel } from '../../../store/actions/channels';
import { navigate } from '../../../router/navigate';
import { useT } from '../../../i18n/useT';
import { Modal } from '../../../ui/Modal';
import { slugify } from '../../teams/teamName';

export function CreateChannel({ onClose }: { onClose: () => void }) {
  const t = useT();
  const team = useStore((s) => s.teams[s.currentTeamId]);
  const [name, setName] = useState('');
  const [purpose, setPurpose] = useState('');
  const [type, setType] = useState<'O' | 'P'>('O');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  if (!team) return null;
  const slug = slugify(name);
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (slug.length < 2) {
      setError(t('create.nameTooShort'));
      return;
    }
    setBusy(true);
    try {
      const channel = await createChannel(team.id, name.trim(), slug, type, purpose.trim());
      onClose();
      navigate(`/${team.name}/channels/${channel.name}`);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };
  return (
    <Modal
      title={t('create.title')}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" form="create-channel" className="button primary" disabled={busy}>{t('create.submit')}</button>
        </>
      }
    >
      <form id="create-channel" className="form" onSubmit={(e) => void submit(e)}>
        <label className="field">
          <span>{t('create.name')}</span>
          <input name="channelName" value={name} maxLength={64} onChange={(e) => setName(e.target.value)} autoFocus required />
          {slug && <small>{t('create.url', { url: `/${team.name}/channels/${slug}` })}</small>}
        </label>
        <fieldset className="radio-cards">
          <legend>{t('create.type')}</legend>
          <label className={type === 'O' ? 'radio-card selected' : 'radio-card'}>
            <input type="radio" name="type" checked={type === 'O'} onChange={() => setType('O')} />
            <strong>{t('create.public')}</strong>
            <small>{t('create.publicHint')}</small>
          </label>
          <label className={type === 'P' ? 'radio-card selected' : 'radio-card'}>
            <input type="radio" name="type" checked={type === 'P'} onChange={() => setType('P')} />
            <strong>{t('create.private')}</strong>
            <small>{t('create.privateHint')}</small>
          </label>
        </fieldset>
        <label className="field">
          <span>{t('create.purpose')}</span>
          <input name="purpose" value={purpose} maxLength={250} onChange={(e) => setPurpose(e.target.value)} />
        </label>
        {error && <p className="form-error" role="alert">{error}</p>}
      </form>
    </Modal>
  );
}
