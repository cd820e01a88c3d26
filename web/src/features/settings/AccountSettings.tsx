import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../api/client';
import { useStore } from '../../store/store';
import { changePassword, patchMe } from '../../store/actions/users';
import { useT } from '../../i18n/useT';
import { ProfilePicture } from '../pictures/ProfilePicture';
import { AccessTokenSettings } from './AccessTokenSettings';
import { SecuritySettings } from './SecuritySettings';
import { signInMethod } from './sign_in_method';

export function AccountSettings() {
  const t = useT();
  const me = useStore((s) => s.me);
  const [form, setForm] = useState({
    first_name: me?.first_name ?? '',
    last_name: me?.last_name ?? '',
    username: me?.username ?? '',
    nickname: me?.nickname ?? '',
    position: me?.position ?? '',
  });
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const [passwords, setPasswords] = useState({ current: '', next: '' });
  const [passwordMessage, setPasswordMessage] = useState('');
  if (!me) return null;
  const field = (key: keyof typeof form, label: string, max = 64) => (
    <label className="field">
      <span>{label}</span>
      <input name={key} value={form[key]} maxLength={max} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
    </label>
  );
  const save = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setError('');
    try {
      await patchMe({ ...form, username: form.username.trim().toLowerCase() });
      setMessage(t('settings.saved'));
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const savePassword = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    try {
      await changePassword(passwords.current, passwords.next);
      setPasswords({ current: '', next: '' });
      setPasswordMessage(t('settings.passwordChanged'));
    } catch (err) {
      setPasswordMessage(errorMessage(err));
    }
  };
  return (
    <div className="settings-section">
      <div className="settings-avatar">
        <ProfilePicture user={me} />
        <div>
          <strong>@{me.username}</strong>
          <div className="muted-text">{me.email}</div>
        </div>
      </div>
      <form className="form grid-2" onSubmit={(e) => void save(e)}>
        {field('first_name', t('settings.firstName'))}
        {field('last_name', t('settings.lastName'))}
        {field('username', t('auth.username'), 22)}
        {field('nickname', t('settings.nickname'))}
        {field('position', t('settings.position'), 128)}
        <div className="form-actions span-2">
          {message && <span className="form-ok" role="status">{message}</span>}
          {error && <span className="form-error" role="alert">{error}</span>}
          <button type="submit" className="button primary">{t('common.save')}</button>
        </div>
      </form>
      <h4>{t('settings.password')}</h4>
      {/* Directory and single sign-on accounts have no Parley password: their provider keeps it. */}
      {me.auth_service && me.auth_service !== 'email' ? (
        <p className="muted-text">{t('security.noPassword', { method: signInMethod(t, me.auth_service) })}</p>
      ) : (
        <form className="form grid-2" onSubmit={(e) => void savePassword(e)}>
          <label className="field">
            <span>{t('settings.currentPassword')}</span>
            <input type="password" autoComplete="current-password" value={passwords.current} onChange={(e) => setPasswords({ ...passwords, current: e.target.value })} required />
          </label>
          <label className="field">
            <span>{t('settings.newPassword')}</span>
            <input type="password" autoComplete="new-password" value={passwords.next} onChange={(e) => setPasswords({ ...passwords, next: e.target.value })} required />
          </label>
          <div className="form-actions span-2">
            {passwordMessage && <span className="form-note" role="status">{passwordMessage}</span>}
            <button type="submit" className="button">{t('settings.changePassword')}</button>
          </div>
        </form>
      )}
      <SecuritySettings />
      <AccessTokenSettings />
    </div>
  );
}
