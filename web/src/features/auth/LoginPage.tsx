import { useState, type FormEvent } from 'react';
import { errorMessage, serverError } from '../../api/client';
import { useT } from '../../i18n/useT';
import { login } from '../../store/actions/session';
import { navigate } from '../../router/navigate';
import { useStore } from '../../store/store';
import { AppLink } from '../../ui/AppLink';
import { checkEmailPath, NOT_VERIFIED } from './account';
import { AuthLayout } from './AuthLayout';

export function LoginPage() {
  const t = useT();
  const config = useStore((s) => s.config);
  const sessionExpired = useStore((s) => s.sessionExpired);
  // Prefilled from ?login_id= (the "Email verified" page links here with the address).
  const [loginId, setLoginId] = useState(() => new URLSearchParams(window.location.search).get('login_id') ?? '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const canSignUp = config.EnableUserCreation !== 'false' && config.EnableOpenServer !== 'false';
  // The server offers the link (PasswordSettings.EnableForgotLink) only when it can send the reset email.
  const canResetPassword = config.PasswordEnableForgotLink === 'true';

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      await login(loginId.trim(), password);
    } catch (err) {
      if (serverError(err).id === NOT_VERIFIED) {
        navigate(checkEmailPath(loginId.trim()));
        return;
      }
      setError(errorMessage(err) || t('auth.loginFailed'));
      setBusy(false);
    }
  };

  return (
    <AuthLayout title={t('auth.loginTitle')} subtitle={t('auth.loginSubtitle')}>
      {sessionExpired && <p className="form-notice" role="status">{t('auth.sessionExpired')}</p>}
      <form className="form" onSubmit={(e) => void submit(e)}>
        <label className="field">
          <span>{t('auth.loginId')}</span>
          <input name="loginId" autoComplete="username" autoFocus value={loginId} onChange={(e) => setLoginId(e.target.value)} required />
        </label>
        <label className="field">
          <span>{t('auth.password')}</span>
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        {error && <p className="form-error" role="alert">{error}</p>}
        <button className="button primary wide" type="submit" disabled={busy}>
          {busy ? t('auth.signingIn') : t('auth.signIn')}
        </button>
        {canResetPassword && (
          <AppLink to="/reset_password" className="link small">{t('auth.forgotPassword')}</AppLink>
        )}
      </form>
      {canSignUp && (
        <p className="auth-switch">
          {t('auth.noAccount')}{' '}
          <AppLink to="/signup_user_complete">
            {t('auth.createAccount')}
          </AppLink>
        </p>
      )}
    </AuthLayout>
  );
}
