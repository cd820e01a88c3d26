import { useEffect, useRef, useState } from 'react';
import { client, errorMessage } from '../../api/client';
import { useT } from '../../i18n/useT';
import { AppLink } from '../../ui/AppLink';
import { AuthLayout } from './AuthLayout';
import { useEmailLinkRequest } from './useEmailLinkRequest';

const queryValue = (name: string): string => new URLSearchParams(window.location.search).get(name) ?? '';

/** Asks for a new verification link, and says it is on its way (the answer is the same for unknown addresses). */
function ResendForm({ initialEmail }: { initialEmail: string }) {
  const t = useT();
  const { email, setEmail, sentTo, error, busy, submit } = useEmailLinkRequest((address) => client.sendVerificationEmail(address), initialEmail.includes('@') ? initialEmail : '');

  return (
    <form className="form" onSubmit={(e) => void submit(e)}>
      {!initialEmail.includes('@') && (
        <label className="field">
          <span>{t('auth.email')}</span>
          <input name="email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
        </label>
      )}
      {sentTo && <p className="form-notice" role="status">{t('verify.resent', { email: sentTo })}</p>}
      {error && <p className="form-error" role="alert">{error}</p>}
      <button className="button wide" type="submit" disabled={busy}>{busy ? t('verify.resending') : t('verify.resend')}</button>
    </form>
  );
}

/** /should_verify_email?email=…: after signing up (or a refused login) while the address is not verified. */
export function CheckEmailPage() {
  const t = useT();
  const [email] = useState(() => queryValue('email'));
  return (
    <AuthLayout title={t('verify.checkTitle')} subtitle={t('verify.checkSubtitle')}>
      <p className="form-notice">{email.includes('@') ? t('verify.checkBody', { email }) : t('verify.checkNoAddress')}</p>
      <ResendForm initialEmail={email} />
      <p className="auth-switch">
        <AppLink to="/login">{t('auth.backToLogin')}</AppLink>
      </p>
    </AuthLayout>
  );
}

/** /do_verify_email?token=…&email=…: the link from the verification email. */
export function VerifyEmailPage() {
  const t = useT();
  const [{ token, email }] = useState(() => ({ token: queryValue('token'), email: queryValue('email') }));
  const [state, setState] = useState<'verifying' | 'verified' | 'failed'>('verifying');
  const [error, setError] = useState('');

  // The link works once: verify once, even when React runs the effect twice (StrictMode).
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    client.verifyUserEmail(token).then(
      () => setState('verified'),
      (err: unknown) => {
        setError(errorMessage(err));
        setState('failed');
      },
    );
  }, [token]);

  if (state === 'verifying') {
    return (
      <AuthLayout title={t('verify.doingTitle')} subtitle={t('verify.doing')}>
        <div className="spinner" role="status" />
      </AuthLayout>
    );
  }
  if (state === 'verified') {
    return (
      <AuthLayout title={t('verify.doneTitle')} subtitle={t('verify.done', { email })}>
        <AppLink to={`/login?login_id=${encodeURIComponent(email)}`} className="button primary wide">{t('auth.signIn')}</AppLink>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title={t('verify.failedTitle')} subtitle={t('verify.failed')}>
      {error && <p className="form-error" role="alert">{error}</p>}
      <ResendForm initialEmail={email} />
      <p className="auth-switch">
        <AppLink to="/login">{t('auth.backToLogin')}</AppLink>
      </p>
    </AuthLayout>
  );
}
