import { useState } from 'react';
import type { AdminConfig } from '@mattermost/types/config';
import { client, serverError } from '../../../api/client';
import { useT } from '../../../i18n/useT';
import type { ConfigDocument } from './configPath';


type Outcome = { ok: true } | { ok: false; message: string } | null;

/** "Send test email": POST /email/test with the form's current, unsaved values, and the server's answer. */
export function TestEmail({ draft }: { draft: ConfigDocument }) {
  const t = useT();
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const send = async (): Promise<void> => {
    setSending(true);
    setOutcome(null);
    try {
      await client.testEmail(draft as AdminConfig);
      setOutcome({ ok: true });
    } catch (err) {
      setOutcome({ ok: false, message: serverError(err).message });
    } finally {
      setSending(false);
    }
  };
  return (
    <div className="setting">
      <span className="setting-label">{t('admin.smtp.test')}</span>
      <div className="setting-control">
        <div className="setting-inline">
          <button type="button" className="button" disabled={sending} onClick={() => void send()}>
            {sending ? t('admin.smtp.testSending') : t('admin.smtp.testButton')}
          </button>
          {outcome?.ok && (
            <span className="form-ok" role="status">
              {t('admin.smtp.testSent')}
            </span>
          )}
          {outcome && !outcome.ok && (
            <span className="form-error" role="alert">
              {outcome.message}
            </span>
          )}
        </div>
        <p className="setting-help">{t('admin.smtp.testHelp')}</p>
      </div>
    </div>
  );
}
