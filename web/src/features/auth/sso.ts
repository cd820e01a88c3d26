/** The server's answer to a login that needs the second factor and did not send it. */
export const MFA_NEEDED = 'mfa.validate_token.authenticate.app_error';
/** The server's answer to a wrong (or reused) MFA code. */
export const MFA_BAD_CODE = 'api.user.check_user_mfa.bad_code.app_error';

export interface SsoButton {
  id: 'gitlab' | 'google' | 'office365' | 'openid' | 'saml';
  text: string;
  href: string;
  /** background colour the admin chose (OpenID and SAML offer one) */
  color?: string;
}

/** The path the user wanted before landing on the login page, when it is one of ours (a path, not another site). */
export function wantedPath(search = window.location.search): string {
  const redirect = new URLSearchParams(search).get('redirect_to') ?? '';
  return redirect.startsWith('/') && !redirect.startsWith('//') ? redirect : '';
}

/**
 * The single sign-on buttons the client config turns on, in Mattermost's order. Each is a plain link to the
 * server's route (the server redirects to the provider), carrying redirect_to so the user lands where they meant to;
 * from the sign-up page they start the providers' sign-up (Mattermost's `/oauth/{service}/signup`, `action=signup`).
 */
export function ssoButtons(config: Record<string, string>, redirectTo: string, action: 'login' | 'signup' = 'login'): SsoButton[] {
  const query = redirectTo ? `redirect_to=${encodeURIComponent(redirectTo)}` : '';
  const oauth = (service: string): string => `/oauth/${service}/${action}${query ? `?${query}` : ''}`;
  const on = (key: string): boolean => config[key] === 'true';
  const buttons: SsoButton[] = [];
  if (on('EnableSignUpWithGitLab')) buttons.push({ id: 'gitlab', text: config.GitLabButtonText || 'GitLab', href: oauth('gitlab') });
  if (on('EnableSignUpWithGoogle')) buttons.push({ id: 'google', text: 'Google', href: oauth('google') });
  if (on('EnableSignUpWithOffice365')) buttons.push({ id: 'office365', text: 'Office 365', href: oauth('office365') });
  if (on('EnableSignUpWithOpenId')) {
    buttons.push({ id: 'openid', text: config.OpenIdButtonText || 'OpenID', href: oauth('openid'), color: config.OpenIdButtonColor || undefined });
  }
  if (on('EnableSaml')) {
    buttons.push({
      id: 'saml',
      text: config.SamlLoginButtonText || 'SAML',
      href: `/login/sso/saml?action=${action}${query ? `&${query}` : ''}`,
      color: config.SamlLoginButtonColor || undefined,
    });
  }
  return buttons;
}

/** A colour the admin typed, used only when it is a plain hex colour (it goes into a style attribute). */
export function safeColor(color: string | undefined): string | undefined {
  return color && /^#[0-9a-f]{3,8}$/i.test(color) ? color : undefined;
}
