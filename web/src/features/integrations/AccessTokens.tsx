import { useState, type FormEvent } from 'react';
import type { UserAccessToken } from '@mattermost/types/users';
import { client, errorMessage } from '../../api/client';
import { useT } from '../../i18n/useT';
import { ActionButton, useLoad } from '../admin/ui';
import { CopyValue } from './parts';

/**
 * Personal access tokens of one user (mine in the account settings, a bot's in Bot Accounts): create with a
 * description, the token shown once, then deactivate, activate or delete.
 */
export function AccessTokens({ userId }: { userId: string }) {
  const t = useT();
  const tokens = useLoad(() => client.getUserAccessTokensForUser(userId, 0, 200), userId);
  const [description, setDescription] = useState('');
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState('');
  const [created, setCreated] = useState<UserAccessToken | null>(null);
  const create = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setError('');
    try {
      setCreated(await client.createUserAccessToken(userId, description.trim()));
      setDescription('');
      setAdding(false);
      tokens.reload();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const list = tokens.data ?? [];
  return (
    <div className="access-tokens">
      {created?.token && (
        <div className="access-token-created" role="status">
          <strong>{t('tokens.createdTitle')}</strong>
          <p>{t('tokens.createdIntro')}</p>
          <CopyValue label={t('tokens.token')} value={created.token} />
          <button type="button" className="link-button" onClick={() => setCreated(null)}>{t('integrations.done')}</button>
        </div>
      )}
      {tokens.error && <p className="form-error" role="alert">{tokens.error}</p>}
      {list.length > 0 ? (
        <ul className="access-token-list">
          {list.map((token) => (
            <li key={token.id} className={token.is_active ? 'access-token' : 'access-token muted'} aria-label={token.description}>
              <div className="access-token-main">
                <strong>{token.description}</strong>
                <span className="muted-text">{t('tokens.id', { id: token.id })}{token.is_active ? '' : ` · ${t('tokens.inactive')}`}</span>
              </div>
              <div className="integration-item-actions">
                {token.is_active ? (
                  <ActionButton label={t('tokens.deactivate')} action={() => client.disableUserAccessToken(token.id)} onDone={tokens.reload} />
                ) : (
                  <ActionButton label={t('tokens.activate')} action={() => client.enableUserAccessToken(token.id)} onDone={tokens.reload} />
                )}
                <ActionButton
                  label={t('integrations.delete')}
                  danger
                  action={() => client.revokeUserAccessToken(token.id)}
                  onDone={tokens.reload}
                  confirm={{ title: t('tokens.deleteTitle'), body: t('tokens.deleteBody', { name: token.description }), confirmLabel: t('integrations.delete') }}
                />
              </div>
            </li>
          ))}
        </ul>
      ) : (
        !tokens.loading && !tokens.error && <p className="muted-text">{t('tokens.none')}</p>
      )}
      {adding ? (
        <form className="access-token-form" onSubmit={(e) => void create(e)}>
          <label className="field">
            <span>{t('tokens.description')}</span>
            <input value={description} required maxLength={255} onChange={(e) => setDescription(e.target.value)} autoFocus />
          </label>
          <div className="form-actions">
            {error && <span className="form-error" role="alert">{error}</span>}
            <button type="button" className="button" onClick={() => setAdding(false)}>{t('common.cancel')}</button>
            <button type="submit" className="button primary" disabled={!description.trim()}>{t('tokens.save')}</button>
          </div>
        </form>
      ) : (
        <button type="button" className="button" onClick={() => setAdding(true)}>{t('tokens.create')}</button>
      )}
    </div>
  );
}
