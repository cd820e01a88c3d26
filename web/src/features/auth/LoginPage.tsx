import { useState, type FormEvent } from 'react';
import { errorMessage, serverError } from '../../api/client';
import { useT, type Translate } from '../../i18n/useT';
import { login } from '../../store/actions/session';
import { navigate } from '../../router/navigate';
import { useStore } from '../../store/store';
import { AppLink } from '../../ui/AppLink';
import { checkEmailPath, NOT_VERIFIED } from './account';
import { AuthLayout } from './AuthLayout';
import { MFA_BAD_CODE, MFA_NEEDED, ssoButtons, wantedPath } from './sso';
import { SsoLinks } from './SsoLinks';
import '../../styles/identity.css';

/** What the URL says about how the user got here: Mattermost's ?extra= notes, and an SSO failure's message. */
function urlNotes(t: Translate, search: string): { notice: string; error: string } {
  const query = new URLSearchParams(search);
  const extras: Record<string, string> = {
    expired: t('auth.sessionExpired'),
    signin_change: t('auth.signinChanged'),
    password_change: t('auth.passwordChangedExtra'),
    verified: t('auth.verifiedExtra'),
  };
  const failure = query.get('error') || query.get('message') || '';
  return { notice: extras[query.get('extra') ?? ''] ?? '', error: failure ? t('auth.ssoFailed', { message: failure }) : '' };
}

export function LoginPage() {
  const t = useT();
  const config = useStore((s) => s.config);
  const sessionExpired = useStore((s) => s.sessionExpired);
  // Prefilled from ?login_id= (the "Email verified" page links here with the address).
  const [loginId, setLoginId] = useState(() => new URLSearchParams(window.location.search).get('login_id') ?? '');
  const [password, setPassword] = useState('');
  // The second step: the server asked for the MFA code; the password stays in memory to send with it.
  const [mfaStep, setMfaStep] = useState(false);
  const [token, setToken] = useState('');
  const [notes] = useState(() => urlNotes(t, window.location.search));
  const [error, setError] = useState(notes.error);
  const [busy, setBusy] = useState(false);
  const canSignUp = config.EnableUserCreation !== 'false' && config.EnableOpenServer !== 'false';
  // The server offers the link (PasswordSettings.EnableForgotLink) only when it can send the reset email.
  const canResetPassword = config.PasswordEnableForgotLink === 'true';
  const loginIdLabel = config.EnableLdap === 'true' ? t('auth.loginIdLdap', { ldap: config.LdapLoginFieldName || t('auth.ldapUsername') }) : t('auth.loginId');
  const sso = ssoButtons(config, wantedPath());

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      await login(loginId.trim(), password, mfaStep ? token.trim() : '');
    } catch (err) {
      const id = serverError(err).id;
      setBusy(false);
      if (id === NOT_VERIFIED) {
        navigate(checkEmailPath(loginId.trim()));
      } else if (id === MFA_NEEDED && !mfaStep) {
        setMfaStep(true);
      } else if (mfaStep && (id === MFA_BAD_CODE || id === MFA_NEEDED)) {
        setToken('');
        setError(t('auth.mfaBadCode'));
      } else {
        setError(errorMessage(err) || t('auth.loginFailed'));
      }
    }
  };

  if (mfaStep) {
    return (
      <AuthLayout title={t('auth.mfaTitle')} subtitle={t('auth.mfaSubtitle')}>
        <form className="form" onSubmit={(e) => void submit(e)}>
          <label className="field">
            <span>{t('auth.mfaToken')}</span>
            <input
              name="token"
              autoComplete="one-time-code"
              inputMode="numeric"
              pattern="[0-9]*"
              maxLength={6}
              autoFocus
              value={token}
              onChange={(e) => setToken(e.target.value.replace(/\D/g, ''))}
              required
            />
          </label>
          {error && <p className="form-error" role="alert">{error}</p>}
          <button className="button primary wide" type="submit" disabled={busy || token.length === 0}>
            {busy ? t('auth.mfaVerifying') : t('auth.mfaVerify')}
          </button>
          <button
            type="button"
            className="link-button small"
            onClick={() => {
              setMfaStep(false);
              setToken('');
              setPassword('');
              setError('');
            }}
          >
            {t('auth.backToLogin')}
          </button>
        </form>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title={t('auth.loginTitle')} subtitle={t('auth.loginSubtitle')}>
      {(sessionExpired || notes.notice) && <p className="form-notice" role="status">{sessionExpired ? t('auth.sessionExpired') : notes.notice}</p>}
      <form className="form" onSubmit={(e) => void submit(e)}>
        <label className="field">
          <span>{loginIdLabel}</span>
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
      <SsoLinks buttons={sso} label={t('auth.orSignInWith')} />
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
