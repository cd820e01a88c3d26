import { describe, expect, it } from 'vitest';
import type { ConfigDocument } from '../src/features/admin/settings/configPath';
import { settingsSections } from '../src/features/admin/settings';
import { openid } from '../src/features/admin/settings/pages/openid';
import { chosenProvider } from '../src/features/admin/settings/identity/OpenIdActions';
import { safeColor, ssoButtons, wantedPath } from '../src/features/auth/sso';
import { parseRoute } from '../src/router/routes';
import type { Translate } from '../src/i18n/useT';

describe('login page single sign-on buttons', () => {
  const all = {
    EnableSignUpWithGitLab: 'true', GitLabButtonText: 'Company GitLab',
    EnableSignUpWithGoogle: 'true', EnableSignUpWithOffice365: 'true',
    EnableSignUpWithOpenId: 'true', OpenIdButtonText: '', OpenIdButtonColor: '#145DBF',
    EnableSaml: 'true', SamlLoginButtonText: 'Corporate SSO',
  };

  it('offers only what the client config turns on, each linking to the server route', () => {
    expect(ssoButtons({}, '')).toEqual([]);
    expect(ssoButtons({ ...all, EnableSignUpWithGoogle: 'false', EnableSaml: 'false' }, '').map((b) => [b.text, b.href])).toEqual([
      ['Company GitLab', '/oauth/gitlab/login'],
      ['Office 365', '/oauth/office365/login'],
      ['OpenID', '/oauth/openid/login'],
    ]);
  });

  it('carries redirect_to (after ? for OAuth, & for SAML) when the user wanted a page', () => {
    const hrefs = Object.fromEntries(ssoButtons(all, '/acme/channels/off-topic').map((b) => [b.id, b.href]));
    expect(hrefs).toEqual({
      gitlab: '/oauth/gitlab/login?redirect_to=%2Facme%2Fchannels%2Foff-topic',
      google: '/oauth/google/login?redirect_to=%2Facme%2Fchannels%2Foff-topic',
      office365: '/oauth/office365/login?redirect_to=%2Facme%2Fchannels%2Foff-topic',
      openid: '/oauth/openid/login?redirect_to=%2Facme%2Fchannels%2Foff-topic',
      saml: '/login/sso/saml?action=login&redirect_to=%2Facme%2Fchannels%2Foff-topic',
    });
    expect(ssoButtons(all, '').find((b) => b.id === 'saml')?.text).toBe('Corporate SSO');
  });

  it('starts the providers\' sign-up from the sign-up page', () => {
    expect(ssoButtons(all, '', 'signup').map((b) => b.href)).toEqual([
      '/oauth/gitlab/signup', '/oauth/google/signup', '/oauth/office365/signup', '/oauth/openid/signup', '/login/sso/saml?action=signup',
    ]);
  });

  it('keeps redirect_to only for paths on this site, and colours only when they are plain hex', () => {
    expect(wantedPath('?redirect_to=%2Facme%2Fchannels%2Fx')).toBe('/acme/channels/x');
    expect(wantedPath('?redirect_to=https%3A%2F%2Fevil.example')).toBe('');
    expect(wantedPath('?redirect_to=%2F%2Fevil.example')).toBe('');
    expect(safeColor('#145DBF')).toBe('#145DBF');
    expect(safeColor('red;background:url(x)')).toBeUndefined();
  });
});

describe('identity routes and console pages', () => {
  it('routes the MFA set-up pages and the SSO error page', () => {
    expect(parseRoute('/mfa/setup')).toEqual({ name: 'mfaSetup' });
    expect(parseRoute('/mfa/confirm')).toEqual({ name: 'mfaConfirm' });
    expect(parseRoute('/error')).toEqual({ name: 'error' });
    expect(parseRoute('/mfa')).toEqual({ name: 'team', team: 'mfa' });
  });

  it('lists MFA, AD/LDAP, SAML and OpenID Connect under Authentication', () => {
    const paths = settingsSections.filter((s) => s.group === 'Authentication').map((s) => s.path);
    expect(paths).toEqual(expect.arrayContaining(['authentication/mfa', 'authentication/ldap', 'authentication/saml', 'authentication/openid']));
  });

  it('shows the fields of the provider the form turned on, one at a time', () => {
    const t = ((key: string) => key) as Translate;
    const doc = (enabled: string): ConfigDocument => Object.fromEntries(
      ['GitLabSettings', 'GoogleSettings', 'Office365Settings', 'OpenIdSettings'].map((section) => [section, { Enable: section === enabled }]),
    ) as unknown as ConfigDocument;
    expect(chosenProvider(doc('none'))).toBeNull();
    expect(openid.fields(t, doc('none'), doc('none'))).toEqual([]);
    expect(openid.fields(t, doc('none'), doc('Office365Settings')).map((f) => f.path)).toEqual([
      'Office365Settings.Id', 'Office365Settings.Secret', 'Office365Settings.DirectoryId',
    ]);
    expect(openid.fields(t, doc('none'), doc('OpenIdSettings')).map((f) => f.path)).toContain('OpenIdSettings.DiscoveryEndpoint');
    expect(openid.tracked).toEqual(['GitLabSettings.Enable', 'GoogleSettings.Enable', 'Office365Settings.Enable', 'OpenIdSettings.Enable']);
  });
});
