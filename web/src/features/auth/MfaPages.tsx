import { useState } from 'react';
import { serverError } from '../../api/client';
import { useT } from '../../i18n/useT';
import { navigate } from '../../router/navigate';
import { loadMe, logout } from '../../store/actions/session';
import { useStore } from '../../store/store';
import { AuthLayout } from './AuthLayout';
import { MfaSetup } from './MfaSetup';

/** /mfa/setup: the full page a user lands on when the server enforces MFA and theirs is not set up. */
export function MfaSetupPage() {
  const t = useT();
  const me = useStore((s) => s.me);
  if (!me) return null;
  return (
    <AuthLayout title={t('mfa.setupTitle')} subtitle={t('mfa.setupRequired')}>
      <MfaSetup userId={me.id} onActivated={() => navigate('/mfa/confirm', { replace: true })} />
      <p className="auth-switch">
        <button type="button" className="link-button" onClick={() => void logout()}>
          {t('mfa.logout')}
        </button>
      </p>
    </AuthLayout>
  );
}

/** /mfa/confirm: set-up done; Continue loads what the server refused before (teams, channels) and opens the app. */
export function MfaConfirmPage() {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const proceed = async (): Promise<void> => {
    setBusy(true);
    setError('');
    try {
      await loadMe();
      navigate('/', { replace: true });
    } catch (err) {
      setError(serverError(err).message);
      setBusy(false);
    }
  };
  return (
    <AuthLayout title={t('mfa.confirmTitle')} subtitle={t('mfa.confirmBody')}>
      {error && <p className="form-error" role="alert">{error}</p>}
      <button type="button" className="button primary wide" disabled={busy} onClick={() => void proceed()}>
        {t('mfa.continue')}
      </button>
    </AuthLayout>
  );
}
