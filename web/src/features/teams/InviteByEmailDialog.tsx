import { useState, type FormEvent } from 'react';
import { client, errorMessage } from '../../api/client';
import { useT } from '../../i18n/useT';
import { useStore } from '../../store/store';
import { Modal } from '../../ui/Modal';

/** One address's outcome, as the server answers a graceful invitation. */
interface InviteResult {
  email: string;
  error?: { message?: string } | null;
}

/** The addresses typed in the field: separated by commas, semicolons, spaces or new lines. */
export function parseAddresses(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((a) => a.trim()).filter(Boolean))];
}

/** Invites people to the current team by email (ServiceSettings.EnableEmailInvitations), showing each address's outcome. */
export function InviteByEmailDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const team = useStore((s) => s.teams[s.currentTeamId]);
  const [text, setText] = useState('');
  const [results, setResults] = useState<InviteResult[]>([]);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  if (!team) return null;

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const emails = parseAddresses(text);
    if (emails.length === 0) {
      setError(t('invite.none'));
      return;
    }
    setBusy(true);
    setError('');
    try {
      const answer = (await client.sendEmailInvitesToTeamGracefully(team.id, emails)) as unknown as InviteResult[];
      setResults(answer);
      // What was sent leaves the field; what failed stays, to be corrected.
      setText(answer.filter((r) => r.error).map((r) => r.email).join(', '));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title={t('invite.title', { team: team.display_name })}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>{t('common.close')}</button>
          <button type="submit" form="invite-by-email" className="button primary" disabled={busy}>{busy ? t('invite.sending') : t('invite.send')}</button>
        </>
      }
    >
      <form id="invite-by-email" className="form" onSubmit={(e) => void submit(e)}>
        <label className="field">
          <span>{t('invite.addresses')}</span>
          <textarea name="emails" rows={3} value={text} onChange={(e) => setText(e.target.value)} autoFocus />
          <small>{t('invite.addressesHint')}</small>
        </label>
        {error && <p className="form-error" role="alert">{error}</p>}
        {results.length > 0 && (
          <ul className="invite-results" style={{ listStyle: 'none', padding: 0 }} aria-label={t('invite.results')}>
            {results.map((r) => (
              <li key={r.email} className={r.error ? 'form-error' : 'form-notice'} data-email={r.email}>
                <strong>{r.email}</strong>: {r.error ? r.error.message ?? '' : t('invite.sent')}
              </li>
            ))}
          </ul>
        )}
      </form>
    </Modal>
  );
}
