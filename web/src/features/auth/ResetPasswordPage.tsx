import { useState, type FormEvent } from 'react';
import { client, errorMessage, serverError } from '../../api/client';
import { useT } from '../../i18n/useT';
import { navigate } from '../../router/navigate';
import { AppLink } from '../../ui/AppLink';
import { AuthLayout, usePasswordMinimum } from './AuthLayout';
import { useEmailLinkRequest } from './useEmailLinkRequest';

/** The server's answers that mean the link itself is no good: the way on is a new link. */
const LINK_ERRORS = new Set(['api.user.reset_password.invalid_link.app_error', 'api.user.reset_password.link_expired.app_error']);

/** /reset_password: asks for the address to send a reset link to. */
export function ResetPasswordPage() {
  const t = useT();
  const { email, setEmail, sentTo, error, busy, submit } = useEmailLinkRequest((address) => client.sendPasswordResetEmail(address));

  return (
    <AuthLayout title={t('auth.resetTitle')} subtitle={t('auth.resetSubtitle')}>
      {sentTo ? (
        <p className="form-notice" role="status">{t('auth.resetSent', { email: sentTo })}</p>
      ) : (
        <form className="form" onSubmit={(e) => void submit(e)}>
          <label className="field">
            <span>{t('auth.email')}</span>
            <input name="email" type="email" autoComplete="email" autoFocus value={email} onChange={(e) => setEmail(e.target.value)} required />
          </label>
          {error && <p className="form-error" role="alert">{error}</p>}
          <button className="button primary wide" type="submit" disabled={busy}>
            {busy ? t('auth.resetSending') : t('auth.resetSend')}
          </button>
        </form>
      )}
      <p className="auth-switch">
        <AppLink to="/login">{t('auth.backToLogin')}</AppLink>
      </p>
    </AuthLayout>
  );
}

/** /reset_password_complete?token=…: the link from the email, where the new password is chosen. */
export function ResetPasswordCompletePage() {
  const t = useT();
  const minLength = usePasswordMinimum();
  const [token] = useState(() => new URLSearchParams(window.location.search).get('token') ?? '');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState('');
  const [linkProblem, setLinkProblem] = useState(token ? '' : t('auth.resetLinkMissing'));
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (password.length < minLength) {
      setError(t('auth.passwordTooShort', { min: minLength }));
      return;
    }
    if (password !== confirm) {
      setError(t('auth.passwordsDiffer'));
      return;
    }
    setBusy(true);
    setError('');
    try {
      await client.resetUserPassword(token, password);
      setDone(true);
    } catch (err) {
      if (LINK_ERRORS.has(serverError(err).id)) setLinkProblem(errorMessage(err));
      else setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <AuthLayout title={t('auth.resetDoneTitle')} subtitle={t('auth.resetDone')}>
        <button className="button primary wide" type="button" onClick={() => navigate('/login')}>{t('auth.signIn')}</button>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title={t('auth.resetCompleteTitle')} subtitle={t('auth.resetCompleteSubtitle')}>
      {linkProblem ? (
        <>
          <p className="form-error" role="alert">{linkProblem}</p>
          <p className="auth-switch">
            <AppLink to="/reset_password">{t('auth.resetRequestNew')}</AppLink>
          </p>
        </>
      ) : (
        <form className="form" onSubmit={(e) => void submit(e)}>
          <label className="field">
            <span>{t('auth.newPassword')}</span>
            <input name="password" type="password" autoComplete="new-password" autoFocus value={password} onChange={(e) => setPassword(e.target.value)} required />
            <small>{t('auth.passwordHint', { min: minLength })}</small>
          </label>
          <label className="field">
            <span>{t('auth.confirmPassword')}</span>
            <input name="confirm" type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} required />
          </label>
          {error && <p className="form-error" role="alert">{error}</p>}
          <button className="button primary wide" type="submit" disabled={busy}>
            {busy ? t('auth.resetSaving') : t('auth.resetSave')}
          </button>
        </form>
      )}
      <p className="auth-switch">
        <AppLink to="/login">{t('auth.backToLogin')}</AppLink>
      </p>
    </AuthLayout>
  );
}
