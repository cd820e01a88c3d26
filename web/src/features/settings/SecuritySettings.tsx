import { useState } from 'react';
import { client, serverError } from '../../api/client';
import { useT } from '../../i18n/useT';
import { receivedUsers } from '../../store/actions/users';
import { useStore } from '../../store/store';
import { MfaSetup } from '../auth/MfaSetup';
import { signInMethod } from './sign_in_method';
import { SignInMethodSwitch } from './SignInMethodSwitch';
import '../../styles/identity.css';

/** Only accounts whose password Parley or the directory checks have a second factor here (as Mattermost). */
const usesMfa = (authService: string | undefined): boolean => !authService || authService === 'email' || authService === 'ldap';

async function reloadMe(): Promise<void> {
  receivedUsers([await client.getMe()]);
}

/** Account settings > Security: the sign-in method, and adding or removing MFA when the server offers it. */
export function SecuritySettings() {
  const t = useT();
  const me = useStore((s) => s.me);
  const config = useStore((s) => s.config);
  const [enrolling, setEnrolling] = useState(false);
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  if (!me) return null;
  const mfaOffered = config.EnableMultifactorAuthentication === 'true' && usesMfa(me.auth_service);
  const enforced = config.EnforceMultifactorAuthentication === 'true';

  const remove = async (): Promise<void> => {
    setError('');
    setMessage('');
    try {
      await client.updateUserMfa(me.id, false, '');
      await reloadMe();
      setMessage(t('security.mfaRemoved'));
    } catch (err) {
      setError(serverError(err).message);
    }
  };

  return (
    <section className="security-section" aria-label={t('security.title')}>
      <h4>{t('security.title')}</h4>
      <dl>
        <dt>{t('security.signInMethod')}</dt>
        <dd>{signInMethod(t, me.auth_service)}</dd>
      </dl>
      <SignInMethodSwitch />
      {mfaOffered && (
        <section aria-label={t('security.mfa')}>
          <h5>{t('security.mfa')}</h5>
          <p className="muted-text">{me.mfa_active ? t('security.mfaOn') : t('security.mfaOff')}</p>
          {message && <p className="form-ok" role="status">{message}</p>}
          {error && <p className="form-error" role="alert">{error}</p>}
          {me.mfa_active && !enforced && (
            <button type="button" className="button" onClick={() => void remove()}>
              {t('security.mfaRemove')}
            </button>
          )}
          {me.mfa_active && enforced && <p className="muted-text">{t('security.mfaRequired')}</p>}
          {!me.mfa_active && !enrolling && (
            <button type="button" className="button" onClick={() => { setEnrolling(true); setMessage(''); setError(''); }}>
              {t('security.mfaAdd')}
            </button>
          )}
          {!me.mfa_active && enrolling && (
            <MfaSetup
              userId={me.id}
              onActivated={() => {
                setEnrolling(false);
                void reloadMe().then(() => setMessage(t('security.mfaAdded')));
              }}
            />
          )}
        </section>
      )}
    </section>
  );
}
