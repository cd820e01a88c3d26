import type { Translate } from '../../i18n/useT';

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
