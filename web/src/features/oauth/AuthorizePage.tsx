import type { OAuthApp } from '@mattermost/types/integrations';
import { useEffect, useState } from 'react';
import { client, errorMessage } from '../../api/client';
import { useT } from '../../i18n/useT';
import { AuthLayout } from '../auth/AuthLayout';
import { deniedRedirect, readAuthorizeRequest } from './authorize_request';
import '../../styles/oauth.css';

/**
 * /oauth/authorize: the consent page. The server sends the browser here only after checking the request (the app
 * exists, redirect_uri is one of its callbacks) and only when the user has not approved the app yet and it is not
 * trusted; approving asks the server for the redirect with the code, refusing goes back with access_denied.
 */
export function AuthorizePage() {
  const t = useT();
  const [request] = useState(() => readAuthorizeRequest(window.location.search));
  const [app, setApp] = useState<OAuthApp>();
  const [loadError, setLoadError] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    client.getOAuthAppInfo(request.clientId).then(setApp, (err: unknown) => setLoadError(errorMessage(err)));
  }, [request.clientId]);

  const allow = async (): Promise<void> => {
    setBusy(true);
    setError('');
    try {
      // Client4 types the answer as void; the server answers {redirect} (as Mattermost's does).
      const answer = (await client.authorizeOAuthApp(
        request.responseType, request.clientId, request.redirectUri, request.state, request.scope, undefined,
        request.codeChallenge || undefined, request.codeChallengeMethod || undefined,
      )) as unknown as { redirect: string };
      window.location.assign(answer.redirect);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  const deny = (): void => {
    setBusy(true);
    window.location.assign(deniedRedirect(request));
  };

  // The server checked redirect_uri before serving this page; checked again so that no link can make Deny an open redirect.
  const refused = loadError || (app && !app.callback_urls.includes(request.redirectUri) ? t('oauth.badRedirect') : '');
  if (!app || refused) {
    return (
      <AuthLayout title={t('oauth.title')} subtitle={refused ? '' : t('oauth.loading')}>
        {refused ? <p className="form-error" role="alert">{refused}</p> : <div className="spinner" role="status" />}
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title={t('oauth.title')} subtitle={t('oauth.subtitle', { name: app.name })}>
      <section className="oauth-app" aria-label={app.name}>
        {app.icon_url ? <img className="oauth-app-icon" src={app.icon_url} alt="" /> : <span className="oauth-app-icon" aria-hidden>{app.name.slice(0, 1).toUpperCase()}</span>}
        <div>
          <h2>{app.name}</h2>
          {app.description && <p>{app.description}</p>}
          <p>
            {t('oauth.homepage')}{' '}
            <a href={app.homepage} target="_blank" rel="noopener noreferrer">{app.homepage}</a>
          </p>
        </div>
      </section>
      <p className="form-notice">{t('oauth.explanation', { name: app.name })}</p>
      {error && <p className="form-error" role="alert">{error}</p>}
      <div className="oauth-actions">
        <button className="button" type="button" onClick={deny} disabled={busy}>{t('oauth.deny')}</button>
        <button className="button primary" type="button" onClick={() => void allow()} disabled={busy}>{t('oauth.allow')}</button>
      </div>
    </AuthLayout>
  );
}
