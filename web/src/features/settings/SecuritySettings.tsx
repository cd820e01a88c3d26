import { useState } from 'react';
import { client, serverError } from '../../api/client';
import { useT, type Translate } from '../../i18n/useT';
import { receivedUsers } from '../../store/actions/users';
import { useStore } from '../../store/store';
import { MfaSetup } from '../auth/MfaSetup';
import '../../styles/identity.css';

/** How a user signs in, from their auth_service (Mattermost's names for each method). */
export function signInMethod(t: Translate, authService: string | undefined): string {
  switch (authService) {
    case 'ldap': return t('security.method.ldap');
    case 'saml': return t('security.method.saml');
    case 'gitlab': return t('security.method.gitlab');
    case 'google': return t('security.method.google');
    case 'office365': return t('security.method.office365');
    case 'openid': return t('security.method.openid');
    case '':
    case 'email':
    case undefined: return t('security.method.email');
    default: return authService;
  }
}

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
