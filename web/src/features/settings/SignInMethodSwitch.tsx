import { useState, type FormEvent } from 'react';
import { client, serverError } from '../../api/client';
import { useT } from '../../i18n/useT';
import { useStore } from '../../store/store';
import { ssoButtons } from '../auth/sso';
import { signInMethod } from './sign_in_method';

/** A method an account can move to: a provider, the directory, or a password here. */
type Target = { service: string; name: string };

/**
 * Security > sign-in method: moving the account to another method, as Mattermost allows
 * (ServiceSettings.ExperimentalEnableAuthenticationTransfer): from a provider or the directory to a password, and
 * from a password to the directory or a provider (the provider's sign-in then takes the account over). Every switch
 * ends the account's sessions, so the browser follows the server's link to a fresh sign-in.
 */
export function SignInMethodSwitch() {
  const t = useT();
  const me = useStore((s) => s.me);
  const config = useStore((s) => s.config);
  const [target, setTarget] = useState<Target>();
  const [fields, setFields] = useState({ password: '', newPassword: '', mfaCode: '', ldapId: '' });
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  if (!me || config.ExperimentalEnableAuthenticationTransfer !== 'true') return null;
  const current = me.auth_service || 'email';
  const targets: Target[] = current !== 'email'
    ? [{ service: 'email', name: signInMethod(t, 'email') }]
    : [
      ...(config.EnableLdap === 'true' ? [{ service: 'ldap', name: signInMethod(t, 'ldap') }] : []),
      ...ssoButtons(config, '').map((button) => ({ service: button.id, name: button.text })),
    ];
  if (targets.length === 0) return null;
  const set = (key: keyof typeof fields) => (value: string) => setFields((f) => ({ ...f, [key]: value }));

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!target) return;
    setBusy(true);
    setError('');
    try {
      const answer = target.service === 'email'
        ? await client.switchOAuthToEmail(current, me.email, fields.newPassword)
        : target.service === 'ldap'
          ? await client.switchEmailToLdap(me.email, fields.password, fields.ldapId, fields.newPassword, fields.mfaCode)
          : await client.switchEmailToOAuth(target.service, me.email, fields.password, fields.mfaCode);
      // The server ended this session (or sends us to the provider): a full page load follows its link.
      window.location.assign(answer.follow_link);
    } catch (err) {
      setError(serverError(err).message);
      setBusy(false);
    }
  };

  const input = (key: keyof typeof fields, label: string, type = 'password', autoComplete = 'off') => (
    <label className="field">
      <span>{label}</span>
      <input type={type} autoComplete={autoComplete} value={fields[key]} onChange={(e) => set(key)(e.target.value)} required />
    </label>
  );

  return (
    <section aria-label={t('security.switchTitle')}>
      <h5>{t('security.switchTitle')}</h5>
      <div className="setting-inline">
        {targets.map((option) => (
          <button key={option.service} type="button" className="button" aria-pressed={target?.service === option.service}
            onClick={() => { setTarget(option); setError(''); }}>
            {t('security.switchTo', { method: option.name })}
          </button>
        ))}
      </div>
      {target && (
        <form className="form" onSubmit={(e) => void submit(e)} aria-label={t('security.switchTo', { method: target.name })}>
          <p className="muted-text">{t('security.switchHelp', { method: target.name })}</p>
          {current === 'email' && input('password', t('security.currentPassword'), 'password', 'current-password')}
          {current === 'email' && me.mfa_active && input('mfaCode', t('security.mfaCode'), 'text', 'one-time-code')}
          {target.service === 'ldap' && input('ldapId', t('security.ldapId'), 'text', 'username')}
          {(target.service === 'email' || target.service === 'ldap') && input('newPassword', target.service === 'ldap' ? t('security.ldapPassword') : t('security.newPassword'), 'password', target.service === 'email' ? 'new-password' : 'off')}
          {error && <p className="form-error" role="alert">{error}</p>}
          <button type="submit" className="button primary" disabled={busy}>{t('security.switchTo', { method: target.name })}</button>
        </form>
      )}
    </section>
  );
}
