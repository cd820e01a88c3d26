import { useT, type Translate } from '../../i18n/useT';
import { AppLink } from '../../ui/AppLink';
import { AuthLayout } from './AuthLayout';

/** The text for Mattermost's /error?type=… values a sign-in through a provider uses; other pages pass `message`. */
function describe(t: Translate, query: URLSearchParams): string {
  const service = query.get('service') || 'OAuth';
  switch (query.get('type')) {
    case 'oauth_access_denied': return t('auth.errorAccessDenied', { service });
    case 'oauth_missing_code': return t('auth.errorMissingCode', { service });
    default: return query.get('message') || t('auth.errorDefault');
  }
}

/**
 * /error?message=… or ?type=…&service=…: where the server sends the browser when a sign-in through a provider
 * fails (Mattermost's RenderWebError). The message is shown as text, never as markup.
 */
export function ErrorPage() {
  const t = useT();
  const query = new URLSearchParams(window.location.search);
  return (
    <AuthLayout title={query.get('title') || t('auth.errorTitle')} subtitle="">
      <p className="form-error" role="alert">{describe(t, query)}</p>
      <p className="auth-switch">
        <AppLink to="/login">{t('auth.backToLogin')}</AppLink>
      </p>
    </AuthLayout>
  );
}
