import { useEffect, useState, type FormEvent } from 'react';
import type { MfaSecret } from '@mattermost/types/mfa';
import { client, serverError } from '../../api/client';
import { useT } from '../../i18n/useT';
import { MFA_BAD_CODE } from './sso';
import '../../styles/identity.css';

/** A wrong code at activation (Mattermost's id) or at login. */
const BAD_CODES = ['mfa.activate.bad_token.app_error', MFA_BAD_CODE];

/**
 * Enrolment: asks the server for a new secret (POST /users/{id}/mfa/generate), shows it as a QR code and as
 * text, and activates MFA with a code from the app (PUT /users/{id}/mfa). The secret is not active until then.
 */
export function MfaSetup({ userId, onActivated }: { userId: string; onActivated: () => void }) {
  const t = useT();
  const [secret, setSecret] = useState<MfaSecret | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    client.generateMfaSecret(userId).then(
      (generated) => current && setSecret(generated),
      (err: unknown) => current && setError(serverError(err).message),
    );
    return () => {
      current = false;
    };
  }, [userId]);

  const activate = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      await client.updateUserMfa(userId, true, code.trim());
      onActivated();
    } catch (err) {
      const failure = serverError(err);
      setError(BAD_CODES.includes(failure.id) ? t('auth.mfaBadCode') : failure.message);
      setCode('');
      setBusy(false);
    }
  };

  if (!secret) {
    return error ? <p className="form-error" role="alert">{error}</p> : <p className="muted-text" role="status">{t('mfa.generating')}</p>;
  }
  return (
    <form className="form mfa-setup" onSubmit={(e) => void activate(e)}>
      <p>{t('mfa.setupSteps')}</p>
      <div className="mfa-setup-qr">
        <img src={`data:image/png;base64,${secret.qr_code}`} alt={t('mfa.qrAlt')} />
        <div>
          <div className="muted-text">{t('mfa.secret')}</div>
          <code className="mfa-secret" aria-label={t('mfa.secret')}>{secret.secret}</code>
        </div>
      </div>
      <label className="field">
        <span>{t('mfa.code')}</span>
        <input
          name="mfa-code"
          autoComplete="one-time-code"
          inputMode="numeric"
          pattern="[0-9]*"
          maxLength={6}
          value={code}
          onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
          required
        />
      </label>
      {error && <p className="form-error" role="alert">{error}</p>}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={busy || code.length === 0}>
          {busy ? t('mfa.activating') : t('mfa.activate')}
        </button>
      </div>
    </form>
  );
}
