import { lazy, Suspense, useEffect } from 'react';
import { useStore } from './store/store';
import { parseRoute } from './router/routes';
import { navigate } from './router/navigate';
import { LoginPage } from './features/auth/LoginPage';
import { SignupPage } from './features/auth/SignupPage';
import { ResetPasswordCompletePage, ResetPasswordPage } from './features/auth/ResetPasswordPage';
import { CheckEmailPage, VerifyEmailPage } from './features/auth/VerifyEmailPages';
import { MfaConfirmPage, MfaSetupPage } from './features/auth/MfaPages';
import { ErrorPage } from './features/auth/ErrorPage';
import { SelectTeamPage } from './features/teams/SelectTeamPage';
import { Workspace } from './features/layout/Workspace';
import { useTheme } from './features/settings/theme';
import { useT } from './i18n/useT';
import { canOpenConsole } from './features/admin/access';
import { showToast } from './features/layout/Toast';
import { AuthorizePage } from './features/oauth/AuthorizePage';
import { InteractiveDialogHost } from './features/posts/dialogs/InteractiveDialog';

const AdminConsole = lazy(() => import('./features/admin/AdminConsole').then((m) => ({ default: m.AdminConsole })));
const IntegrationsPage = lazy(() => import('./features/integrations/IntegrationsPage').then((m) => ({ default: m.IntegrationsPage })));

/** Top-level routing: signed-out pages, team selection, or the workspace. */
export function App() {
  const booted = useStore((s) => s.booted);
  const me = useStore((s) => s.me);
  const path = useStore((s) => s.path);
  const myTeamIds = useStore((s) => s.myTeamIds);
  const teams = useStore((s) => s.teams);
  const route = parseRoute(path);
  const t = useT();
  useTheme();

  const signedOutPage = route.name === 'login' || route.name === 'signup';
  // Password reset and email verification pages open signed in or not (a link may be opened in a browser signed in elsewhere).
  const resetPage = route.name === 'resetPassword' || route.name === 'resetPasswordComplete' || route.name === 'verifyEmail' || route.name === 'checkEmail' || route.name === 'error';
  useEffect(() => {
    if (!booted) return;
    if (resetPage) return;
    if (!me && !signedOutPage) navigate(`/login${path !== '/' ? `?redirect_to=${encodeURIComponent(path)}` : ''}`, { replace: true });
    else if (me && signedOutPage) {
      const redirect = new URLSearchParams(window.location.search).get('redirect_to');
      // The OAuth authorize URL is the server's (it decides whether to ask at all), so it is loaded, not routed to.
      if (redirect?.startsWith('/oauth/')) {
        window.location.replace(redirect);
        return;
      }
      const first = teams[myTeamIds[0]];
      navigate(redirect && redirect.startsWith('/') && !redirect.startsWith('//') ? redirect : first ? `/${first.name}` : '/select_team', { replace: true });
    } else if (me && route.name === 'root') {
      const first = teams[myTeamIds[0]];
      navigate(first ? `/${first.name}` : '/select_team', { replace: true });
    } else if (me && route.name === 'adminConsole' && !canOpenConsole(me.roles)) {
      // Sent back to chat, and told why (the toast shows in the workspace it lands in).
      const first = teams[myTeamIds[0]];
      showToast(t('admin.notAllowed'));
      navigate(first ? `/${first.name}` : '/select_team', { replace: true });
    }
  }, [booted, me, signedOutPage, resetPage, route.name, path, teams, myTeamIds, t]);

  if (!booted) {
    return (
      <div className="splash" role="status">
        <div className="spinner" />
        <span>{t('app.loading')}</span>
      </div>
    );
  }
  if (route.name === 'resetPassword') return <ResetPasswordPage />;
  if (route.name === 'resetPasswordComplete') return <ResetPasswordCompletePage />;
  if (route.name === 'verifyEmail') return <VerifyEmailPage />;
  if (route.name === 'checkEmail') return <CheckEmailPage />;
  if (route.name === 'error') return <ErrorPage />;
  if (!me) return route.name === 'signup' ? <SignupPage /> : <LoginPage />;
  if (route.name === 'mfaSetup') return <MfaSetupPage />;
  if (route.name === 'mfaConfirm') return <MfaConfirmPage />;
  if (route.name === 'oauthAuthorize') return <AuthorizePage />;
  if (route.name === 'adminConsole') {
    if (!canOpenConsole(me.roles)) return null;
    return (
      <Suspense fallback={<div className="splash" role="status"><div className="spinner" /></div>}>
        <AdminConsole subpath={route.subpath} />
      </Suspense>
    );
  }
  if (route.name === 'selectTeam' || route.name === 'createTeam' || myTeamIds.length === 0) {
    return <SelectTeamPage create={route.name === 'createTeam' || myTeamIds.length === 0} />;
  }
  if (signedOutPage || route.name === 'root') return null;
  if (route.name === 'integrations') {
    return (
      <Suspense fallback={<div className="splash" role="status"><div className="spinner" /></div>}>
        <IntegrationsPage teamName={route.team} section={route.section} />
      </Suspense>
    );
  }
  return (
    <>
      <Workspace route={route} />
      <InteractiveDialogHost />
    </>
  );
}
