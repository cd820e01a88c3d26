import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../api/client';
import { useT } from '../../i18n/useT';
import { AppLink } from '../../ui/AppLink';
import { signUpAndSignIn, signupLinkFromUrl } from './account';
import { AuthLayout, usePasswordMinimum } from './AuthLayout';
import { ssoButtons } from './sso';
import { SsoLinks } from './SsoLinks';
import { useStore } from '../../store/store';

export function SignupPage() {
  const t = useT();
  const minLength = usePasswordMinimum();
  const config = useStore((s) => s.config);
  // An email invitation (t, with its team in d) or a team's invite link (id).
  const [link] = useState(() => signupLinkFromUrl());
  const [email, setEmail] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (password.length < minLength) {
      setError(t('auth.passwordTooShort', { min: minLength }));
      return;
    }
    setBusy(true);
    setError('');
    try {
      await signUpAndSignIn({ email: email.trim(), username: username.trim().toLowerCase(), password }, link);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <AuthLayout
      title={link.team ? t('signup.invitedTo', { team: link.team.displayName }) : t('auth.signupTitle')}
      subtitle={link.team ? t('signup.invitedSubtitle') : t('auth.signupSubtitle')}
    >
      <form className="form" onSubmit={(e) => void submit(e)}>
        <label className="field">
          <span>{t('auth.email')}</span>
          <input name="email" type="email" autoComplete="email" autoFocus value={email} onChange={(e) => setEmail(e.target.value)} required />
        </label>
        <label className="field">
          <span>{t('auth.username')}</span>
          <input name="username" autoComplete="username" pattern="[a-zA-Z][a-zA-Z0-9._\-]{0,63}" value={username} onChange={(e) => setUsername(e.target.value)} required />
          <small>{t('auth.usernameHint')}</small>
        </label>
        <label className="field">
          <span>{t('auth.password')}</span>
          <input name="password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
          <small>{t('auth.passwordHint', { min: minLength })}</small>
        </label>
        {error && <p className="form-error" role="alert">{error}</p>}
        <button className="button primary wide" type="submit" disabled={busy}>
          {busy ? t('auth.creating') : t('auth.createAccount')}
        </button>
      </form>
      {/* Invitations are accepted with an account made here; the providers' sign-up knows nothing of them. */}
      {!link.token && !link.inviteId && <SsoLinks buttons={ssoButtons(config, '', 'signup')} label={t('auth.orSignUpWith')} />}
      <p className="auth-switch">
        {t('auth.haveAccount')}{' '}
        <AppLink to="/login">
          {t('auth.signIn')}
        </AppLink>
      </p>
    </AuthLayout>
  );
}
