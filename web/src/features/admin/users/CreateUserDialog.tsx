import { useState, type FormEvent } from 'react';
import type { UserProfile } from '@mattermost/types/users';
import { client, errorMessage } from '../../../api/client';
import { useT } from '../../../i18n/useT';
import { Modal } from '../../../ui/Modal';

export function CreateUserDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (user: UserProfile) => void }) {
  const t = useT();
  const [form, setForm] = useState({ username: '', email: '', password: '', first_name: '', last_name: '' });
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      const user = await client.createUser({ ...form, username: form.username.trim().toLowerCase(), email: form.email.trim() } as UserProfile, '', '');
      onCreated(user);
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const field = (key: keyof typeof form, label: string, type = 'text', required = true) => (
    <label className="field">
      <span>{label}</span>
      <input name={key} type={type} required={required} value={form[key]} autoComplete="off" onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
    </label>
  );
  return (
    <Modal title={t('admin.users.create')} onClose={onClose} width={560}>
      <form className="form grid-2" onSubmit={(e) => void submit(e)}>
        {field('username', t('auth.username'))}
        {field('email', t('auth.email'), 'email')}
        {field('first_name', t('settings.firstName'), 'text', false)}
        {field('last_name', t('settings.lastName'), 'text', false)}
        {field('password', t('auth.password'), 'password')}
        <div className="form-actions span-2">
          {error && <span className="form-error" role="alert">{error}</span>}
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" className="button primary" disabled={busy}>{t('admin.users.createSubmit')}</button>
        </div>
      </form>
    </Modal>
  );
}
