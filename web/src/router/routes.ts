export type Route =
  | { name: 'login' }
  | { name: 'signup' }
  | { name: 'resetPassword' }
  | { name: 'resetPasswordComplete' }
  | { name: 'verifyEmail' }
  | { name: 'checkEmail' }
  | { name: 'selectTeam' }
  | { name: 'createTeam' }
  | { name: 'channel'; team: string; channel: string }
  | { name: 'dm'; team: string; username: string }
  | { name: 'gm'; team: string; channel: string }
  | { name: 'permalink'; team: string; postId: string }
  | { name: 'threads'; team: string; threadId: string }
  | { name: 'team'; team: string }
  | { name: 'adminConsole'; subpath: string }
  | { name: 'oauthAuthorize' }
  | { name: 'integrations'; team: string; section: string }
  | { name: 'mfaSetup' }
  | { name: 'mfaConfirm' }
  | { name: 'error' }
  | { name: 'root' };

const decode = (s: string): string => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/** Mattermost-style URLs: /:team/channels/:name, /:team/messages/@user, /:team/pl/:postId, /:team/threads. */
export function parseRoute(path: string): Route {
  const parts = path.split('/').filter(Boolean).map(decode);
  if (parts.length === 0) return { name: 'root' };
  const [first, second, third] = parts;
  // The System Console, Mattermost's /admin_console/<section>/<subpath> (a reserved team name there too).
  if (first === 'admin_console') return { name: 'adminConsole', subpath: parts.slice(1).join('/') };
  // The OAuth consent page (the server serves it at its own authorize URL; 'oauth' is a reserved team name).
  if (first === 'oauth' && second === 'authorize' && parts.length === 2) return { name: 'oauthAuthorize' };
  // MFA set-up the server enforces (Mattermost's paths; 'mfa' is a reserved team name there too).
  if (first === 'mfa' && parts.length === 2 && second === 'setup') return { name: 'mfaSetup' };
  if (first === 'mfa' && parts.length === 2 && second === 'confirm') return { name: 'mfaConfirm' };
  if (parts.length === 1) {
    if (first === 'login') return { name: 'login' };
    // Where the server sends a failed sign-in through a provider (Mattermost's /error?message=…).
    if (first === 'error') return { name: 'error' };
    if (first === 'signup_user_complete' || first === 'signup') return { name: 'signup' };
    // Password reset by email: ask for a link, and the link's page (its token in the query string).
    if (first === 'reset_password') return { name: 'resetPassword' };
    if (first === 'reset_password_complete') return { name: 'resetPasswordComplete' };
    // Email verification (Mattermost's paths): the link from the email, and "check your email" after sign-up.
    if (first === 'do_verify_email') return { name: 'verifyEmail' };
    if (first === 'should_verify_email') return { name: 'checkEmail' };
    if (first === 'select_team') return { name: 'selectTeam' };
    if (first === 'create_team') return { name: 'createTeam' };
    return { name: 'team', team: first };
  }
  if (second === 'channels' && third) return { name: 'channel', team: first, channel: third };
  if (second === 'messages' && third?.startsWith('@')) return { name: 'dm', team: first, username: third.slice(1) };
  if (second === 'messages' && third) return { name: 'gm', team: first, channel: third };
  if (second === 'pl' && third) return { name: 'permalink', team: first, postId: third };
  if (second === 'threads') return { name: 'threads', team: first, threadId: third ?? '' };
  if (second === 'integrations') return { name: 'integrations', team: first, section: third ?? '' };
  return { name: 'team', team: first };
}
