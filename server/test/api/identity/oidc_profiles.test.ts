import { describe, expect, it } from 'vitest';
import { safeRedirectPath } from '../../../src/app/identity/redirect_path.js';
import { gitLabProfile, googleProfile, office365Profile, openIdProfile } from '../../../src/app/identity/sso/profiles.js';
import { discoveryUrl, parseSsoSettings } from '../../../src/app/identity/sso/sso_settings.js';

// The providers without a stand-in peer here (Google, Microsoft) are checked on the answers their APIs document.
describe('single sign-on profiles', () => {
  it('maps OpenID Connect claims, and trusts an address only on email_verified: true', () => {
    const claims = { sub: 'abc', email: 'Ada@Example.org', email_verified: true, name: 'Ada King Lovelace', preferred_username: 'ada.k@corp.example', locale: 'de' };
    expect(openIdProfile('openid', claims, false)).toMatchObject({
      service: 'openid', authData: 'abc', email: 'Ada@Example.org', emailVerified: true, username: 'Ada', firstName: 'Ada', lastName: 'King Lovelace', locale: 'de',
    });
    expect(openIdProfile('openid', claims, true).username).toBe('ada.k');
    expect(openIdProfile('openid', { ...claims, email_verified: 'true' }, false).emailVerified).toBe(false);
    expect(openIdProfile('openid', { sub: 'x', email: 'a@b.c' }, false).emailVerified).toBe(false);
    // Office 365 keys people by their directory object id, and never vouches for the address.
    expect(openIdProfile('office365', { ...claims, oid: 'object-1' }, false)).toMatchObject({ authData: 'object-1', emailVerified: false });
  });

  it('maps GitLab, Google and Microsoft Graph user answers', () => {
    expect(gitLabProfile({ id: 7, username: 'linus', email: 'l@x.org', name: 'Linus Benedict Torvalds', confirmed_at: '2020-01-01T00:00:00Z' })).toMatchObject({
      service: 'gitlab', authData: '7', username: 'linus', firstName: 'Linus', lastName: 'Benedict Torvalds', emailVerified: true,
    });
    expect(gitLabProfile({ id: 0, login: 'l', email: 'l@x.org', name: 'L' })).toMatchObject({ authData: '', username: 'l', emailVerified: false });
    expect(googleProfile({
      resourceName: 'people/123',
      metadata: { sources: [{ type: 'PROFILE', id: '123' }] },
      names: [{ givenName: 'Grace', familyName: 'Hopper', metadata: { primary: true } }],
      emailAddresses: [{ value: 'old@x.org' }, { value: 'grace@x.org', metadata: { primary: true, verified: true } }],
    })).toMatchObject({ service: 'google', authData: '123', email: 'grace@x.org', emailVerified: true, firstName: 'Grace', lastName: 'Hopper', username: 'grace' });
    expect(office365Profile({ id: 'o-1', userPrincipalName: 'kim@corp.example', givenName: 'Kim', surname: 'Lee', mail: null }, false)).toMatchObject({
      service: 'office365', authData: 'o-1', email: 'kim@corp.example', emailVerified: false, firstName: 'Kim', lastName: 'Lee',
    });
  });

  it('keeps only same-site paths to return to', () => {
    expect(safeRedirectPath('/team/channels/town-square?x=1')).toBe('/team/channels/town-square?x=1');
    for (const bad of ['https://evil.example/', '//evil.example', '/\\evil.example', 'team', '/a\nb', undefined]) expect(safeRedirectPath(bad)).toBe('');
  });

  it('finds the discovery document as Mattermost does: named, or well known for Google and Office 365 with openid', () => {
    const settings = (over: Record<string, unknown>) => parseSsoSettings({ Enable: true, Id: 'x', ...over });
    expect(discoveryUrl('openid', settings({ DiscoveryEndpoint: 'https://idp/.well-known/openid-configuration' }))).toBe('https://idp/.well-known/openid-configuration');
    expect(discoveryUrl('google', settings({ Scope: 'profile email' }))).toBe('');
    expect(discoveryUrl('google', settings({ Scope: 'openid profile email' }))).toBe('https://accounts.google.com/.well-known/openid-configuration');
    expect(discoveryUrl('office365', settings({ Scope: 'openid', DirectoryId: 'tenant' }))).toBe('https://login.microsoftonline.com/tenant/v2.0/.well-known/openid-configuration');
    expect(discoveryUrl('gitlab', settings({ Scope: 'read_user' }))).toBe('');
  });
});
