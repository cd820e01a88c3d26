import { useEffect, useState, type FormEvent } from 'react';
import { client, errorMessage, serverError } from '../../api/client';
import { useT } from '../../i18n/useT';
import { AppLink } from '../../ui/AppLink';
import { signUpAndSignIn, signupLinkFromUrl, type SignupLink } from './account';
import { AuthLayout, usePasswordMinimum } from './AuthLayout';
import { ssoButtons } from './sso';
import { SsoLinks } from './SsoLinks';
import { useStore } from '../../store/store';
import { USERNAME_MAX_LENGTH, USERNAME_REFUSED, usernameAsTyped, usernameProblem } from './username_rules';

/** The team an invite link (?id=) is for, asked of the server (no session needed); null when the link is not valid. */
function useInvitedTeam(link: SignupLink): SignupLink['team'] | null | undefined {
  const [team, setTeam] = useState<SignupLink['team'] | null>();
  const inviteId = link.token ? '' : link.inviteId;
  useEffect(() => {
    if (!inviteId) return;
    client.getTeamInviteInfo(inviteId).then((info) => setTeam({ displayName: info.display_name, name: info.name }), () => setTeam(null));
  }, [inviteId]);
  return link.team ?? team;
}

export function SignupPage() {
  const t = useT();
  const minLength = usePasswordMinimum();
  const config = useStore((s) => s.config);
  // An email invitation (t, with its team in d) or a team's invite link (id).
  const [link] = useState(() => signupLinkFromUrl());
  const invitedTeam = useInvitedTeam(link);
  const [email, setEmail] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [usernameError, setUsernameError] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const invited = Boolean(link.token || link.inviteId);
  const usernameMessage = (problem: 'invalid' | 'reserved'): string =>
    problem === 'reserved' ? t('signup.usernameReserved', { name: username }) : t('signup.usernameInvalid');

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const problem = usernameProblem(username);
    setUsernameError(problem ? usernameMessage(problem) : '');
    if (problem) return;
    if (password.length < minLength) {
      setError(t('auth.passwordTooShort', { min: minLength }));
      return;
    }
    setBusy(true);
    setError('');
    try {
      await signUpAndSignIn({ email: email.trim(), username, password }, link);
    } catch (err) {
      // The server's refusal of a username reads as the form's own, so the two never disagree.
      if (serverError(err).id === USERNAME_REFUSED) setUsernameError(t('signup.usernameInvalid'));
      else setError(errorMessage(err));
      setBusy(false);
    }
  };

  // Only a server with no accounts yet makes this sign-up its administrator (Mattermost's NoAccounts).
  const subtitle = invitedTeam ? t('signup.invitedSubtitle') : !invited && config.NoAccounts === 'true' ? t('auth.signupSubtitle') : t('signup.subtitle');
  return (
    <AuthLayout title={invitedTeam ? t('signup.invitedTo', { team: invitedTeam.displayName }) : t('auth.signupTitle')} subtitle={subtitle}>
      {invitedTeam === null && <p className="form-error" role="alert">{t('signup.inviteInvalid')}</p>}
      <form className="form" onSubmit={(e) => void submit(e)}>
        <label className="field">
          <span>{t('auth.email')}</span>
          <input name="email" type="email" autoComplete="email" autoFocus value={email} onChange={(e) => setEmail(e.target.value)} required />
        </label>
        <label className="field">
          <span>{t('auth.username')}</span>
          <input
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            maxLength={USERNAME_MAX_LENGTH}
            value={username}
            aria-invalid={usernameError ? true : undefined}
            aria-describedby="signup-username-hint"
            onChange={(e) => {
              setUsername(usernameAsTyped(e.target.value));
              setUsernameError('');
            }}
            required
          />
          <small id="signup-username-hint">{t('auth.usernameHint')}</small>
          {usernameError && <span className="form-error" role="alert">{usernameError}</span>}
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
      {!invited && <SsoLinks buttons={ssoButtons(config, '', 'signup')} label={t('auth.orSignUpWith')} />}
      <p className="auth-switch">
        {t('auth.haveAccount')}{' '}
        <AppLink to="/login">
          {t('auth.signIn')}
        </AppLink>
      </p>
    </AuthLayout>
  );
}
